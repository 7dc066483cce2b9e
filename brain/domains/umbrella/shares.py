"""Revenue shares: the ACTIVE referral chain above a user earns part of what the platform
pays that user (rules.SHARE_BPS: 1.0 / 0.5 / 0.25%), paid from the community pool.

Exactly once per (relationship, source transfer), even when the event is delivered twice or by
two workers at once: the share row is inserted first, and its unique key admits one; the loser
of a race waits for the winner's commit on Postgres (or is serialised behind it on SQLite),
then sees the conflict and pays nothing. The payment itself carries the idempotency key
`umbrella:<relationship>:<source transfer>`, a second guard in the ledger. Row, payment and
`umbrella.share_paid` commit together or not at all.

The chain stops at the first link that is not ACTIVE: a SUSPENDED referrer's own referrer
earns nothing from that user.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.buz import service as buz
from brain.domains.buz.errors import InsufficientFunds
from brain.domains.buz.events import TransferCompleted, TransferReversed
from brain.domains.umbrella.errors import ShareNotFound
from brain.domains.umbrella.events import SharePaid
from brain.domains.umbrella.models import UmbrellaRelationship, UmbrellaRevenueShare
from brain.domains.umbrella.rules import (
    MAX_LEVEL,
    SHARED_KINDS,
    ShareStatus,
    State,
    share_units,
)
from brain.domains.umbrella.schemas import ShareRead

log = logging.getLogger(__name__)

_S = sa.inspect(UmbrellaRevenueShare).columns
SHARES = Keyset("umbrella.shares", _S.created_at, _S.id)


@dataclass(frozen=True)
class Link:
    relationship_id: uuid.UUID
    referrer_id: uuid.UUID
    level: int


def pays_a_user_from_a_pool(event: TransferCompleted) -> bool:
    """The bus filter: only pool payouts to a user (never user-to-user, never a share)."""
    return (
        event.kind in SHARED_KINDS
        and event.to_user_id is not None
        and event.from_user_id is None
        and event.amount > 0
    )


async def active_chain(session: AsyncSession, user_id: uuid.UUID) -> list[Link]:
    """The referrers above `user_id`, level 1 first, up to the first link that is not ACTIVE
    (at most MAX_LEVEL links; one indexed lookup each)."""
    chain: list[Link] = []
    current = user_id
    for level in range(1, MAX_LEVEL + 1):
        found = (
            await session.exec(
                select(
                    UmbrellaRelationship.id,
                    UmbrellaRelationship.from_user_id,
                    UmbrellaRelationship.state,
                ).where(col(UmbrellaRelationship.referred_user_id) == current)
            )
        ).first()
        if found is None or found[2] != State.ACTIVE.value:
            break
        chain.append(Link(relationship_id=found[0], referrer_id=found[1], level=level))
        current = found[1]
    return chain


async def _claim(session: AsyncSession, share: UmbrellaRevenueShare) -> bool:
    try:
        async with session.begin_nested():
            session.add(share)
    except IntegrityError:
        return False
    return True


async def pay_shares(session: AsyncSession, event: TransferCompleted) -> list[UmbrellaRevenueShare]:
    """Record and pay each level's share of a pool payout to a referred user; the shares
    made by this call (none on a redelivery)."""
    if not pays_a_user_from_a_pool(event) or event.to_user_id is None:
        return []
    made: list[UmbrellaRevenueShare] = []
    for link in await active_chain(session, event.to_user_id):
        amount = share_units(event.amount, link.level)
        share = UmbrellaRevenueShare(
            relationship_id=link.relationship_id,
            earner_id=link.referrer_id,
            source_user_id=event.to_user_id,
            source_transfer_id=event.transfer_id,
            level=link.level,
            source_amount=event.amount,
            amount=amount,
            status=ShareStatus.PENDING.value,
        )
        if not await _claim(session, share):
            continue  # paid already (a redelivery, or another worker got there first)
        now = utcnow()
        share.paid_at, share.status = now, ShareStatus.PAID.value
        if amount > 0:
            posted = await buz.pay_revenue_share(
                session,
                user_id=link.referrer_id,
                amount=amount,
                idempotency_key=f"umbrella:{link.relationship_id}:{event.transfer_id}",
                reference=f"umbrella_share:{share.id}",
            )
            share.transfer_id = posted.transfer.id
        session.add(share)
        await session.flush()
        if amount > 0 and share.transfer_id is not None:
            await bus.publish(
                session,
                SharePaid(
                    share_id=share.id,
                    relationship_id=link.relationship_id,
                    user_id=link.referrer_id,
                    level=link.level,
                    amount=amount,
                    source_transfer_id=event.transfer_id,
                    transfer_id=share.transfer_id,
                ),
            )
        made.append(share)
    return made


async def void_shares(session: AsyncSession, event: TransferReversed) -> list[UmbrellaRevenueShare]:
    """The shares of a reversed source become VOIDED, and each paid one is reversed too (the
    share's own transfer back to the community pool). A wallet that no longer holds the share
    keeps it: the share is VOIDED without a reversal (`reversal_id` null), logged, so the
    voiding never blocks. Idempotent: a VOIDED share is left alone."""
    rows = await session.exec(
        select(UmbrellaRevenueShare)
        .where(
            col(UmbrellaRevenueShare.source_transfer_id) == event.transfer_id,
            col(UmbrellaRevenueShare.status) != ShareStatus.VOIDED.value,
        )
        .with_for_update()
    )
    voided: list[UmbrellaRevenueShare] = []
    for share in rows.all():
        if share.transfer_id is not None:
            try:
                async with session.begin_nested():
                    posted = await buz.reverse_payout(
                        session,
                        transfer_id=share.transfer_id,
                        reason=f"source transfer {event.transfer_id} reversed",
                        actor_id=None,
                    )
                share.reversal_id = posted.transfer.id
            except InsufficientFunds:
                log.warning("share %s voided without its reversal: the wallet is short", share.id)
        share.status, share.voided_at = ShareStatus.VOIDED.value, utcnow()
        session.add(share)
        voided.append(share)
    await session.flush()
    return voided


def share_read(share: UmbrellaRevenueShare) -> ShareRead:
    return ShareRead.model_validate(share, from_attributes=True)


async def list_shares(
    session: AsyncSession,
    *,
    earner_id: uuid.UUID,
    page: PageParams,
    status: ShareStatus | None = None,
) -> tuple[list[UmbrellaRevenueShare], str | None]:
    """Shares the user earned, newest first."""
    query = select(UmbrellaRevenueShare).where(col(UmbrellaRevenueShare.earner_id) == earner_id)
    if status is not None:
        query = query.where(col(UmbrellaRevenueShare.status) == status.value)
    rows = (await session.exec(SHARES.apply(query, page))).all()
    return SHARES.page(rows, page)


async def get_share(
    session: AsyncSession, *, share_id: uuid.UUID, viewer_id: uuid.UUID, admin: bool
) -> UmbrellaRevenueShare:
    """A share, to its earner (or an admin); 404 to anyone else."""
    share = await session.get(UmbrellaRevenueShare, share_id)
    if share is None or (share.earner_id != viewer_id and not admin):
        raise ShareNotFound()
    return share
