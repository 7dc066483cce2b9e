from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.legal_audit_entry_read_data import LegalAuditEntryReadData


T = TypeVar("T", bound="LegalAuditEntryRead")


@_attrs_define
class LegalAuditEntryRead:
    """
    Attributes:
        seq (int):
        id (UUID):
        occurred_at (datetime.datetime):
        action (str):
        actor_id (None | UUID):
        user_id (None | UUID):
        document_id (None | UUID):
        data (LegalAuditEntryReadData):
        prev_hash (str):
        hash_ (str):
    """

    seq: int
    id: UUID
    occurred_at: datetime.datetime
    action: str
    actor_id: None | UUID
    user_id: None | UUID
    document_id: None | UUID
    data: LegalAuditEntryReadData
    prev_hash: str
    hash_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        action = self.action

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        user_id: None | str
        if isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        document_id: None | str
        if isinstance(self.document_id, UUID):
            document_id = str(self.document_id)
        else:
            document_id = self.document_id

        data = self.data.to_dict()

        prev_hash = self.prev_hash

        hash_ = self.hash_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
                "id": id,
                "occurred_at": occurred_at,
                "action": action,
                "actor_id": actor_id,
                "user_id": user_id,
                "document_id": document_id,
                "data": data,
                "prev_hash": prev_hash,
                "hash": hash_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legal_audit_entry_read_data import LegalAuditEntryReadData  # noqa: PLC0415

        d = dict(src_dict)
        seq = d.pop("seq")

        id = UUID(d.pop("id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        action = d.pop("action")

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

        def _parse_user_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        user_id = _parse_user_id(d.pop("user_id"))

        def _parse_document_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                document_id_type_0 = UUID(data)

                return document_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        document_id = _parse_document_id(d.pop("document_id"))

        data = LegalAuditEntryReadData.from_dict(d.pop("data"))

        prev_hash = d.pop("prev_hash")

        hash_ = d.pop("hash")

        legal_audit_entry_read = cls(
            seq=seq,
            id=id,
            occurred_at=occurred_at,
            action=action,
            actor_id=actor_id,
            user_id=user_id,
            document_id=document_id,
            data=data,
            prev_hash=prev_hash,
            hash_=hash_,
        )

        legal_audit_entry_read.additional_properties = d
        return legal_audit_entry_read

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
