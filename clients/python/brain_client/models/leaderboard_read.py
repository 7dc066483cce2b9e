from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.period import Period

if TYPE_CHECKING:
    from ..models.leaderboard_row import LeaderboardRow


T = TypeVar("T", bound="LeaderboardRead")


@_attrs_define
class LeaderboardRead:
    """
    Attributes:
        category (Category):
        period (Period):
        period_key (str): `all`, the ISO week (`2026-W49`) or month (`2026-12`).
        items (list[LeaderboardRow]):
        me (LeaderboardRow | None): The caller's own row, if on the board.
    """

    category: Category
    period: Period
    period_key: str
    items: list[LeaderboardRow]
    me: LeaderboardRow | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.leaderboard_row import LeaderboardRow  # noqa: PLC0415

        category = self.category.value

        period = self.period.value

        period_key = self.period_key

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        me: dict[str, Any] | None
        if isinstance(self.me, LeaderboardRow):
            me = self.me.to_dict()
        else:
            me = self.me

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "period": period,
                "period_key": period_key,
                "items": items,
                "me": me,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.leaderboard_row import LeaderboardRow  # noqa: PLC0415

        d = dict(src_dict)
        category = Category(d.pop("category"))

        period = Period(d.pop("period"))

        period_key = d.pop("period_key")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = LeaderboardRow.from_dict(items_item_data)

            items.append(items_item)

        def _parse_me(data: object) -> LeaderboardRow | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                me_type_0 = LeaderboardRow.from_dict(data)

                return me_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LeaderboardRow | None, data)

        me = _parse_me(d.pop("me"))

        leaderboard_read = cls(
            category=category,
            period=period,
            period_key=period_key,
            items=items,
            me=me,
        )

        leaderboard_read.additional_properties = d
        return leaderboard_read

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
