from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.track_event_properties import TrackEventProperties


T = TypeVar("T", bound="TrackEvent")


@_attrs_define
class TrackEvent:
    """
    Attributes:
        event_id (UUID): Your id for the event: sending it again is a no-op.
        name (str): What happened (`$pageview`, `signup_form_opened`); no dots, which are for the server's own events.
        timestamp (datetime.datetime | None | Unset): When it happened by the client's clock (corrected with `sent_at`);
            absent: when it arrives.
        properties (TrackEventProperties | Unset): Up to 8 KB of JSON; `ip`-like keys are dropped.
    """

    event_id: UUID
    name: str
    timestamp: datetime.datetime | None | Unset = UNSET
    properties: TrackEventProperties | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = str(self.event_id)

        name = self.name

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "name": name,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if properties is not UNSET:
            field_dict["properties"] = properties

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.track_event_properties import TrackEventProperties  # noqa: PLC0415

        d = dict(src_dict)
        event_id = UUID(d.pop("event_id"))

        name = d.pop("name")

        def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        _properties = d.pop("properties", UNSET)
        properties: TrackEventProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = TrackEventProperties.from_dict(_properties)

        track_event = cls(
            event_id=event_id,
            name=name,
            timestamp=timestamp,
            properties=properties,
        )

        track_event.additional_properties = d
        return track_event

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
