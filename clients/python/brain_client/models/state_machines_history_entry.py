from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.state_machines_history_entry_payload import StateMachinesHistoryEntryPayload


T = TypeVar("T", bound="StateMachinesHistoryEntry")


@_attrs_define
class StateMachinesHistoryEntry:
    """
    Attributes:
        seq (int):
        event (str):
        from_state (str):
        to_state (str):
        actor_id (None | UUID):
        payload (StateMachinesHistoryEntryPayload):
        event_id (None | str):
        created_at (datetime.datetime):
    """

    seq: int
    event: str
    from_state: str
    to_state: str
    actor_id: None | UUID
    payload: StateMachinesHistoryEntryPayload
    event_id: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        event = self.event

        from_state = self.from_state

        to_state = self.to_state

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        payload = self.payload.to_dict()

        event_id: None | str
        event_id = self.event_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
                "event": event,
                "from_state": from_state,
                "to_state": to_state,
                "actor_id": actor_id,
                "payload": payload,
                "event_id": event_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.state_machines_history_entry_payload import StateMachinesHistoryEntryPayload  # noqa: PLC0415

        d = dict(src_dict)
        seq = d.pop("seq")

        event = d.pop("event")

        from_state = d.pop("from_state")

        to_state = d.pop("to_state")

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        payload = StateMachinesHistoryEntryPayload.from_dict(d.pop("payload"))

        def _parse_event_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        event_id = _parse_event_id(d.pop("event_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        state_machines_history_entry = cls(
            seq=seq,
            event=event,
            from_state=from_state,
            to_state=to_state,
            actor_id=actor_id,
            payload=payload,
            event_id=event_id,
            created_at=created_at,
        )

        state_machines_history_entry.additional_properties = d
        return state_machines_history_entry

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
