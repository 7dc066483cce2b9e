from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EarnedTotals")


@_attrs_define
class EarnedTotals:
    """
    Attributes:
        day (str): Paid in the last 24 hours.
        week (str): Paid in the last 7 days.
        month (str): Paid in the last 30 days.
        total (str): BUZ, two places.
    """

    day: str
    week: str
    month: str
    total: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day

        week = self.week

        month = self.month

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "week": week,
                "month": month,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = d.pop("day")

        week = d.pop("week")

        month = d.pop("month")

        total = d.pop("total")

        earned_totals = cls(
            day=day,
            week=week,
            month=month,
            total=total,
        )

        earned_totals.additional_properties = d
        return earned_totals

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
