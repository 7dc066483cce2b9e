from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricCreate")


@_attrs_define
class MetricCreate:
    """
    Attributes:
        name (str): A series name in lower_snake_case: `monthly_revenue`.
        value (str): A decimal string, at most six places.
        unit (str):
        as_of (datetime.date):
        source (str | Unset):  Default: 'manual'.
    """

    name: str
    value: str
    unit: str
    as_of: datetime.date
    source: str | Unset = "manual"

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        value = self.value

        unit = self.unit

        as_of = self.as_of.isoformat()

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "as_of": as_of,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        value = d.pop("value")

        unit = d.pop("unit")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        source = d.pop("source", UNSET)

        metric_create = cls(
            name=name,
            value=value,
            unit=unit,
            as_of=as_of,
            source=source,
        )

        return metric_create
