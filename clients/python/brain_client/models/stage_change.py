from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.stage import Stage
from ..models.stage_event import StageEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="StageChange")


@_attrs_define
class StageChange:
    """
    Attributes:
        event (StageEvent):
        reason (None | str | Unset):
        from_stage (None | Stage | Unset): The stage you saw. If the venture has moved since, the change is refused with
            409 `CONCURRENT_TRANSITION` instead of applied to the new stage.
    """

    event: StageEvent
    reason: None | str | Unset = UNSET
    from_stage: None | Stage | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event = self.event.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        from_stage: None | str | Unset
        if isinstance(self.from_stage, Unset):
            from_stage = UNSET
        elif isinstance(self.from_stage, Stage):
            from_stage = self.from_stage.value
        else:
            from_stage = self.from_stage

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event": event,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if from_stage is not UNSET:
            field_dict["from_stage"] = from_stage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = StageEvent(d.pop("event"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_from_stage(data: object) -> None | Stage | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_stage_type_0 = Stage(data)

                return from_stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Stage | Unset, data)

        from_stage = _parse_from_stage(d.pop("from_stage", UNSET))

        stage_change = cls(
            event=event,
            reason=reason,
            from_stage=from_stage,
        )

        return stage_change
