from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.signer_role import SignerRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="SignerIn")


@_attrs_define
class SignerIn:
    """
    Attributes:
        user_id (UUID):
        role (SignerRole | Unset):
        order (int | Unset):  Default: 1.
    """

    user_id: UUID
    role: SignerRole | Unset = UNSET
    order: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        order = self.order

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        _role = d.pop("role", UNSET)
        role: SignerRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = SignerRole(_role)

        order = d.pop("order", UNSET)

        signer_in = cls(
            user_id=user_id,
            role=role,
            order=order,
        )

        return signer_in
