from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.level import Level

if TYPE_CHECKING:
    from ..models.earned_badge import EarnedBadge
    from ..models.streak_read import StreakRead


T = TypeVar("T", bound="GamificationProfileRead")


@_attrs_define
class GamificationProfileRead:
    """
    Attributes:
        user_id (UUID):
        display_name (str):
        xp (int):
        level (Level):
        next_level (Level | None):
        next_level_xp (int | None): The XP the next level starts at.
        xp_to_next_level (int | None):
        progress (float): Of the way from this level to the next.
        badges (list[EarnedBadge]):
        streak (StreakRead):
    """

    user_id: UUID
    display_name: str
    xp: int
    level: Level
    next_level: Level | None
    next_level_xp: int | None
    xp_to_next_level: int | None
    progress: float
    badges: list[EarnedBadge]
    streak: StreakRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        display_name = self.display_name

        xp = self.xp

        level = self.level.value

        next_level: None | str
        if isinstance(self.next_level, Level):
            next_level = self.next_level.value
        else:
            next_level = self.next_level

        next_level_xp: int | None
        next_level_xp = self.next_level_xp

        xp_to_next_level: int | None
        xp_to_next_level = self.xp_to_next_level

        progress = self.progress

        badges = []
        for badges_item_data in self.badges:
            badges_item = badges_item_data.to_dict()
            badges.append(badges_item)

        streak = self.streak.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "display_name": display_name,
                "xp": xp,
                "level": level,
                "next_level": next_level,
                "next_level_xp": next_level_xp,
                "xp_to_next_level": xp_to_next_level,
                "progress": progress,
                "badges": badges,
                "streak": streak,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.earned_badge import EarnedBadge  # noqa: PLC0415
        from ..models.streak_read import StreakRead  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        display_name = d.pop("display_name")

        xp = d.pop("xp")

        level = Level(d.pop("level"))

        def _parse_next_level(data: object) -> Level | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_level_type_0 = Level(data)

                return next_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Level | None, data)

        next_level = _parse_next_level(d.pop("next_level"))

        def _parse_next_level_xp(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        next_level_xp = _parse_next_level_xp(d.pop("next_level_xp"))

        def _parse_xp_to_next_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        xp_to_next_level = _parse_xp_to_next_level(d.pop("xp_to_next_level"))

        progress = d.pop("progress")

        badges = []
        _badges = d.pop("badges")
        for badges_item_data in _badges:
            badges_item = EarnedBadge.from_dict(badges_item_data)

            badges.append(badges_item)

        streak = StreakRead.from_dict(d.pop("streak"))

        gamification_profile_read = cls(
            user_id=user_id,
            display_name=display_name,
            xp=xp,
            level=level,
            next_level=next_level,
            next_level_xp=next_level_xp,
            xp_to_next_level=xp_to_next_level,
            progress=progress,
            badges=badges,
            streak=streak,
        )

        gamification_profile_read.additional_properties = d
        return gamification_profile_read

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
