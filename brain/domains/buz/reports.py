"""Reports on the whole ledger: the supply, the admin analytics and the invariant check."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.buz import ledger
from brain.domains.buz.rules import (
    FEE_SHARD_CODES,
    MAX_SUPPLY_UNITS,
    POOLS,
    AccountKind,
    SystemAccount,
)
from brain.domains.buz.schemas import (
    AnalyticsRead,
    DailyVolume,
    Holder,
    LedgerReport,
    PoolRead,
    SupplyRead,
)


async def supply(session: AsyncSession) -> SupplyRead:
    """Max, minted, burned, circulating and staked BUZ, the fees and each pool."""
    by_kind = await ledger.balances_by_kind(session)
    system = await ledger.system_balances(session)
    minted = -system.get(SystemAccount.ISSUANCE.value, 0)
    burned = system.get(SystemAccount.BURN.value, 0)
    return SupplyRead(
        max_supply=MAX_SUPPLY_UNITS,
        minted=minted,
        burned=burned,
        supply=minted - burned,
        circulating=by_kind.get(AccountKind.WALLET.value, 0),
        staked=by_kind.get(AccountKind.STAKING.value, 0),
        fees=sum(system.get(code, 0) for code in FEE_SHARD_CODES),
        pools=[PoolRead(pool=p.value, balance=system.get(p.value, 0)) for p in POOLS],
    )


async def analytics(session: AsyncSession, *, days: int, top: int = 10) -> AnalyticsRead:
    """Over the last `days`: user-to-user transfer volume per UTC day, the accounts that took
    part, the fees collected; and the `top` holders now."""
    since = utcnow() - timedelta(days=days)
    volume = await ledger.daily_volume(session, since=since)
    active = await ledger.active_accounts(session, since=since)
    fees = await ledger.fees_collected(session, since=since)
    holders = await ledger.top_holders(session, top=top)
    return AnalyticsRead(
        days=days,
        volume_per_day=[
            DailyVolume(day=day, transfers=n, volume=amount) for day, n, amount in volume
        ],
        active_wallets=active,
        fees_collected=fees,
        top_holders=[Holder(user_id=user_id, balance=units) for user_id, units in holders],
    )


async def verify(session: AsyncSession) -> LedgerReport:
    """Every ledger invariant, checked now (read only)."""
    result = await ledger.check(session)
    return LedgerReport(
        ok=result.ok,
        checked_at=utcnow(),
        accounts=result.accounts,
        transfers=result.transfers,
        minted=result.minted,
        burned=result.burned,
        violations=result.violations,
    )
