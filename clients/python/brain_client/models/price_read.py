from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.price_point import PricePoint


T = TypeVar("T", bound="PriceRead")


@_attrs_define
class PriceRead:
    """
    Attributes:
        price_usd (str): USD per BUZ, a decimal string.
        set_at (datetime.datetime | None): Null while the default price applies.
        history (list[PricePoint]): Newest first.
        next_cursor (None | str):
    """

    price_usd: str
    set_at: datetime.datetime | None
    history: list[PricePoint]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        price_usd = self.price_usd

        set_at: None | str
        if isinstance(self.set_at, datetime.datetime):
            set_at = self.set_at.isoformat()
        else:
            set_at = self.set_at

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "price_usd": price_usd,
                "set_at": set_at,
                "history": history,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_point import PricePoint  # noqa: PLC0415

        d = dict(src_dict)
        price_usd = d.pop("price_usd")

        def _parse_set_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                set_at_type_0 = datetime.datetime.fromisoformat(data)

                return set_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        set_at = _parse_set_at(d.pop("set_at"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = PricePoint.from_dict(history_item_data)

            history.append(history_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        price_read = cls(
            price_usd=price_usd,
            set_at=set_at,
            history=history,
            next_cursor=next_cursor,
        )

        price_read.additional_properties = d
        return price_read

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
