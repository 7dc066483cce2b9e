from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceSet")


@_attrs_define
class PriceSet:
    """
    Attributes:
        price_usd (str): USD per BUZ, a decimal string.
        note (None | str | Unset):
    """

    price_usd: str
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        price_usd = self.price_usd

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "price_usd": price_usd,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        price_usd = d.pop("price_usd")

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        price_set = cls(
            price_usd=price_usd,
            note=note,
        )

        return price_set
