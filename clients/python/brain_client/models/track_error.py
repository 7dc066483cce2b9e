from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TrackError")


@_attrs_define
class TrackError:
    """
    Attributes:
        index (int):
        event_id (UUID):
        code (str): `TIMESTAMP_IN_FUTURE`, `TIMESTAMP_TOO_OLD`, `PROPERTIES_TOO_LARGE` or `DUPLICATE_IN_BATCH`.
        detail (str):
    """

    index: int
    event_id: UUID
    code: str
    detail: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        event_id = str(self.event_id)

        code = self.code

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "event_id": event_id,
                "code": code,
                "detail": detail,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        index = d.pop("index")

        event_id = UUID(d.pop("event_id"))

        code = d.pop("code")

        detail = d.pop("detail")

        track_error = cls(
            index=index,
            event_id=event_id,
            code=code,
            detail=detail,
        )

        track_error.additional_properties = d
        return track_error

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
