from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MetricRead")


@_attrs_define
class MetricRead:
    """
    Attributes:
        id (UUID):
        name (str):
        value (str):
        unit (str):
        as_of (datetime.date):
        source (str):
        recorded_by (UUID):
        created_at (datetime.datetime):
    """

    id: UUID
    name: str
    value: str
    unit: str
    as_of: datetime.date
    source: str
    recorded_by: UUID
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        value = self.value

        unit = self.unit

        as_of = self.as_of.isoformat()

        source = self.source

        recorded_by = str(self.recorded_by)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "value": value,
                "unit": unit,
                "as_of": as_of,
                "source": source,
                "recorded_by": recorded_by,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        value = d.pop("value")

        unit = d.pop("unit")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        source = d.pop("source")

        recorded_by = UUID(d.pop("recorded_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        metric_read = cls(
            id=id,
            name=name,
            value=value,
            unit=unit,
            as_of=as_of,
            source=source,
            recorded_by=recorded_by,
            created_at=created_at,
        )

        metric_read.additional_properties = d
        return metric_read

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
