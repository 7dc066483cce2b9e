from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.badge_code import BadgeCode
from ..models.rarity import Rarity

T = TypeVar("T", bound="BadgeProgress")


@_attrs_define
class BadgeProgress:
    """
    Attributes:
        badge (BadgeCode):
        name (str):
        rarity (Rarity):
        earned (bool):
        earned_at (datetime.datetime | None):
        revoked (bool):
        current (int): The measure's value now (BUZ in minor units).
        target (int):
        progress (float):
    """

    badge: BadgeCode
    name: str
    rarity: Rarity
    earned: bool
    earned_at: datetime.datetime | None
    revoked: bool
    current: int
    target: int
    progress: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        badge = self.badge.value

        name = self.name

        rarity = self.rarity.value

        earned = self.earned

        earned_at: None | str
        if isinstance(self.earned_at, datetime.datetime):
            earned_at = self.earned_at.isoformat()
        else:
            earned_at = self.earned_at

        revoked = self.revoked

        current = self.current

        target = self.target

        progress = self.progress

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "badge": badge,
                "name": name,
                "rarity": rarity,
                "earned": earned,
                "earned_at": earned_at,
                "revoked": revoked,
                "current": current,
                "target": target,
                "progress": progress,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        badge = BadgeCode(d.pop("badge"))

        name = d.pop("name")

        rarity = Rarity(d.pop("rarity"))

        earned = d.pop("earned")

        def _parse_earned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                earned_at_type_0 = datetime.datetime.fromisoformat(data)

                return earned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        earned_at = _parse_earned_at(d.pop("earned_at"))

        revoked = d.pop("revoked")

        current = d.pop("current")

        target = d.pop("target")

        progress = d.pop("progress")

        badge_progress = cls(
            badge=badge,
            name=name,
            rarity=rarity,
            earned=earned,
            earned_at=earned_at,
            revoked=revoked,
            current=current,
            target=target,
            progress=progress,
        )

        badge_progress.additional_properties = d
        return badge_progress

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
