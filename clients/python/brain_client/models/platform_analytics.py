from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.interval import Interval
from ..models.platform_analytics_period import PlatformAnalyticsPeriod

if TYPE_CHECKING:
    from ..models.buz_figures import BuzFigures
    from ..models.cohort import Cohort
    from ..models.day_count import DayCount
    from ..models.platform_analytics_ventures_by_stage import PlatformAnalyticsVenturesByStage
    from ..models.series_point import SeriesPoint


T = TypeVar("T", bound="PlatformAnalytics")


@_attrs_define
class PlatformAnalytics:
    """
    Attributes:
        period (PlatformAnalyticsPeriod):
        start (datetime.date):
        end (datetime.date):
        dau (int):
        wau (int):
        mau (int):
        daily_active (list[DayCount]):
        signups (int):
        retention (list[Cohort]):
        ventures_by_stage (PlatformAnalyticsVenturesByStage):
        buz (BuzFigures):
        events (int):
        interval (Interval):
        tz (str):
        series (list[SeriesPoint]):
    """

    period: PlatformAnalyticsPeriod
    start: datetime.date
    end: datetime.date
    dau: int
    wau: int
    mau: int
    daily_active: list[DayCount]
    signups: int
    retention: list[Cohort]
    ventures_by_stage: PlatformAnalyticsVenturesByStage
    buz: BuzFigures
    events: int
    interval: Interval
    tz: str
    series: list[SeriesPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        period = self.period.value

        start = self.start.isoformat()

        end = self.end.isoformat()

        dau = self.dau

        wau = self.wau

        mau = self.mau

        daily_active = []
        for daily_active_item_data in self.daily_active:
            daily_active_item = daily_active_item_data.to_dict()
            daily_active.append(daily_active_item)

        signups = self.signups

        retention = []
        for retention_item_data in self.retention:
            retention_item = retention_item_data.to_dict()
            retention.append(retention_item)

        ventures_by_stage = self.ventures_by_stage.to_dict()

        buz = self.buz.to_dict()

        events = self.events

        interval = self.interval.value

        tz = self.tz

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "period": period,
                "start": start,
                "end": end,
                "dau": dau,
                "wau": wau,
                "mau": mau,
                "daily_active": daily_active,
                "signups": signups,
                "retention": retention,
                "ventures_by_stage": ventures_by_stage,
                "buz": buz,
                "events": events,
                "interval": interval,
                "tz": tz,
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.buz_figures import BuzFigures  # noqa: PLC0415
        from ..models.cohort import Cohort  # noqa: PLC0415
        from ..models.day_count import DayCount  # noqa: PLC0415
        from ..models.platform_analytics_ventures_by_stage import PlatformAnalyticsVenturesByStage  # noqa: PLC0415
        from ..models.series_point import SeriesPoint  # noqa: PLC0415

        d = dict(src_dict)
        period = PlatformAnalyticsPeriod(d.pop("period"))

        start = datetime.date.fromisoformat(d.pop("start"))

        end = datetime.date.fromisoformat(d.pop("end"))

        dau = d.pop("dau")

        wau = d.pop("wau")

        mau = d.pop("mau")

        daily_active = []
        _daily_active = d.pop("daily_active")
        for daily_active_item_data in _daily_active:
            daily_active_item = DayCount.from_dict(daily_active_item_data)

            daily_active.append(daily_active_item)

        signups = d.pop("signups")

        retention = []
        _retention = d.pop("retention")
        for retention_item_data in _retention:
            retention_item = Cohort.from_dict(retention_item_data)

            retention.append(retention_item)

        ventures_by_stage = PlatformAnalyticsVenturesByStage.from_dict(d.pop("ventures_by_stage"))

        buz = BuzFigures.from_dict(d.pop("buz"))

        events = d.pop("events")

        interval = Interval(d.pop("interval"))

        tz = d.pop("tz")

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = SeriesPoint.from_dict(series_item_data)

            series.append(series_item)

        platform_analytics = cls(
            period=period,
            start=start,
            end=end,
            dau=dau,
            wau=wau,
            mau=mau,
            daily_active=daily_active,
            signups=signups,
            retention=retention,
            ventures_by_stage=ventures_by_stage,
            buz=buz,
            events=events,
            interval=interval,
            tz=tz,
            series=series,
        )

        platform_analytics.additional_properties = d
        return platform_analytics

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
