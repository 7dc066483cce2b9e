from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PricePoint")


@_attrs_define
class PricePoint:
    """
    Attributes:
        price_usd (str): USD per BUZ, a decimal string.
        set_at (datetime.datetime):
        set_by (None | UUID):
        note (None | str):
    """

    price_usd: str
    set_at: datetime.datetime
    set_by: None | UUID
    note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        price_usd = self.price_usd

        set_at = self.set_at.isoformat()

        set_by: None | str
        if isinstance(self.set_by, UUID):
            set_by = str(self.set_by)
        else:
            set_by = self.set_by

        note: None | str
        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "price_usd": price_usd,
                "set_at": set_at,
                "set_by": set_by,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        price_usd = d.pop("price_usd")

        set_at = datetime.datetime.fromisoformat(d.pop("set_at"))

        def _parse_set_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                set_by_type_0 = UUID(data)

                return set_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        set_by = _parse_set_by(d.pop("set_by"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        price_point = cls(
            price_usd=price_usd,
            set_at=set_at,
            set_by=set_by,
            note=note,
        )

        price_point.additional_properties = d
        return price_point

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
