"""A user's two accounts, the wallet and the staking account: opening them and reading their
balances."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.buz import ledger
from brain.domains.buz.errors import WalletNotFound
from brain.domains.buz.rules import AccountKind, staking_code, staking_id, wallet_code, wallet_id
from brain.domains.buz.schemas import AccountRef, BalanceRead


def wallet_ref(user_id: uuid.UUID) -> AccountRef:
    """The user's wallet, known without reading it (its id is derived from its code)."""
    return AccountRef(
        id=wallet_id(user_id),
        code=wallet_code(user_id),
        kind=AccountKind.WALLET.value,
        user_id=user_id,
    )


def staking_ref(user_id: uuid.UUID) -> AccountRef:
    """The user's staking account, known without reading it."""
    return AccountRef(
        id=staking_id(user_id),
        code=staking_code(user_id),
        kind=AccountKind.STAKING.value,
        user_id=user_id,
    )


async def open_accounts(session: AsyncSession, *, user_id: uuid.UUID) -> None:
    """Create the user's wallet and staking account (idempotent). Called when a user is
    created (`users.registered`); never implicitly by a transfer."""
    await ledger.open_accounts(session, [user_id])


async def balance(session: AsyncSession, *, user_id: uuid.UUID) -> BalanceRead:
    """The wallet's available BUZ, the staked BUZ and their total; `WalletNotFound` for a
    user without a wallet."""
    wallet, staking = wallet_id(user_id), staking_id(user_id)
    figures = await ledger.balances(session, wallet=wallet, staking=staking)
    if wallet not in figures:
        raise WalletNotFound()
    available, wallet_version = figures[wallet]
    staked = figures[staking][0] if staking in figures else 0
    return BalanceRead(
        user_id=user_id,
        available=available,
        staked=staked,
        total=available + staked,
        wallet_version=wallet_version,
    )


async def has_wallet(session: AsyncSession, *, user_id: uuid.UUID) -> bool:
    return await ledger.account_exists(session, wallet_id(user_id))


async def balances(
    session: AsyncSession, *, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, BalanceRead]:
    """`balance` of many users in one query; users without a wallet are left out."""
    users = set(user_ids)
    ids = [account for u in users for account in (wallet_id(u), staking_id(u))]
    figures = await ledger.balances_of(session, ids)
    found: dict[uuid.UUID, BalanceRead] = {}
    for user_id in users:
        wallet = figures.get(wallet_id(user_id))
        if wallet is None:
            continue
        staked = figures[staking_id(user_id)][0] if staking_id(user_id) in figures else 0
        found[user_id] = BalanceRead(
            user_id=user_id,
            available=wallet[0],
            staked=staked,
            total=wallet[0] + staked,
            wallet_version=wallet[1],
        )
    return found
