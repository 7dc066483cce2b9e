from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.stake_tier import StakeTier

T = TypeVar("T", bound="StakeCreate")


@_attrs_define
class StakeCreate:
    """
    Attributes:
        amount (str): BUZ as a decimal string, at most two places, more than zero.
        tier (StakeTier):
    """

    amount: str
    tier: StakeTier

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        tier = self.tier.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "tier": tier,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        tier = StakeTier(d.pop("tier"))

        stake_create = cls(
            amount=amount,
            tier=tier,
        )

        return stake_create
