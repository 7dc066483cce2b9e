from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage import Stage
from ..models.stage_event import StageEvent

T = TypeVar("T", bound="VenturesHistoryEntry")


@_attrs_define
class VenturesHistoryEntry:
    """
    Attributes:
        seq (int):
        event (StageEvent):
        from_stage (Stage):
        to_stage (Stage):
        actor_id (None | UUID):
        reason (None | str):
        changed_at (datetime.datetime):
        seconds_in_stage (int): Time the venture spent in `from_stage`.
    """

    seq: int
    event: StageEvent
    from_stage: Stage
    to_stage: Stage
    actor_id: None | UUID
    reason: None | str
    changed_at: datetime.datetime
    seconds_in_stage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        event = self.event.value

        from_stage = self.from_stage.value

        to_stage = self.to_stage.value

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        reason: None | str
        reason = self.reason

        changed_at = self.changed_at.isoformat()

        seconds_in_stage = self.seconds_in_stage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
                "event": event,
                "from_stage": from_stage,
                "to_stage": to_stage,
                "actor_id": actor_id,
                "reason": reason,
                "changed_at": changed_at,
                "seconds_in_stage": seconds_in_stage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seq = d.pop("seq")

        event = StageEvent(d.pop("event"))

        from_stage = Stage(d.pop("from_stage"))

        to_stage = Stage(d.pop("to_stage"))

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

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        seconds_in_stage = d.pop("seconds_in_stage")

        ventures_history_entry = cls(
            seq=seq,
            event=event,
            from_stage=from_stage,
            to_stage=to_stage,
            actor_id=actor_id,
            reason=reason,
            changed_at=changed_at,
            seconds_in_stage=seconds_in_stage,
        )

        ventures_history_entry.additional_properties = d
        return ventures_history_entry

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
