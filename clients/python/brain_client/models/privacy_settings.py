from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.users_visibility import UsersVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="PrivacySettings")


@_attrs_define
class PrivacySettings:
    """
    Attributes:
        activity (UsersVisibility | Unset): Who may see a profile field.
    """

    activity: UsersVisibility | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        activity: str | Unset = UNSET
        if not isinstance(self.activity, Unset):
            activity = self.activity.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if activity is not UNSET:
            field_dict["activity"] = activity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _activity = d.pop("activity", UNSET)
        activity: UsersVisibility | Unset
        if isinstance(_activity, Unset):
            activity = UNSET
        else:
            activity = UsersVisibility(_activity)

        privacy_settings = cls(
            activity=activity,
        )

        return privacy_settings
