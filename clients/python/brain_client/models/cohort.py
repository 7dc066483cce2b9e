from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.retention_week import RetentionWeek


T = TypeVar("T", bound="Cohort")


@_attrs_define
class Cohort:
    """
    Attributes:
        week (datetime.date): The cohort: Monday (UTC) of its signup week.
        size (int):
        weeks (list[RetentionWeek]):
    """

    week: datetime.date
    size: int
    weeks: list[RetentionWeek]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        week = self.week.isoformat()

        size = self.size

        weeks = []
        for weeks_item_data in self.weeks:
            weeks_item = weeks_item_data.to_dict()
            weeks.append(weeks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "week": week,
                "size": size,
                "weeks": weeks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.retention_week import RetentionWeek  # noqa: PLC0415

        d = dict(src_dict)
        week = datetime.date.fromisoformat(d.pop("week"))

        size = d.pop("size")

        weeks = []
        _weeks = d.pop("weeks")
        for weeks_item_data in _weeks:
            weeks_item = RetentionWeek.from_dict(weeks_item_data)

            weeks.append(weeks_item)

        cohort = cls(
            week=week,
            size=size,
            weeks=weeks,
        )

        cohort.additional_properties = d
        return cohort

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
