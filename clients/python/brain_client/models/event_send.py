from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_send_payload import EventSendPayload


T = TypeVar("T", bound="EventSend")


@_attrs_define
class EventSend:
    """
    Attributes:
        event (str):
        payload (EventSendPayload | Unset):
        event_id (None | str | Unset): Idempotency key: sending the same id again returns the first result.
        expected_version (int | None | Unset): Apply only if the instance is still at this version (else 409
            CONCURRENT_TRANSITION).
    """

    event: str
    payload: EventSendPayload | Unset = UNSET
    event_id: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        payload: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payload, Unset):
            payload = self.payload.to_dict()

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event": event,
            }
        )
        if payload is not UNSET:
            field_dict["payload"] = payload
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_send_payload import EventSendPayload  # noqa: PLC0415

        d = dict(src_dict)
        event = d.pop("event")

        _payload = d.pop("payload", UNSET)
        payload: EventSendPayload | Unset
        if isinstance(_payload, Unset):
            payload = UNSET
        else:
            payload = EventSendPayload.from_dict(_payload)

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        event_send = cls(
            event=event,
            payload=payload,
            event_id=event_id,
            expected_version=expected_version,
        )

        return event_send
