from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.user_send_type import UserSendType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_send_data import UserSendData


T = TypeVar("T", bound="UserSend")


@_attrs_define
class UserSend:
    """
    Attributes:
        user_id (UUID):
        data (UserSendData):
        type_ (UserSendType | Unset):  Default: UserSendType.SYSTEM_ANNOUNCEMENT.
    """

    user_id: UUID
    data: UserSendData
    type_: UserSendType | Unset = UserSendType.SYSTEM_ANNOUNCEMENT

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        data = self.data.to_dict()

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "data": data,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_send_data import UserSendData  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        data = UserSendData.from_dict(d.pop("data"))

        _type_ = d.pop("type", UNSET)
        type_: UserSendType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = UserSendType(_type_)

        user_send = cls(
            user_id=user_id,
            data=data,
            type_=type_,
        )

        return user_send
