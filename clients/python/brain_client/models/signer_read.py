from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signer_role import SignerRole
from ..models.signer_status import SignerStatus

T = TypeVar("T", bound="SignerRead")


@_attrs_define
class SignerRead:
    """
    Attributes:
        user_id (UUID):
        display_name (None | str):
        role (SignerRole):
        order (int):
        status (SignerStatus):
        viewed_at (datetime.datetime | None):
        acted_at (datetime.datetime | None):
        decline_reason (None | str):
    """

    user_id: UUID
    display_name: None | str
    role: SignerRole
    order: int
    status: SignerStatus
    viewed_at: datetime.datetime | None
    acted_at: datetime.datetime | None
    decline_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        display_name: None | str
        display_name = self.display_name

        role = self.role.value

        order = self.order

        status = self.status.value

        viewed_at: None | str
        if isinstance(self.viewed_at, datetime.datetime):
            viewed_at = self.viewed_at.isoformat()
        else:
            viewed_at = self.viewed_at

        acted_at: None | str
        if isinstance(self.acted_at, datetime.datetime):
            acted_at = self.acted_at.isoformat()
        else:
            acted_at = self.acted_at

        decline_reason: None | str
        decline_reason = self.decline_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "display_name": display_name,
                "role": role,
                "order": order,
                "status": status,
                "viewed_at": viewed_at,
                "acted_at": acted_at,
                "decline_reason": decline_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        role = SignerRole(d.pop("role"))

        order = d.pop("order")

        status = SignerStatus(d.pop("status"))

        def _parse_viewed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                viewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return viewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        viewed_at = _parse_viewed_at(d.pop("viewed_at"))

        def _parse_acted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acted_at_type_0 = datetime.datetime.fromisoformat(data)

                return acted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acted_at = _parse_acted_at(d.pop("acted_at"))

        def _parse_decline_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decline_reason = _parse_decline_reason(d.pop("decline_reason"))

        signer_read = cls(
            user_id=user_id,
            display_name=display_name,
            role=role,
            order=order,
            status=status,
            viewed_at=viewed_at,
            acted_at=acted_at,
            decline_reason=decline_reason,
        )

        signer_read.additional_properties = d
        return signer_read

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
