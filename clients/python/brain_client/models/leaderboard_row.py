from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LeaderboardRow")


@_attrs_define
class LeaderboardRow:
    """
    Attributes:
        rank (int):
        user_id (UUID):
        display_name (str):
        score (str): XP or badges as a whole number, BUZ as a decimal string with two places.
        xp (int | None | Unset): The user's total XP (the XP board only).
    """

    rank: int
    user_id: UUID
    display_name: str
    score: str
    xp: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rank = self.rank

        user_id = str(self.user_id)

        display_name = self.display_name

        score = self.score

        xp: int | None | Unset
        if isinstance(self.xp, Unset):
            xp = UNSET
        else:
            xp = self.xp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rank": rank,
                "user_id": user_id,
                "display_name": display_name,
                "score": score,
            }
        )
        if xp is not UNSET:
            field_dict["xp"] = xp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rank = d.pop("rank")

        user_id = UUID(d.pop("user_id"))

        display_name = d.pop("display_name")

        score = d.pop("score")

        def _parse_xp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        xp = _parse_xp(d.pop("xp", UNSET))

        leaderboard_row = cls(
            rank=rank,
            user_id=user_id,
            display_name=display_name,
            score=score,
            xp=xp,
        )

        leaderboard_row.additional_properties = d
        return leaderboard_row

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
