from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.daily_volume import DailyVolume
    from ..models.holder import Holder


T = TypeVar("T", bound="AnalyticsRead")


@_attrs_define
class AnalyticsRead:
    """
    Attributes:
        days (int):
        volume_per_day (list[DailyVolume]):
        active_wallets (int): Wallets that sent or received a user transfer.
        fees_collected (str): Fees and penalties paid in the period.
        top_holders (list[Holder]):
    """

    days: int
    volume_per_day: list[DailyVolume]
    active_wallets: int
    fees_collected: str
    top_holders: list[Holder]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days = self.days

        volume_per_day = []
        for volume_per_day_item_data in self.volume_per_day:
            volume_per_day_item = volume_per_day_item_data.to_dict()
            volume_per_day.append(volume_per_day_item)

        active_wallets = self.active_wallets

        fees_collected = self.fees_collected

        top_holders = []
        for top_holders_item_data in self.top_holders:
            top_holders_item = top_holders_item_data.to_dict()
            top_holders.append(top_holders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "volume_per_day": volume_per_day,
                "active_wallets": active_wallets,
                "fees_collected": fees_collected,
                "top_holders": top_holders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.daily_volume import DailyVolume  # noqa: PLC0415
        from ..models.holder import Holder  # noqa: PLC0415

        d = dict(src_dict)
        days = d.pop("days")

        volume_per_day = []
        _volume_per_day = d.pop("volume_per_day")
        for volume_per_day_item_data in _volume_per_day:
            volume_per_day_item = DailyVolume.from_dict(volume_per_day_item_data)

            volume_per_day.append(volume_per_day_item)

        active_wallets = d.pop("active_wallets")

        fees_collected = d.pop("fees_collected")

        top_holders = []
        _top_holders = d.pop("top_holders")
        for top_holders_item_data in _top_holders:
            top_holders_item = Holder.from_dict(top_holders_item_data)

            top_holders.append(top_holders_item)

        analytics_read = cls(
            days=days,
            volume_per_day=volume_per_day,
            active_wallets=active_wallets,
            fees_collected=fees_collected,
            top_holders=top_holders,
        )

        analytics_read.additional_properties = d
        return analytics_read

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
