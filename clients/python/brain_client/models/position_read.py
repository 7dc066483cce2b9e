from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stake_status import StakeStatus
from ..models.stake_tier import StakeTier

T = TypeVar("T", bound="PositionRead")


@_attrs_define
class PositionRead:
    """
    Attributes:
        id (UUID):
        user_id (UUID):
        tier (StakeTier):
        amount (str): BUZ, two places.
        apy_percent (str):
        lock_days (int):
        status (StakeStatus):
        started_at (datetime.datetime):
        matures_at (datetime.datetime):
        closed_at (datetime.datetime | None):
        accrued_reward (str): Earned so far (paid only at maturity).
        expected_reward (str): Paid when unstaked at or after maturity.
        reward_paid (str): BUZ, two places.
        penalty (str): BUZ, two places.
    """

    id: UUID
    user_id: UUID
    tier: StakeTier
    amount: str
    apy_percent: str
    lock_days: int
    status: StakeStatus
    started_at: datetime.datetime
    matures_at: datetime.datetime
    closed_at: datetime.datetime | None
    accrued_reward: str
    expected_reward: str
    reward_paid: str
    penalty: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        user_id = str(self.user_id)

        tier = self.tier.value

        amount = self.amount

        apy_percent = self.apy_percent

        lock_days = self.lock_days

        status = self.status.value

        started_at = self.started_at.isoformat()

        matures_at = self.matures_at.isoformat()

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        accrued_reward = self.accrued_reward

        expected_reward = self.expected_reward

        reward_paid = self.reward_paid

        penalty = self.penalty

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "tier": tier,
                "amount": amount,
                "apy_percent": apy_percent,
                "lock_days": lock_days,
                "status": status,
                "started_at": started_at,
                "matures_at": matures_at,
                "closed_at": closed_at,
                "accrued_reward": accrued_reward,
                "expected_reward": expected_reward,
                "reward_paid": reward_paid,
                "penalty": penalty,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        user_id = UUID(d.pop("user_id"))

        tier = StakeTier(d.pop("tier"))

        amount = d.pop("amount")

        apy_percent = d.pop("apy_percent")

        lock_days = d.pop("lock_days")

        status = StakeStatus(d.pop("status"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        matures_at = datetime.datetime.fromisoformat(d.pop("matures_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        accrued_reward = d.pop("accrued_reward")

        expected_reward = d.pop("expected_reward")

        reward_paid = d.pop("reward_paid")

        penalty = d.pop("penalty")

        position_read = cls(
            id=id,
            user_id=user_id,
            tier=tier,
            amount=amount,
            apy_percent=apy_percent,
            lock_days=lock_days,
            status=status,
            started_at=started_at,
            matures_at=matures_at,
            closed_at=closed_at,
            accrued_reward=accrued_reward,
            expected_reward=expected_reward,
            reward_paid=reward_paid,
            penalty=penalty,
        )

        position_read.additional_properties = d
        return position_read

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
