from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.user_analytics_period import UserAnalyticsPeriod

if TYPE_CHECKING:
    from ..models.day_count import DayCount


T = TypeVar("T", bound="UserAnalytics")


@_attrs_define
class UserAnalytics:
    """
    Attributes:
        user_id (UUID):
        period (UserAnalyticsPeriod):
        start (datetime.date): The period's first UTC day.
        end (datetime.date): Its last UTC day (today).
        events (int): Events the user did (as actor, or sent from a client).
        active_days (int):
        last_active (datetime.date | None):
        xp (int):
        buz_sent (str):
        buz_received (str):
        buz_earned (str):
        buz_spent (str):
        buz_staked (str):
        documents_signed (int):
        ventures (int): ventures_created + ventures_joined.
        ventures_created (int):
        ventures_joined (int):
        daily (list[DayCount]): Events per UTC day with any.
    """

    user_id: UUID
    period: UserAnalyticsPeriod
    start: datetime.date
    end: datetime.date
    events: int
    active_days: int
    last_active: datetime.date | None
    xp: int
    buz_sent: str
    buz_received: str
    buz_earned: str
    buz_spent: str
    buz_staked: str
    documents_signed: int
    ventures: int
    ventures_created: int
    ventures_joined: int
    daily: list[DayCount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        period = self.period.value

        start = self.start.isoformat()

        end = self.end.isoformat()

        events = self.events

        active_days = self.active_days

        last_active: None | str
        if isinstance(self.last_active, datetime.date):
            last_active = self.last_active.isoformat()
        else:
            last_active = self.last_active

        xp = self.xp

        buz_sent = self.buz_sent

        buz_received = self.buz_received

        buz_earned = self.buz_earned

        buz_spent = self.buz_spent

        buz_staked = self.buz_staked

        documents_signed = self.documents_signed

        ventures = self.ventures

        ventures_created = self.ventures_created

        ventures_joined = self.ventures_joined

        daily = []
        for daily_item_data in self.daily:
            daily_item = daily_item_data.to_dict()
            daily.append(daily_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "period": period,
                "start": start,
                "end": end,
                "events": events,
                "active_days": active_days,
                "last_active": last_active,
                "xp": xp,
                "buz_sent": buz_sent,
                "buz_received": buz_received,
                "buz_earned": buz_earned,
                "buz_spent": buz_spent,
                "buz_staked": buz_staked,
                "documents_signed": documents_signed,
                "ventures": ventures,
                "ventures_created": ventures_created,
                "ventures_joined": ventures_joined,
                "daily": daily,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_count import DayCount  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        period = UserAnalyticsPeriod(d.pop("period"))

        start = datetime.date.fromisoformat(d.pop("start"))

        end = datetime.date.fromisoformat(d.pop("end"))

        events = d.pop("events")

        active_days = d.pop("active_days")

        def _parse_last_active(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_active_type_0 = datetime.date.fromisoformat(data)

                return last_active_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_active = _parse_last_active(d.pop("last_active"))

        xp = d.pop("xp")

        buz_sent = d.pop("buz_sent")

        buz_received = d.pop("buz_received")

        buz_earned = d.pop("buz_earned")

        buz_spent = d.pop("buz_spent")

        buz_staked = d.pop("buz_staked")

        documents_signed = d.pop("documents_signed")

        ventures = d.pop("ventures")

        ventures_created = d.pop("ventures_created")

        ventures_joined = d.pop("ventures_joined")

        daily = []
        _daily = d.pop("daily")
        for daily_item_data in _daily:
            daily_item = DayCount.from_dict(daily_item_data)

            daily.append(daily_item)

        user_analytics = cls(
            user_id=user_id,
            period=period,
            start=start,
            end=end,
            events=events,
            active_days=active_days,
            last_active=last_active,
            xp=xp,
            buz_sent=buz_sent,
            buz_received=buz_received,
            buz_earned=buz_earned,
            buz_spent=buz_spent,
            buz_staked=buz_staked,
            documents_signed=documents_signed,
            ventures=ventures,
            ventures_created=ventures_created,
            ventures_joined=ventures_joined,
            daily=daily,
        )

        user_analytics.additional_properties = d
        return user_analytics

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
