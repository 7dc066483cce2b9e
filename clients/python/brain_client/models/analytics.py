from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.analytics_downline import AnalyticsDownline
    from ..models.earned_day import EarnedDay
    from ..models.earned_totals import EarnedTotals


T = TypeVar("T", bound="Analytics")


@_attrs_define
class Analytics:
    """
    Attributes:
        user_id (UUID):
        referrals_total (int): People this user referred (links, any state).
        referrals_active (int):
        depth (int): Levels of referrals below the user (up to 3).
        downline (AnalyticsDownline): Referred people per level, 1 to 3.
        shares_paid (int):
        earned (EarnedTotals):
        earned_by_day (list[EarnedDay]): The last 30 days, days with earnings.
        earned_by_week (list[EarnedDay]): By ISO week (its Monday), 12 weeks.
        earned_by_month (list[EarnedDay]): By month (its 1st), 12 months.
    """

    user_id: UUID
    referrals_total: int
    referrals_active: int
    depth: int
    downline: AnalyticsDownline
    shares_paid: int
    earned: EarnedTotals
    earned_by_day: list[EarnedDay]
    earned_by_week: list[EarnedDay]
    earned_by_month: list[EarnedDay]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        referrals_total = self.referrals_total

        referrals_active = self.referrals_active

        depth = self.depth

        downline = self.downline.to_dict()

        shares_paid = self.shares_paid

        earned = self.earned.to_dict()

        earned_by_day = []
        for earned_by_day_item_data in self.earned_by_day:
            earned_by_day_item = earned_by_day_item_data.to_dict()
            earned_by_day.append(earned_by_day_item)

        earned_by_week = []
        for earned_by_week_item_data in self.earned_by_week:
            earned_by_week_item = earned_by_week_item_data.to_dict()
            earned_by_week.append(earned_by_week_item)

        earned_by_month = []
        for earned_by_month_item_data in self.earned_by_month:
            earned_by_month_item = earned_by_month_item_data.to_dict()
            earned_by_month.append(earned_by_month_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "referrals_total": referrals_total,
                "referrals_active": referrals_active,
                "depth": depth,
                "downline": downline,
                "shares_paid": shares_paid,
                "earned": earned,
                "earned_by_day": earned_by_day,
                "earned_by_week": earned_by_week,
                "earned_by_month": earned_by_month,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analytics_downline import AnalyticsDownline  # noqa: PLC0415
        from ..models.earned_day import EarnedDay  # noqa: PLC0415
        from ..models.earned_totals import EarnedTotals  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        referrals_total = d.pop("referrals_total")

        referrals_active = d.pop("referrals_active")

        depth = d.pop("depth")

        downline = AnalyticsDownline.from_dict(d.pop("downline"))

        shares_paid = d.pop("shares_paid")

        earned = EarnedTotals.from_dict(d.pop("earned"))

        earned_by_day = []
        _earned_by_day = d.pop("earned_by_day")
        for earned_by_day_item_data in _earned_by_day:
            earned_by_day_item = EarnedDay.from_dict(earned_by_day_item_data)

            earned_by_day.append(earned_by_day_item)

        earned_by_week = []
        _earned_by_week = d.pop("earned_by_week")
        for earned_by_week_item_data in _earned_by_week:
            earned_by_week_item = EarnedDay.from_dict(earned_by_week_item_data)

            earned_by_week.append(earned_by_week_item)

        earned_by_month = []
        _earned_by_month = d.pop("earned_by_month")
        for earned_by_month_item_data in _earned_by_month:
            earned_by_month_item = EarnedDay.from_dict(earned_by_month_item_data)

            earned_by_month.append(earned_by_month_item)

        analytics = cls(
            user_id=user_id,
            referrals_total=referrals_total,
            referrals_active=referrals_active,
            depth=depth,
            downline=downline,
            shares_paid=shares_paid,
            earned=earned,
            earned_by_day=earned_by_day,
            earned_by_week=earned_by_week,
            earned_by_month=earned_by_month,
        )

        analytics.additional_properties = d
        return analytics

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
