from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StreakRead")


@_attrs_define
class StreakRead:
    """
    Attributes:
        current (int): Consecutive UTC days signed in, ending today or yesterday.
        best (int):
        last_login_day (datetime.date | None):
    """

    current: int
    best: int
    last_login_day: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current = self.current

        best = self.best

        last_login_day: None | str
        if isinstance(self.last_login_day, datetime.date):
            last_login_day = self.last_login_day.isoformat()
        else:
            last_login_day = self.last_login_day

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current": current,
                "best": best,
                "last_login_day": last_login_day,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current = d.pop("current")

        best = d.pop("best")

        def _parse_last_login_day(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_login_day_type_0 = datetime.date.fromisoformat(data)

                return last_login_day_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_login_day = _parse_last_login_day(d.pop("last_login_day"))

        streak_read = cls(
            current=current,
            best=best,
            last_login_day=last_login_day,
        )

        streak_read.additional_properties = d
        return streak_read

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
