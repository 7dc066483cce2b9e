from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="QuietHoursBody")


@_attrs_define
class QuietHoursBody:
    """
    Attributes:
        start (str): Local time `HH:MM` (24 h) in your settings' time zone.
        end (str): `HH:MM`; earlier than `start` spans midnight.
    """

    start: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start = d.pop("start")

        end = d.pop("end")

        quiet_hours_body = cls(
            start=start,
            end=end,
        )

        return quiet_hours_body
