"""What earns XP: the domain events gamification hears, each turned into a `Trigger` for the
award engine (awards.apply) in the delivery's own transaction. Every handler is idempotent:
the award rows are unique per (user, rule, source event) and the facts per key, so a
redelivered or replayed event changes nothing. `register()` is the manifest's.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.auth.events import LoggedIn
from brain.domains.buz import service as buz
from brain.domains.buz.events import Staked, TransferCompleted
from brain.domains.files.events import FileShared
from brain.domains.gamification import awards
from brain.domains.gamification.models import BuzChange, LoginDay
from brain.domains.gamification.rules import BADGES, Fact, Metric, Rule, once_source, streaks
from brain.domains.legal.events import DocumentSigned
from brain.domains.umbrella.events import ReferralActivated
from brain.domains.users import service as users
from brain.domains.users.events import UserUpdated
from brain.domains.ventures.events import MemberJoined, MemberLeft, StageChanged, VentureCreated

# How far back a streak is computed (the best streak is kept on the stats row, so a longer
# one found earlier is never lost).
STREAK_WINDOW = 400
LAUNCH = "LAUNCH"


def _trigger(event: bus.DomainEvent, user_id: uuid.UUID, **kwargs: object) -> awards.Trigger:
    return awards.Trigger(
        user_id=user_id,
        source_event_id=event.event_id,
        occurred_at=event.occurred_at,
        **kwargs,  # type: ignore[arg-type]
    )


async def logged_in(session: AsyncSession, event: LoggedIn) -> None:
    """A login day, the streaks, then the daily login XP (capped at one a day)."""
    stats = await awards.lock_stats(session, event.user_id)
    day = event.occurred_at.date()
    if await session.get(LoginDay, (event.user_id, day)) is None:
        session.add(LoginDay(user_id=event.user_id, day=day))
        await session.flush()
    rows = await session.exec(
        select(col(LoginDay.day))
        .where(LoginDay.user_id == event.user_id)
        .order_by(col(LoginDay.day).desc())
        .limit(STREAK_WINDOW)
    )
    current, best = streaks(list(rows.all()))
    stats.current_streak = current
    stats.best_streak = max(stats.best_streak, best)
    if stats.last_login_day is None or day > stats.last_login_day:
        stats.last_login_day = day
    session.add(stats)
    await session.flush()
    await awards.apply(session, _trigger(event, event.user_id, rule=Rule.DAILY_LOGIN))


def _profile_change(event: UserUpdated) -> bool:
    return "profile" in event.changed


async def profile_updated(session: AsyncSession, event: UserUpdated) -> None:
    """The first time the profile has a headline, a bio, a location and a skill: once ever."""
    user = await users.get_user(session, event.user_id)
    profile = await users.get_profile(session, user, viewer="owner")
    if not (profile.headline and profile.bio and profile.location and profile.skills):
        return
    await awards.apply(
        session,
        awards.Trigger(
            user_id=event.user_id,
            source_event_id=once_source(event.user_id, Rule.PROFILE_COMPLETED.value),
            occurred_at=event.occurred_at,
            rule=Rule.PROFILE_COMPLETED,
        ),
    )


async def document_signed(session: AsyncSession, event: DocumentSigned) -> None:
    await awards.apply(
        session,
        _trigger(
            event,
            event.user_id,
            rule=Rule.LEGAL_DOCUMENT_SIGNED,
            facts=[(Fact.SIGNED, event.template_type)],
        ),
    )


async def member_joined(session: AsyncSession, event: MemberJoined) -> None:
    await awards.apply(
        session,
        _trigger(
            event,
            event.user_id,
            rule=Rule.TEAM_JOINED,
            facts=[(Fact.VENTURE_MEMBER, str(event.venture_id))],
        ),
    )


async def member_left(session: AsyncSession, event: MemberLeft) -> None:
    await awards.apply(
        session,
        _trigger(event, event.user_id, forget=[(Fact.VENTURE_MEMBER, str(event.venture_id))]),
    )


async def venture_created(session: AsyncSession, event: VentureCreated) -> None:
    await awards.apply(
        session,
        _trigger(
            event,
            event.user_id,
            rule=Rule.VENTURE_CREATED,
            facts=[(Fact.VENTURE_CREATED, str(event.venture_id))],
            first_of=Fact.VENTURE_CREATED,
        ),
    )


def _advanced(event: StageChanged) -> bool:
    return event.event == "advance"


async def stage_changed(session: AsyncSession, event: StageChanged) -> None:
    """XP for a step forward; reaching LAUNCH is what Project Champion counts."""
    if event.event != "advance":
        return
    facts = [(Fact.VENTURE_LAUNCHED, str(event.venture_id))] if event.to_stage == LAUNCH else []
    await awards.apply(
        session, _trigger(event, event.user_id, rule=Rule.VENTURE_STAGE_ADVANCED, facts=facts)
    )


async def staked(session: AsyncSession, event: Staked) -> None:
    await awards.apply(session, _trigger(event, event.user_id, rule=Rule.BUZ_STAKED))


async def referral_activated(session: AsyncSession, event: ReferralActivated) -> None:
    await awards.apply(
        session,
        _trigger(
            event,
            event.user_id,
            rule=Rule.REFERRAL_ACTIVATED,
            facts=[(Fact.REFERRAL, str(event.relationship_id))],
        ),
    )


async def file_shared(session: AsyncSession, event: FileShared) -> None:
    await awards.apply(session, _trigger(event, event.user_id, rule=Rule.FILE_SHARED))


def _moves_a_users_buz(event: TransferCompleted) -> bool:
    return event.from_user_id is not None or event.to_user_id is not None


# BUZ_HELD badges by target: a move that carries the holding across one of these is the only
# one that can earn a badge, so only that move runs the award engine.
_HELD_TARGETS = sorted({b.target for b in BADGES.values() if b.metric is Metric.BUZ_HELD})
_BUZ_CHANGE = BuzChange.__table__  # type: ignore[attr-defined]
_INSERT: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
_RECORD_CHANGE = {
    name: insert(_BUZ_CHANGE).on_conflict_do_nothing(index_elements=["user_id", "transfer_id"])
    for name, insert in _INSERT.items()
}


async def _buz_moved(
    session: AsyncSession, moves: dict[uuid.UUID, list[tuple[TransferCompleted, int]]]
) -> None:
    """Users' BUZ moved (`moves`: by user, the transfers and what each changed for the user,
    in order). Every BUZ transfer reaches here, so it is a handful of statements whatever the
    number of users and transfers: the stats rows locked (first, so the holdings read after
    are the latest committed ones even when two deliveries for a user race), the movements
    (once per transfer, a Core insert that ignores a redelivery), the holdings from the
    ledger, and the stats of the users whose holding changed. The award engine runs only for
    a user whose holding crosses a BUZ_HELD badge's target upwards."""
    stats = await awards.lock_stats_many(session, set(moves))
    rows = [
        {"user_id": user_id, "transfer_id": event.transfer_id, "delta": delta,
         "occurred_at": event.occurred_at}
        for user_id, user_moves in moves.items()
        for event, delta in user_moves
        if delta
    ]  # fmt: skip
    connection = await session.connection()
    if rows:
        await connection.execute(_RECORD_CHANGE[connection.dialect.name], rows)
    held = await buz.balances(session, user_ids=moves)
    crossed: list[uuid.UUID] = []
    for user_id in sorted(moves):
        user_stats = stats[user_id]
        now = held[user_id].total if user_id in held else 0
        before = user_stats.buz_held
        if now == before:
            continue
        user_stats.buz_held = now
        awards.mark_changed(session, user_id)
        session.add(user_stats)
        if any(before < target <= now for target in _HELD_TARGETS):
            crossed.append(user_id)
    await session.flush()
    for user_id in crossed:
        last = moves[user_id][-1][0]
        trigger = awards.Trigger(
            user_id=user_id, source_event_id=last.event_id, occurred_at=last.occurred_at
        )
        await awards.apply(session, trigger)


def _moves(event: TransferCompleted) -> dict[uuid.UUID, int]:
    """What the transfer changed in each user's BUZ held. A move between a user's own accounts
    (staking) changes nothing held."""
    moves: dict[uuid.UUID, int] = {}
    if event.to_user_id is not None:
        moves[event.to_user_id] = moves.get(event.to_user_id, 0) + event.amount
    if event.from_user_id is not None:
        moves[event.from_user_id] = moves.get(event.from_user_id, 0) - event.amount - event.fee
    if event.from_user_id is not None and event.from_user_id == event.to_user_id:
        moves[event.from_user_id] = 0
    return moves


async def transfers_completed(session: AsyncSession, events: list[TransferCompleted]) -> None:
    """BUZ held (wallet and staked) for the BUZ board and BUZ Master; the movements for the
    week and month boards. Once for the whole batch (the worker delivers a backlog of
    transfers at once)."""
    by_user: dict[uuid.UUID, list[tuple[TransferCompleted, int]]] = {}
    for event in events:
        for user_id, delta in _moves(event).items():
            by_user.setdefault(user_id, []).append((event, delta))
    if by_user:
        await _buz_moved(session, by_user)


async def transfer_completed(session: AsyncSession, event: TransferCompleted) -> None:
    await transfers_completed(session, [event])


def register() -> None:
    """Idempotent: safe to call from the app, the worker and tests."""
    bus.subscribe(LoggedIn, logged_in, mode="inline")
    bus.subscribe(UserUpdated, profile_updated, mode="inline", when=_profile_change)
    bus.subscribe(DocumentSigned, document_signed, mode="inline")
    bus.subscribe(MemberJoined, member_joined, mode="inline")
    bus.subscribe(MemberLeft, member_left, mode="inline")
    bus.subscribe(VentureCreated, venture_created, mode="inline")
    bus.subscribe(StageChanged, stage_changed, mode="inline", when=_advanced)
    bus.subscribe(Staked, staked, mode="inline")
    bus.subscribe(ReferralActivated, referral_activated, mode="inline")
    bus.subscribe(FileShared, file_shared, mode="inline")
    # A job, not inline: every transfer is heard, and the boards and BUZ Master may trail the
    # ledger by the queue's delay; the transfer's response does not wait for them.
    bus.subscribe(
        TransferCompleted,
        transfer_completed,
        mode="job",
        when=_moves_a_users_buz,
        batch=transfers_completed,
    )
