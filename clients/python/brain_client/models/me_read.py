from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="MeRead")


@_attrs_define
class MeRead:
    """
    Attributes:
        id (UUID):
        email (str):
        display_name (str):
        role (Role):
        permissions (list[str]):
        session_id (UUID):
        email_verified (bool):
    """

    id: UUID
    email: str
    display_name: str
    role: Role
    permissions: list[str]
    session_id: UUID
    email_verified: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        email = self.email

        display_name = self.display_name

        role = self.role.value

        permissions = self.permissions

        session_id = str(self.session_id)

        email_verified = self.email_verified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "display_name": display_name,
                "role": role,
                "permissions": permissions,
                "session_id": session_id,
                "email_verified": email_verified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        email = d.pop("email")

        display_name = d.pop("display_name")

        role = Role(d.pop("role"))

        permissions = cast(list[str], d.pop("permissions"))

        session_id = UUID(d.pop("session_id"))

        email_verified = d.pop("email_verified")

        me_read = cls(
            id=id,
            email=email,
            display_name=display_name,
            role=role,
            permissions=permissions,
            session_id=session_id,
            email_verified=email_verified,
        )

        me_read.additional_properties = d
        return me_read

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
