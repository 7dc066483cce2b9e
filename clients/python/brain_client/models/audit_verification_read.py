from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_verification_read_trigger import AuditVerificationReadTrigger
from ..models.audit_verify_mode import AuditVerifyMode

T = TypeVar("T", bound="AuditVerificationRead")


@_attrs_define
class AuditVerificationRead:
    """One recorded verification of the audit chain.

    Attributes:
        id (UUID):
        started_at (datetime.datetime):
        finished_at (datetime.datetime):
        mode (AuditVerifyMode):
        trigger (AuditVerificationReadTrigger):
        actor_id (None | UUID):
        from_seq (int):
        to_seq (int):
        entries (int):
        valid (bool):
        broken_at (int | None):
        reason (None | str):
    """

    id: UUID
    started_at: datetime.datetime
    finished_at: datetime.datetime
    mode: AuditVerifyMode
    trigger: AuditVerificationReadTrigger
    actor_id: None | UUID
    from_seq: int
    to_seq: int
    entries: int
    valid: bool
    broken_at: int | None
    reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        started_at = self.started_at.isoformat()

        finished_at = self.finished_at.isoformat()

        mode = self.mode.value

        trigger = self.trigger.value

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        from_seq = self.from_seq

        to_seq = self.to_seq

        entries = self.entries

        valid = self.valid

        broken_at: int | None
        broken_at = self.broken_at

        reason: None | str
        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "started_at": started_at,
                "finished_at": finished_at,
                "mode": mode,
                "trigger": trigger,
                "actor_id": actor_id,
                "from_seq": from_seq,
                "to_seq": to_seq,
                "entries": entries,
                "valid": valid,
                "broken_at": broken_at,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        finished_at = datetime.datetime.fromisoformat(d.pop("finished_at"))

        mode = AuditVerifyMode(d.pop("mode"))

        trigger = AuditVerificationReadTrigger(d.pop("trigger"))

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        from_seq = d.pop("from_seq")

        to_seq = d.pop("to_seq")

        entries = d.pop("entries")

        valid = d.pop("valid")

        def _parse_broken_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        broken_at = _parse_broken_at(d.pop("broken_at"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        audit_verification_read = cls(
            id=id,
            started_at=started_at,
            finished_at=finished_at,
            mode=mode,
            trigger=trigger,
            actor_id=actor_id,
            from_seq=from_seq,
            to_seq=to_seq,
            entries=entries,
            valid=valid,
            broken_at=broken_at,
            reason=reason,
        )

        audit_verification_read.additional_properties = d
        return audit_verification_read

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
