"""Referral codes and referral links: who referred whom.

A user has at most one referrer, fixed once set, never themselves, and the links never form a
cycle. The rules hold under concurrent creation:

- one referrer: `umbrella_relationships.referred_user_id` is unique, so of two links to the
  same user made at once the second cannot commit (`AlreadyReferred`);
- no cycle: a cycle involves several rows, so no row constraint can refuse it. Creating a link
  first takes one transaction-scoped advisory lock on Postgres (`pg_advisory_xact_lock`), so
  link creations run one at a time and each one's cycle check (a recursive query up the
  referrer's chain, in the same transaction as the insert) sees every link committed before
  it; on SQLite writers are serialised already (transactions begin IMMEDIATE). Links are rare
  (one per user, ever), so the lock costs nothing that matters.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.models import utcnow
from brain.domains.state_machines import service as machines
from brain.domains.umbrella import lifecycle
from brain.domains.umbrella.errors import AlreadyReferred, ReferralCycle, SelfReferral
from brain.domains.umbrella.events import ReferralCreated
from brain.domains.umbrella.models import UmbrellaReferralCode, UmbrellaRelationship
from brain.domains.umbrella.rules import (
    AGREEMENT_WINDOW,
    Kind,
    MachineEvent,
    ReferralType,
    State,
    Via,
    new_code,
    normalize_code,
)

# Any constant: the lock's only job is to order referral-link creations.
_LINK_LOCK = 0x0B0E_11A0
_CODE_ATTEMPTS = 8


def open_key(kind: str, a: uuid.UUID, b: uuid.UUID) -> str:
    """What makes two open relationships duplicates: the same kind between the same two
    people, either way round; a referral has a direction (A inviting B is not B inviting A,
    which the cycle rule refuses anyway)."""
    if kind == Kind.REFERRAL.value:
        return f"{kind}:{a}:{b}"
    low, high = sorted((str(a), str(b)))
    return f"{kind}:{low}:{high}"


# -- codes ------------------------------------------------------------------------------------


async def _store_code(session: AsyncSession, user_id: uuid.UUID, *, replace: bool) -> str:
    """A fresh code for the user; a collision with another user's code (31^8 codes) retries."""
    for _ in range(_CODE_ATTEMPTS):
        code = new_code()
        try:
            async with session.begin_nested():
                row = await session.get(UmbrellaReferralCode, user_id, populate_existing=True)
                if row is None:
                    session.add(UmbrellaReferralCode(user_id=user_id, code=code))
                elif replace:
                    row.code, row.updated_at = code, utcnow()
                    session.add(row)
                else:
                    return row.code
        except IntegrityError:
            continue
        return code
    raise RuntimeError("no free referral code after several attempts")


async def referral_code(session: AsyncSession, *, user_id: uuid.UUID) -> str:
    """The user's code, made on first use."""
    row = await session.get(UmbrellaReferralCode, user_id)
    if row is not None:
        return row.code
    return await _store_code(session, user_id, replace=False)


async def regenerate_code(session: AsyncSession, *, user_id: uuid.UUID) -> str:
    """A new code; the old one stops working at once."""
    return await _store_code(session, user_id, replace=True)


async def owner_of_code(session: AsyncSession, code: str) -> uuid.UUID | None:
    normalized = normalize_code(code)
    if not normalized:
        return None
    owner = await session.exec(
        select(UmbrellaReferralCode.user_id).where(col(UmbrellaReferralCode.code) == normalized)
    )
    return owner.first()


# -- links ------------------------------------------------------------------------------------


async def referrer_of(session: AsyncSession, user_id: uuid.UUID) -> uuid.UUID | None:
    found = await session.exec(
        select(UmbrellaRelationship.from_user_id).where(
            col(UmbrellaRelationship.referred_user_id) == user_id
        )
    )
    return found.first()


def _ancestors_statement() -> Any:
    """Everyone above `:user_id` in the referral tree, in one recursive query (every link
    counts, whatever its state: a referrer is fixed for good)."""
    links = UmbrellaRelationship.__table__.c  # type: ignore[attr-defined]
    up = (
        sa.select(links.from_user_id.label("user_id"), sa.literal(1).label("depth"))
        .where(links.referred_user_id == sa.bindparam("user_id", type_=sa.Uuid()))
        .cte("up", recursive=True)
    )
    parent = (
        sa.select(links.from_user_id, (up.c.depth + 1))
        .join(up, links.referred_user_id == up.c.user_id)
        # A bound: a corrupted tree cannot make the walk run forever.
        .where(up.c.depth < 10_000)
    )
    up = up.union(parent)
    return sa.select(up.c.user_id)


_ANCESTORS = _ancestors_statement()


async def _lock_links(session: AsyncSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        lock: Any = sa.select(sa.func.pg_advisory_xact_lock(_LINK_LOCK))
        await session.exec(lock)


async def check_link(
    session: AsyncSession, *, referrer_id: uuid.UUID, referred_id: uuid.UUID
) -> None:
    """Refuse a link that would be a self-referral, a second referrer or a cycle."""
    if referrer_id == referred_id:
        raise SelfReferral("You cannot refer yourself.")
    if await referrer_of(session, referred_id) is not None:
        raise AlreadyReferred()
    found = await session.exec(_ANCESTORS, params={"user_id": referrer_id})
    if referred_id in set(found.scalars().all()):
        raise ReferralCycle("The user you would refer is above you in your own referral chain.")


async def link(
    session: AsyncSession,
    *,
    referrer_id: uuid.UUID,
    referred_id: uuid.UUID,
    via: Via,
    actor_id: uuid.UUID | None,
    invitation: UmbrellaRelationship | None = None,
    referral_type: ReferralType = ReferralType.PRIVATE_UMBRELLA,
    now: datetime | None = None,
) -> UmbrellaRelationship:
    """Make the link (PENDING_AGREEMENT), its state-machine instance and its 30-day expiry
    timer, in the caller's transaction; from an accepted `invitation` when given."""
    now = now or utcnow()
    await _lock_links(session)
    await check_link(session, referrer_id=referrer_id, referred_id=referred_id)
    rel = invitation or UmbrellaRelationship(
        kind=Kind.REFERRAL.value,
        referral_type=referral_type.value,
        from_user_id=referrer_id,
        to_user_id=referred_id,
        via=via.value,
        state=State.PENDING_AGREEMENT.value,
    )
    rel.state = State.PENDING_AGREEMENT.value
    rel.referred_user_id = referred_id
    rel.open_key = open_key(Kind.REFERRAL.value, referrer_id, referred_id)
    rel.expires_at = now + AGREEMENT_WINDOW
    rel.updated_at = now
    try:
        async with session.begin_nested():
            session.add(rel)
    except IntegrityError as exc:
        raise AlreadyReferred() from exc
    await machines.create_instance(
        session, machine_type=lifecycle.MACHINE, instance_id=str(rel.id), actor_id=actor_id
    )
    await machines.schedule_timer(
        session,
        machine_type=lifecycle.MACHINE,
        instance_id=str(rel.id),
        event=MachineEvent.EXPIRE.value,
        fire_at=rel.expires_at,
    )
    await bus.publish(
        session,
        ReferralCreated(
            relationship_id=rel.id,
            user_id=referred_id,
            referrer_id=referrer_id,
            referred_id=referred_id,
            via=via.value,
            actor_id=actor_id,
        ),
    )
    return rel
