from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.venture_analytics_period import VentureAnalyticsPeriod

if TYPE_CHECKING:
    from ..models.metric_value import MetricValue
    from ..models.stage_span import StageSpan
    from ..models.team_figures import TeamFigures


T = TypeVar("T", bound="VentureAnalytics")


@_attrs_define
class VentureAnalytics:
    """
    Attributes:
        venture_id (UUID):
        period (VentureAnalyticsPeriod):
        start (datetime.date):
        end (datetime.date):
        events (int): Events about the venture in the period.
        team (TeamFigures):
        current_stage (None | str):
        stages (list[StageSpan]):
        metrics_recorded (int):
        metrics (list[MetricValue]): The latest value of each metric.
        buz_raised (str): BUZ of transfers naming the venture, in the period.
        buz_raised_total (str):
    """

    venture_id: UUID
    period: VentureAnalyticsPeriod
    start: datetime.date
    end: datetime.date
    events: int
    team: TeamFigures
    current_stage: None | str
    stages: list[StageSpan]
    metrics_recorded: int
    metrics: list[MetricValue]
    buz_raised: str
    buz_raised_total: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        venture_id = str(self.venture_id)

        period = self.period.value

        start = self.start.isoformat()

        end = self.end.isoformat()

        events = self.events

        team = self.team.to_dict()

        current_stage: None | str
        current_stage = self.current_stage

        stages = []
        for stages_item_data in self.stages:
            stages_item = stages_item_data.to_dict()
            stages.append(stages_item)

        metrics_recorded = self.metrics_recorded

        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.to_dict()
            metrics.append(metrics_item)

        buz_raised = self.buz_raised

        buz_raised_total = self.buz_raised_total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "venture_id": venture_id,
                "period": period,
                "start": start,
                "end": end,
                "events": events,
                "team": team,
                "current_stage": current_stage,
                "stages": stages,
                "metrics_recorded": metrics_recorded,
                "metrics": metrics,
                "buz_raised": buz_raised,
                "buz_raised_total": buz_raised_total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metric_value import MetricValue  # noqa: PLC0415
        from ..models.stage_span import StageSpan  # noqa: PLC0415
        from ..models.team_figures import TeamFigures  # noqa: PLC0415

        d = dict(src_dict)
        venture_id = UUID(d.pop("venture_id"))

        period = VentureAnalyticsPeriod(d.pop("period"))

        start = datetime.date.fromisoformat(d.pop("start"))

        end = datetime.date.fromisoformat(d.pop("end"))

        events = d.pop("events")

        team = TeamFigures.from_dict(d.pop("team"))

        def _parse_current_stage(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current_stage = _parse_current_stage(d.pop("current_stage"))

        stages = []
        _stages = d.pop("stages")
        for stages_item_data in _stages:
            stages_item = StageSpan.from_dict(stages_item_data)

            stages.append(stages_item)

        metrics_recorded = d.pop("metrics_recorded")

        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in _metrics:
            metrics_item = MetricValue.from_dict(metrics_item_data)

            metrics.append(metrics_item)

        buz_raised = d.pop("buz_raised")

        buz_raised_total = d.pop("buz_raised_total")

        venture_analytics = cls(
            venture_id=venture_id,
            period=period,
            start=start,
            end=end,
            events=events,
            team=team,
            current_stage=current_stage,
            stages=stages,
            metrics_recorded=metrics_recorded,
            metrics=metrics,
            buz_raised=buz_raised,
            buz_raised_total=buz_raised_total,
        )

        venture_analytics.additional_properties = d
        return venture_analytics

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
