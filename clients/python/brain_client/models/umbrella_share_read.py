from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.share_status import ShareStatus

T = TypeVar("T", bound="UmbrellaShareRead")


@_attrs_define
class UmbrellaShareRead:
    """
    Attributes:
        id (UUID):
        relationship_id (UUID):
        level (int):
        amount (str): BUZ, two places.
        status (ShareStatus):
        source_transfer_id (UUID): The transfer that paid the referred user (in their BUZ transactions).
        source_amount (str): BUZ, two places.
        source_user_id (UUID):
        earner_id (UUID):
        transfer_id (None | UUID): The share's own transfer; null if zero.
        reversal_id (None | UUID): VOIDED: the transfer that took the paid share back (null if none was made).
        created_at (datetime.datetime):
        paid_at (datetime.datetime | None):
        voided_at (datetime.datetime | None):
    """

    id: UUID
    relationship_id: UUID
    level: int
    amount: str
    status: ShareStatus
    source_transfer_id: UUID
    source_amount: str
    source_user_id: UUID
    earner_id: UUID
    transfer_id: None | UUID
    reversal_id: None | UUID
    created_at: datetime.datetime
    paid_at: datetime.datetime | None
    voided_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        relationship_id = str(self.relationship_id)

        level = self.level

        amount = self.amount

        status = self.status.value

        source_transfer_id = str(self.source_transfer_id)

        source_amount = self.source_amount

        source_user_id = str(self.source_user_id)

        earner_id = str(self.earner_id)

        transfer_id: None | str
        if isinstance(self.transfer_id, UUID):
            transfer_id = str(self.transfer_id)
        else:
            transfer_id = self.transfer_id

        reversal_id: None | str
        if isinstance(self.reversal_id, UUID):
            reversal_id = str(self.reversal_id)
        else:
            reversal_id = self.reversal_id

        created_at = self.created_at.isoformat()

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        voided_at: None | str
        if isinstance(self.voided_at, datetime.datetime):
            voided_at = self.voided_at.isoformat()
        else:
            voided_at = self.voided_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "relationship_id": relationship_id,
                "level": level,
                "amount": amount,
                "status": status,
                "source_transfer_id": source_transfer_id,
                "source_amount": source_amount,
                "source_user_id": source_user_id,
                "earner_id": earner_id,
                "transfer_id": transfer_id,
                "reversal_id": reversal_id,
                "created_at": created_at,
                "paid_at": paid_at,
                "voided_at": voided_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        relationship_id = UUID(d.pop("relationship_id"))

        level = d.pop("level")

        amount = d.pop("amount")

        status = ShareStatus(d.pop("status"))

        source_transfer_id = UUID(d.pop("source_transfer_id"))

        source_amount = d.pop("source_amount")

        source_user_id = UUID(d.pop("source_user_id"))

        earner_id = UUID(d.pop("earner_id"))

        def _parse_transfer_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                transfer_id_type_0 = UUID(data)

                return transfer_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        transfer_id = _parse_transfer_id(d.pop("transfer_id"))

        def _parse_reversal_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reversal_id_type_0 = UUID(data)

                return reversal_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        reversal_id = _parse_reversal_id(d.pop("reversal_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        def _parse_voided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                voided_at_type_0 = datetime.datetime.fromisoformat(data)

                return voided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        voided_at = _parse_voided_at(d.pop("voided_at"))

        umbrella_share_read = cls(
            id=id,
            relationship_id=relationship_id,
            level=level,
            amount=amount,
            status=status,
            source_transfer_id=source_transfer_id,
            source_amount=source_amount,
            source_user_id=source_user_id,
            earner_id=earner_id,
            transfer_id=transfer_id,
            reversal_id=reversal_id,
            created_at=created_at,
            paid_at=paid_at,
            voided_at=voided_at,
        )

        umbrella_share_read.additional_properties = d
        return umbrella_share_read

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
