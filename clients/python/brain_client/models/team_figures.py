from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TeamFigures")


@_attrs_define
class TeamFigures:
    """
    Attributes:
        size (int): Members now: 1 (the creator) + joined - left, all time.
        joined (int):
        left (int):
        growth (int): joined - left in the period.
    """

    size: int
    joined: int
    left: int
    growth: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        size = self.size

        joined = self.joined

        left = self.left

        growth = self.growth

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "size": size,
                "joined": joined,
                "left": left,
                "growth": growth,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        size = d.pop("size")

        joined = d.pop("joined")

        left = d.pop("left")

        growth = d.pop("growth")

        team_figures = cls(
            size=size,
            joined=joined,
            left=left,
            growth=growth,
        )

        team_figures.additional_properties = d
        return team_figures

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
