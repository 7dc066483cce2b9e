from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stake_tier import StakeTier

T = TypeVar("T", bound="TierRead")


@_attrs_define
class TierRead:
    """
    Attributes:
        tier (StakeTier):
        lock_days (int):
        apy_percent (str):
        min_amount (str): BUZ, two places.
        max_amount (str): BUZ, two places.
    """

    tier: StakeTier
    lock_days: int
    apy_percent: str
    min_amount: str
    max_amount: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tier = self.tier.value

        lock_days = self.lock_days

        apy_percent = self.apy_percent

        min_amount = self.min_amount

        max_amount = self.max_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tier": tier,
                "lock_days": lock_days,
                "apy_percent": apy_percent,
                "min_amount": min_amount,
                "max_amount": max_amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tier = StakeTier(d.pop("tier"))

        lock_days = d.pop("lock_days")

        apy_percent = d.pop("apy_percent")

        min_amount = d.pop("min_amount")

        max_amount = d.pop("max_amount")

        tier_read = cls(
            tier=tier,
            lock_days=lock_days,
            apy_percent=apy_percent,
            min_amount=min_amount,
            max_amount=max_amount,
        )

        tier_read.additional_properties = d
        return tier_read

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
