from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TransitionResult")


@_attrs_define
class TransitionResult:
    """What `send_event` did (or, for a repeated `event_id`, what it did the first time).

    Attributes:
        machine_type (str):
        instance_id (str):
        event (str):
        from_state (str):
        to_state (str):
        seq (int): Position of this transition in the instance's history.
        version (int): The instance's version right after this transition.
        occurred_at (datetime.datetime):
        event_id (None | str | Unset):
        actor_id (None | Unset | UUID):
        replayed (bool | Unset): True when the event id was seen before and this is the first result. Default: False.
    """

    machine_type: str
    instance_id: str
    event: str
    from_state: str
    to_state: str
    seq: int
    version: int
    occurred_at: datetime.datetime
    event_id: None | str | Unset = UNSET
    actor_id: None | Unset | UUID = UNSET
    replayed: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        machine_type = self.machine_type

        instance_id = self.instance_id

        event = self.event

        from_state = self.from_state

        to_state = self.to_state

        seq = self.seq

        version = self.version

        occurred_at = self.occurred_at.isoformat()

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        actor_id: None | str | Unset
        if isinstance(self.actor_id, Unset):
            actor_id = UNSET
        elif isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        replayed = self.replayed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "machine_type": machine_type,
                "instance_id": instance_id,
                "event": event,
                "from_state": from_state,
                "to_state": to_state,
                "seq": seq,
                "version": version,
                "occurred_at": occurred_at,
            }
        )
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
        if replayed is not UNSET:
            field_dict["replayed"] = replayed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        machine_type = d.pop("machine_type")

        instance_id = d.pop("instance_id")

        event = d.pop("event")

        from_state = d.pop("from_state")

        to_state = d.pop("to_state")

        seq = d.pop("seq")

        version = d.pop("version")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_actor_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id", UNSET))

        replayed = d.pop("replayed", UNSET)

        transition_result = cls(
            machine_type=machine_type,
            instance_id=instance_id,
            event=event,
            from_state=from_state,
            to_state=to_state,
            seq=seq,
            version=version,
            occurred_at=occurred_at,
            event_id=event_id,
            actor_id=actor_id,
            replayed=replayed,
        )

        transition_result.additional_properties = d
        return transition_result

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
