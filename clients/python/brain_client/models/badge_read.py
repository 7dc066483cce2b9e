from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.badge_code import BadgeCode
from ..models.rarity import Rarity

T = TypeVar("T", bound="BadgeRead")


@_attrs_define
class BadgeRead:
    """
    Attributes:
        badge (BadgeCode):
        name (str):
        rarity (Rarity):
        description (str):
        target (int):
        xp (int): XP for earning it (the `badge_earned` rule).
        buz_reward (str): BUZ paid on earning it, a decimal string.
    """

    badge: BadgeCode
    name: str
    rarity: Rarity
    description: str
    target: int
    xp: int
    buz_reward: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        badge = self.badge.value

        name = self.name

        rarity = self.rarity.value

        description = self.description

        target = self.target

        xp = self.xp

        buz_reward = self.buz_reward

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "badge": badge,
                "name": name,
                "rarity": rarity,
                "description": description,
                "target": target,
                "xp": xp,
                "buz_reward": buz_reward,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        badge = BadgeCode(d.pop("badge"))

        name = d.pop("name")

        rarity = Rarity(d.pop("rarity"))

        description = d.pop("description")

        target = d.pop("target")

        xp = d.pop("xp")

        buz_reward = d.pop("buz_reward")

        badge_read = cls(
            badge=badge,
            name=name,
            rarity=rarity,
            description=description,
            target=target,
            xp=xp,
            buz_reward=buz_reward,
        )

        badge_read.additional_properties = d
        return badge_read

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
