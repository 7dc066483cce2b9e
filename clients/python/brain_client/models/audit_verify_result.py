from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_verify_mode import AuditVerifyMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditVerifyResult")


@_attrs_define
class AuditVerifyResult:
    """
    Attributes:
        valid (bool):
        mode (AuditVerifyMode):
        from_seq (int): First entry walked; the checkpoint entry (`from_seq - 1`) is re-hashed too in an incremental
            verification. Above `to_seq` when nothing new was appended.
        to_seq (int): Last entry walked: the chain's head when the walk began.
        entries (int): Entries walked before the first break (all, if valid).
        broken_at (int | None): `seq` of the first entry that fails, if any.
        head_hash (str): Hash of entry `to_seq`: keep it outside the database to anchor the chain.
        checkpoint_seq (int): The checkpoint after this verification.
        checkpoint_verified_at (datetime.datetime | None): When the checkpoint was last moved (by any verification).
        last_full_verified_at (datetime.datetime | None): When the whole chain was last walked (the daily job or
            `full=true`).
        last_full_valid (bool | None): What that full walk found.
        verification_id (UUID): The record of this verification.
        reason (None | str | Unset):
    """

    valid: bool
    mode: AuditVerifyMode
    from_seq: int
    to_seq: int
    entries: int
    broken_at: int | None
    head_hash: str
    checkpoint_seq: int
    checkpoint_verified_at: datetime.datetime | None
    last_full_verified_at: datetime.datetime | None
    last_full_valid: bool | None
    verification_id: UUID
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        valid = self.valid

        mode = self.mode.value

        from_seq = self.from_seq

        to_seq = self.to_seq

        entries = self.entries

        broken_at: int | None
        broken_at = self.broken_at

        head_hash = self.head_hash

        checkpoint_seq = self.checkpoint_seq

        checkpoint_verified_at: None | str
        if isinstance(self.checkpoint_verified_at, datetime.datetime):
            checkpoint_verified_at = self.checkpoint_verified_at.isoformat()
        else:
            checkpoint_verified_at = self.checkpoint_verified_at

        last_full_verified_at: None | str
        if isinstance(self.last_full_verified_at, datetime.datetime):
            last_full_verified_at = self.last_full_verified_at.isoformat()
        else:
            last_full_verified_at = self.last_full_verified_at

        last_full_valid: bool | None
        last_full_valid = self.last_full_valid

        verification_id = str(self.verification_id)

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "valid": valid,
                "mode": mode,
                "from_seq": from_seq,
                "to_seq": to_seq,
                "entries": entries,
                "broken_at": broken_at,
                "head_hash": head_hash,
                "checkpoint_seq": checkpoint_seq,
                "checkpoint_verified_at": checkpoint_verified_at,
                "last_full_verified_at": last_full_verified_at,
                "last_full_valid": last_full_valid,
                "verification_id": verification_id,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        valid = d.pop("valid")

        mode = AuditVerifyMode(d.pop("mode"))

        from_seq = d.pop("from_seq")

        to_seq = d.pop("to_seq")

        entries = d.pop("entries")

        def _parse_broken_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        broken_at = _parse_broken_at(d.pop("broken_at"))

        head_hash = d.pop("head_hash")

        checkpoint_seq = d.pop("checkpoint_seq")

        def _parse_checkpoint_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checkpoint_verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return checkpoint_verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        checkpoint_verified_at = _parse_checkpoint_verified_at(d.pop("checkpoint_verified_at"))

        def _parse_last_full_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_full_verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_full_verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_full_verified_at = _parse_last_full_verified_at(d.pop("last_full_verified_at"))

        def _parse_last_full_valid(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        last_full_valid = _parse_last_full_valid(d.pop("last_full_valid"))

        verification_id = UUID(d.pop("verification_id"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        audit_verify_result = cls(
            valid=valid,
            mode=mode,
            from_seq=from_seq,
            to_seq=to_seq,
            entries=entries,
            broken_at=broken_at,
            head_hash=head_hash,
            checkpoint_seq=checkpoint_seq,
            checkpoint_verified_at=checkpoint_verified_at,
            last_full_verified_at=last_full_verified_at,
            last_full_valid=last_full_valid,
            verification_id=verification_id,
            reason=reason,
        )

        audit_verify_result.additional_properties = d
        return audit_verify_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
