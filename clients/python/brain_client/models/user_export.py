from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UserExport")


@_attrs_define
class UserExport:
    """The data export document (brain/core/export.py): these fields, then one object per
    installed domain (`users`, `notifications`, `auth`, `state_machines`, `legal`, `buz`,
    ...) with what that domain holds on the user.

        Attributes:
            format_ (Literal['smartstart.user-data-export']):
            format_version (int): Bumped when a key changes meaning or goes away.
            generated_at (datetime.datetime):
            user_id (UUID):
    """

    format_: Literal["smartstart.user-data-export"]
    format_version: int
    generated_at: datetime.datetime
    user_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_

        format_version = self.format_version

        generated_at = self.generated_at.isoformat()

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "format": format_,
                "format_version": format_version,
                "generated_at": generated_at,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        format_ = cast(Literal["smartstart.user-data-export"], d.pop("format"))
        if format_ != "smartstart.user-data-export":
            raise ValueError(f"format must match const 'smartstart.user-data-export', got '{format_}'")

        format_version = d.pop("format_version")

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        user_id = UUID(d.pop("user_id"))

        user_export = cls(
            format_=format_,
            format_version=format_version,
            generated_at=generated_at,
            user_id=user_id,
        )

        user_export.additional_properties = d
        return user_export

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
