from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotificationShortcuts")


@_attrs_define
class NotificationShortcuts:
    """
    Attributes:
        email (bool | Unset): Non-critical email notifications. Default: True.
        push (bool | Unset): Push notifications. Default: True.
        in_app (bool | Unset): In-app notifications. Default: True.
    """

    email: bool | Unset = True
    push: bool | Unset = True
    in_app: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        push = self.push

        in_app = self.in_app

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if push is not UNSET:
            field_dict["push"] = push
        if in_app is not UNSET:
            field_dict["in_app"] = in_app

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email", UNSET)

        push = d.pop("push", UNSET)

        in_app = d.pop("in_app", UNSET)

        notification_shortcuts = cls(
            email=email,
            push=push,
            in_app=in_app,
        )

        return notification_shortcuts
