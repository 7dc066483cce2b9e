from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.badge_code import BadgeCode
from ..models.rarity import Rarity

T = TypeVar("T", bound="EarnedBadge")


@_attrs_define
class EarnedBadge:
    """
    Attributes:
        badge (BadgeCode):
        name (str):
        rarity (Rarity):
        earned_at (datetime.datetime):
    """

    badge: BadgeCode
    name: str
    rarity: Rarity
    earned_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        badge = self.badge.value

        name = self.name

        rarity = self.rarity.value

        earned_at = self.earned_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "badge": badge,
                "name": name,
                "rarity": rarity,
                "earned_at": earned_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        badge = BadgeCode(d.pop("badge"))

        name = d.pop("name")

        rarity = Rarity(d.pop("rarity"))

        earned_at = datetime.datetime.fromisoformat(d.pop("earned_at"))

        earned_badge = cls(
            badge=badge,
            name=name,
            rarity=rarity,
            earned_at=earned_at,
        )

        earned_badge.additional_properties = d
        return earned_badge

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
