from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage import Stage
from ..models.stage_event import StageEvent

T = TypeVar("T", bound="StageStatus")


@_attrs_define
class StageStatus:
    """
    Attributes:
        venture_id (UUID):
        stage (Stage):
        stage_entered_at (datetime.datetime):
        days_in_stage (int):
        allowed_events (list[StageEvent]): What you may send now, by your role.
    """

    venture_id: UUID
    stage: Stage
    stage_entered_at: datetime.datetime
    days_in_stage: int
    allowed_events: list[StageEvent]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        venture_id = str(self.venture_id)

        stage = self.stage.value

        stage_entered_at = self.stage_entered_at.isoformat()

        days_in_stage = self.days_in_stage

        allowed_events = []
        for allowed_events_item_data in self.allowed_events:
            allowed_events_item = allowed_events_item_data.value
            allowed_events.append(allowed_events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "venture_id": venture_id,
                "stage": stage,
                "stage_entered_at": stage_entered_at,
                "days_in_stage": days_in_stage,
                "allowed_events": allowed_events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        venture_id = UUID(d.pop("venture_id"))

        stage = Stage(d.pop("stage"))

        stage_entered_at = datetime.datetime.fromisoformat(d.pop("stage_entered_at"))

        days_in_stage = d.pop("days_in_stage")

        allowed_events = []
        _allowed_events = d.pop("allowed_events")
        for allowed_events_item_data in _allowed_events:
            allowed_events_item = StageEvent(allowed_events_item_data)

            allowed_events.append(allowed_events_item)

        stage_status = cls(
            venture_id=venture_id,
            stage=stage,
            stage_entered_at=stage_entered_at,
            days_in_stage=days_in_stage,
            allowed_events=allowed_events,
        )

        stage_status.additional_properties = d
        return stage_status

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
