"""Events the buz domain publishes: its public contract. Imports only the core."""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class TransferCompleted(DomainEvent):
    """A transfer group committed. Amounts are minor units (1 BUZ = 100). `from_user_id` /
    `to_user_id` are null for system accounts (then `from_account` / `to_account` name them)."""

    name: ClassVar[str] = "buz.transfer_completed"

    transfer_id: uuid.UUID
    kind: str
    from_account: str
    to_account: str
    from_user_id: uuid.UUID | None
    to_user_id: uuid.UUID | None
    amount: int
    fee: int = 0
    # What the transfer is for, as the paying domain named it (`venture:<id>` for a venture's
    # creation fee): how other domains file a flow under their own objects.
    reference: str | None = None


class Staked(DomainEvent):
    name: ClassVar[str] = "buz.staked"

    position_id: uuid.UUID
    user_id: uuid.UUID
    tier: str
    amount: int


class StakeMatured(DomainEvent):
    name: ClassVar[str] = "buz.stake_matured"

    position_id: uuid.UUID
    user_id: uuid.UUID
    reward: int


class Unstaked(DomainEvent):
    name: ClassVar[str] = "buz.unstaked"

    position_id: uuid.UUID
    user_id: uuid.UUID
    early: bool
    returned: int
    reward: int
    penalty: int


class TransferReversed(DomainEvent):
    """A system payout was taken back (`buz.service.reverse_payout`): `reversal_id` moved
    `amount` from the wallet of `user_id` back to the pool that paid `transfer_id`."""

    name: ClassVar[str] = "buz.transfer_reversed"

    transfer_id: uuid.UUID
    reversal_id: uuid.UUID
    kind: str
    user_id: uuid.UUID | None
    amount: int
