"""The engine: instances, events, history and timers. Session first, never commits.

Concurrency. `send_event` reads the instance, checks the transition and its guard, then
applies it with `UPDATE ... SET state = :to, version = version + 1 WHERE id = :id AND
version = :expected`. Zero rows means another transaction moved the instance after our read:
409 CONCURRENT_TRANSITION, never an overwrite. This works the same on Postgres (a concurrent
UPDATE waits for the row, then re-checks the WHERE) and SQLite (transactions begin IMMEDIATE,
so writers are serialised and the later one reads the new state). History rows are unique on
(instance, seq) as a second line of defence.

Idempotency. An `event_id` is unique per instance in the history. A repeated id returns the
stored result of its first send, whatever happened since; the same id with another event or
payload is 409 EVENT_ID_REUSED.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.errors import ValidationFailed
from brain.core.models import utcnow
from brain.core.pagination import DEFAULT_LIMIT, Keyset, PageParams
from brain.domains.state_machines import definitions
from brain.domains.state_machines.definition import (
    Definition,
    Transition,
    build_states,
    build_transitions,
)
from brain.domains.state_machines.definitions import register_definition
from brain.domains.state_machines.errors import (
    ConcurrentTransition,
    EventIdReused,
    GuardRejected,
    InstanceExists,
    InstanceNotFound,
    InvalidTransition,
    UnknownMachine,
)
from brain.domains.state_machines.events import StateMachineTransitioned

# Re-exported with the definition builders above: a domain declares its machine and registers
# it and its guards through this public module (the import rules let it import `service`, not
# `definition`, `definitions` or `guards`).
from brain.domains.state_machines.guards import (
    REASON_GIVEN,
    GuardContext,
    GuardResult,
    get_guard,
    register_guard,
)
from brain.domains.state_machines.mermaid import mermaid
from brain.domains.state_machines.models import (
    StateMachineDefinitionRow,
    StateMachineHistory,
    StateMachineInstance,
    StateMachineTimer,
)
from brain.domains.state_machines.schemas import (
    InstanceState,
    MachineStats,
    Stats,
    TransitionResult,
)

__all__ = [
    "REASON_GIVEN",
    "Definition",
    "GuardContext",
    "GuardResult",
    "allowed_events",
    "build_states",
    "build_transitions",
    "cancel_timers",
    "create_instance",
    "current_definition",
    "declared_definition",
    "definition_of",
    "get_definition",
    "get_instance",
    "history",
    "instance_state",
    "mermaid",
    "register_definition",
    "register_guard",
    "schedule_timer",
    "send_event",
    "stats",
    "sync_builtin_definitions",
    "sync_definition",
]

# An instance's history, oldest first; `seq` is unique within one instance.
HISTORY = Keyset("state_machines.history", sa.inspect(StateMachineHistory).c.seq, descending=False)
FIRST_PAGE = PageParams(limit=DEFAULT_LIMIT, cursor=None)


def declared_definition(machine_type: str) -> Definition:
    """The definition the code declares for `machine_type` (for docs and diagrams)."""
    found = definitions.current(machine_type)
    if found is None:
        raise UnknownMachine(f"there is no state machine {machine_type!r}")
    return found


# Parsed definitions by (name, version, content hash). Stored rows never change, so an
# entry never goes stale.
_parsed: dict[tuple[str, int, str], Definition] = {}


def _parse(row: StateMachineDefinitionRow) -> Definition:
    key = (row.name, row.version, row.sha256)
    found = _parsed.get(key)
    if found is None:
        found = Definition.model_validate({**row.definition, "version": row.version})
        _parsed[key] = found
    return found


# -- definitions --------------------------------------------------------------------------


async def sync_definition(session: AsyncSession, definition: Definition) -> Definition:
    """Store `definition` unless this content is stored already; return it with its version.

    Idempotent and safe to race: (name, sha256) and (name, version) are unique, so of two
    processes storing the same new content one wins and the other reads its row.
    """
    query = select(StateMachineDefinitionRow).where(
        col(StateMachineDefinitionRow.name) == definition.name,
        col(StateMachineDefinitionRow.sha256) == definition.sha256,
    )
    row = (await session.exec(query)).first()
    if row is not None:
        return _parse(row)
    latest = await session.scalar(
        select(sa.func.max(StateMachineDefinitionRow.version)).where(
            col(StateMachineDefinitionRow.name) == definition.name
        )
    )
    row = StateMachineDefinitionRow(
        name=definition.name,
        version=int(latest or 0) + 1,
        definition=definition.content(),
        sha256=definition.sha256,
    )
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        stored = (await session.exec(query)).first()
        if stored is None:
            raise
        return _parse(stored)
    return _parse(row)


async def sync_builtin_definitions(session: AsyncSession) -> list[Definition]:
    """Store every registered definition that is new (at startup or first use)."""
    return [await current_definition(session, name) for name in definitions.names()]


async def current_definition(session: AsyncSession, machine_type: str) -> Definition:
    """The definition new instances of `machine_type` start on, stored and versioned."""
    declared = definitions.current(machine_type)
    if declared is None:
        raise UnknownMachine(f"there is no state machine {machine_type!r}")
    return await sync_definition(session, declared)


async def get_definition(session: AsyncSession, machine_type: str, version: int) -> Definition:
    row = await session.get(StateMachineDefinitionRow, (machine_type, version))
    if row is None:
        raise UnknownMachine(f"state machine {machine_type!r} has no version {version}")
    return _parse(row)


# -- instances ----------------------------------------------------------------------------


async def create_instance(
    session: AsyncSession,
    *,
    machine_type: str,
    instance_id: str,
    context: dict[str, Any] | None = None,
    actor_id: uuid.UUID | None = None,
) -> StateMachineInstance:
    """Start `(machine_type, instance_id)` in its machine's initial state, pinned to the
    current definition version. 409 INSTANCE_EXISTS if the business key is taken."""
    definition = await current_definition(session, machine_type)
    instance = StateMachineInstance(
        machine_type=machine_type,
        instance_id=instance_id,
        definition_version=definition.version,
        state=definition.initial_state,
        context=_json(context or {}),
        created_by=actor_id,
    )
    try:
        async with session.begin_nested():
            session.add(instance)
    except IntegrityError as exc:
        raise InstanceExists(
            f"{machine_type} {instance_id!r} has a state machine instance already"
        ) from exc
    return instance


async def _load(
    session: AsyncSession, machine_type: str, instance_id: str
) -> tuple[StateMachineInstance, Definition]:
    query = (
        select(StateMachineInstance, StateMachineDefinitionRow)
        .join(
            StateMachineDefinitionRow,
            sa.and_(
                col(StateMachineDefinitionRow.name) == col(StateMachineInstance.machine_type),
                col(StateMachineDefinitionRow.version)
                == col(StateMachineInstance.definition_version),
            ),
        )
        .where(
            col(StateMachineInstance.machine_type) == machine_type,
            col(StateMachineInstance.instance_id) == instance_id,
        )
        # The caller's session may hold this instance from before another transaction moved
        # it; always take the row as the database has it now.
        .execution_options(populate_existing=True)
    )
    found = (await session.exec(query)).first()
    if found is None:
        if definitions.current(machine_type) is None:
            raise UnknownMachine(f"there is no state machine {machine_type!r}")
        raise InstanceNotFound(f"{machine_type} {instance_id!r} has no state machine instance")
    instance, row = found
    return instance, _parse(row)


async def get_instance(
    session: AsyncSession, *, machine_type: str, instance_id: str
) -> StateMachineInstance:
    instance, _definition = await _load(session, machine_type, instance_id)
    return instance


async def definition_of(
    session: AsyncSession, *, machine_type: str, instance_id: str
) -> Definition:
    """The definition version the instance is pinned to."""
    _instance, definition = await _load(session, machine_type, instance_id)
    return definition


async def allowed_events(
    session: AsyncSession, *, machine_type: str, instance_id: str
) -> list[str]:
    """Events with a transition out of the current state (guards are not run: they may need
    a payload, and asking must have no side effects)."""
    instance, definition = await _load(session, machine_type, instance_id)
    return definition.allowed_events(instance.state)


async def instance_state(
    session: AsyncSession, *, machine_type: str, instance_id: str
) -> InstanceState:
    instance, definition = await _load(session, machine_type, instance_id)
    return InstanceState(
        machine_type=instance.machine_type,
        instance_id=instance.instance_id,
        state=instance.state,
        allowed_events=definition.allowed_events(instance.state),
        version=instance.version,
        definition_version=instance.definition_version,
        context=instance.context,
        created_at=instance.created_at,
        updated_at=instance.updated_at,
    )


def _json(value: dict[str, Any]) -> dict[str, Any]:
    """`value` as it will come back from a JSON column (refuses what JSON cannot hold)."""
    try:
        result: dict[str, Any] = json.loads(json.dumps(value))
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(f"not JSON-serialisable: {exc}") from exc
    return result


def _result(
    instance: StateMachineInstance, entry: StateMachineHistory, *, replayed: bool
) -> TransitionResult:
    return TransitionResult(
        machine_type=instance.machine_type,
        instance_id=instance.instance_id,
        event=entry.event,
        from_state=entry.from_state,
        to_state=entry.to_state,
        seq=entry.seq,
        version=entry.seq,
        event_id=entry.event_id,
        actor_id=entry.actor_id,
        occurred_at=entry.created_at,
        replayed=replayed,
    )


async def _replay(
    session: AsyncSession,
    instance: StateMachineInstance,
    *,
    event: str,
    payload: dict[str, Any],
    event_id: str,
) -> TransitionResult | None:
    entry = (
        await session.exec(
            select(StateMachineHistory).where(
                col(StateMachineHistory.instance_pk) == instance.id,
                col(StateMachineHistory.event_id) == event_id,
            )
        )
    ).first()
    if entry is None:
        return None
    if entry.event != event or entry.payload != payload:
        raise EventIdReused(
            f"event id {event_id!r} was used for {entry.event!r} with another payload"
            if entry.event == event
            else f"event id {event_id!r} was used for {entry.event!r}, not {event!r}"
        )
    return _result(instance, entry, replayed=True)


def _transition_from(
    definition: Definition, instance: StateMachineInstance, event: str
) -> Transition:
    """The transition `event` takes from the instance's state; InvalidTransition (naming the
    events that are allowed) when there is none."""
    transition = definition.transition(event, instance.state)
    if transition is None:
        allowed = definition.allowed_events(instance.state)
        raise InvalidTransition(
            f"{event!r} is not allowed in state {instance.state} of {instance.machine_type} "
            f"{instance.instance_id!r}; allowed: {', '.join(allowed) or 'none (final state)'}",
            state=instance.state,
            allowed_events=allowed,
        )
    return transition


async def _check_guard(name: str, ctx: GuardContext) -> None:
    """GuardRejected unless the guard `name` allows the transition (an unregistered guard
    refuses: fail closed)."""
    guard = get_guard(name)
    if guard is None:
        raise GuardRejected(
            f"guard {name!r} is not registered, so {ctx.event!r} is refused", guard=name
        )
    verdict = await guard(ctx)
    if not verdict.allowed:
        raise GuardRejected(verdict.reason or "refused", guard=name)


async def _move(
    session: AsyncSession, instance: StateMachineInstance, target: str, now: datetime
) -> bool:
    """Move the instance to `target` if it is still at the version we read (see the module
    docstring); False when another transaction moved it first."""
    expected = instance.version
    applied = await session.exec(
        sa.update(StateMachineInstance)
        .where(
            col(StateMachineInstance.id) == instance.id,
            col(StateMachineInstance.version) == expected,
        )
        .values(state=target, version=expected + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if applied.rowcount != 1:
        return False
    set_committed_value(instance, "state", target)
    set_committed_value(instance, "version", expected + 1)
    set_committed_value(instance, "updated_at", now)
    return True


async def _record(
    session: AsyncSession,
    instance: StateMachineInstance,
    definition: Definition,
    transition: Transition,
    *,
    payload: dict[str, Any],
    event_id: str | None,
    actor_id: uuid.UUID | None,
    at: datetime,
) -> StateMachineHistory:
    """The history row of a transition just applied, and its event in the outbox, both in
    the caller's transaction."""
    entry = StateMachineHistory(
        instance_pk=instance.id,
        seq=instance.version,
        event=transition.event,
        from_state=transition.source,
        to_state=transition.target,
        actor_id=actor_id,
        payload=payload,
        event_id=event_id,
        created_at=at,
    )
    session.add(entry)
    await session.flush()
    await bus.publish(
        session,
        StateMachineTransitioned(
            actor_id=actor_id,
            machine_type=instance.machine_type,
            instance_id=instance.instance_id,
            event=transition.event,
            from_state=transition.source,
            to_state=transition.target,
            seq=entry.seq,
            definition_version=definition.version,
            payload=payload,
        ),
    )
    return entry


async def send_event(
    session: AsyncSession,
    *,
    machine_type: str,
    instance_id: str,
    event: str,
    payload: dict[str, Any] | None = None,
    event_id: str | None = None,
    actor_id: uuid.UUID | None = None,
    expected_version: int | None = None,
) -> TransitionResult:
    """Apply at most one transition, in the caller's transaction.

    Raises InvalidTransition (the event has no transition from the current state; lists the
    allowed ones), GuardRejected, ConcurrentTransition (another transaction moved the
    instance first, or it is no longer at `expected_version`), EventIdReused.
    """
    payload = _json(payload or {})
    instance, definition = await _load(session, machine_type, instance_id)
    if event_id is not None:
        replay = await _replay(session, instance, event=event, payload=payload, event_id=event_id)
        if replay is not None:
            return replay
    if expected_version is not None and instance.version != expected_version:
        raise ConcurrentTransition(
            f"{machine_type} {instance_id!r} is at version {instance.version}, "
            f"not {expected_version}",
            current_version=instance.version,
            state=instance.state,
        )
    from_state = instance.state
    transition = _transition_from(definition, instance, event)
    if transition.guard is not None:
        await _check_guard(
            transition.guard,
            GuardContext(
                session=session,
                machine_type=machine_type,
                instance_id=instance_id,
                event=event,
                from_state=from_state,
                to_state=transition.target,
                actor_id=actor_id,
                payload=payload,
                context=instance.context,
            ),
        )

    now = utcnow()
    if not await _move(session, instance, transition.target, now):
        if event_id is not None:
            # The winner may have been this very event id, sent twice at once.
            replay = await _replay(
                session, instance, event=event, payload=payload, event_id=event_id
            )
            if replay is not None:
                return replay
        raise ConcurrentTransition(
            f"{machine_type} {instance_id!r} changed while {event!r} was being applied; "
            "read its state and try again"
        )
    entry = await _record(
        session,
        instance,
        definition,
        transition,
        payload=payload,
        event_id=event_id,
        actor_id=actor_id,
        at=now,
    )
    return _result(instance, entry, replayed=False)


async def history(
    session: AsyncSession,
    *,
    machine_type: str,
    instance_id: str,
    page: PageParams = FIRST_PAGE,
) -> tuple[list[StateMachineHistory], str | None]:
    """Applied transitions, oldest first, one page, and the cursor of the next page."""
    instance, _definition = await _load(session, machine_type, instance_id)
    query = HISTORY.apply(
        select(StateMachineHistory).where(col(StateMachineHistory.instance_pk) == instance.id),
        page,
    )
    return HISTORY.page((await session.exec(query)).all(), page)


async def stats(session: AsyncSession, *, now: datetime | None = None) -> Stats:
    """Instances per machine and state, and transitions applied in the last 24 hours."""
    since = (now or utcnow()) - timedelta(hours=24)
    by_state = await session.exec(
        select(
            col(StateMachineInstance.machine_type),
            col(StateMachineInstance.state),
            sa.func.count(),
        ).group_by(col(StateMachineInstance.machine_type), col(StateMachineInstance.state))
    )
    recent = await session.exec(
        select(col(StateMachineInstance.machine_type), sa.func.count())
        .select_from(StateMachineHistory)
        .join(
            StateMachineInstance,
            col(StateMachineInstance.id) == col(StateMachineHistory.instance_pk),
        )
        .where(col(StateMachineHistory.created_at) >= since)
        .group_by(col(StateMachineInstance.machine_type))
    )
    machines: dict[str, MachineStats] = {}

    def entry(name: str) -> MachineStats:
        return machines.setdefault(
            name,
            MachineStats(machine_type=name, instances_by_state={}, transitions_last_24h=0),
        )

    for machine_type, state, count in by_state.all():
        entry(machine_type).instances_by_state[state] = int(count)
    for machine_type, count in recent.all():
        entry(machine_type).transitions_last_24h = int(count)
    return Stats(machines=[machines[name] for name in sorted(machines)])


# -- timers -------------------------------------------------------------------------------


async def schedule_timer(
    session: AsyncSession,
    *,
    machine_type: str,
    instance_id: str,
    event: str,
    fire_at: datetime,
    payload: dict[str, Any] | None = None,
) -> StateMachineTimer:
    """Send `event` to the instance at `fire_at` (the job `state_machines.fire_due_timers`).

    Idempotent per (instance, event, fire_at). If the event is no longer allowed when the
    timer is due (the document was completed before its deadline), the timer is closed with
    a note instead of firing.
    """
    if fire_at.tzinfo is None:
        raise ValidationFailed("fire_at must be timezone-aware")
    instance, definition = await _load(session, machine_type, instance_id)
    if event not in definition.events:
        raise ValidationFailed(f"state machine {machine_type!r} has no event {event!r}")
    query = select(StateMachineTimer).where(
        col(StateMachineTimer.instance_pk) == instance.id,
        col(StateMachineTimer.event) == event,
        col(StateMachineTimer.fire_at) == fire_at,
    )
    existing = (await session.exec(query)).first()
    if existing is not None:
        return existing
    timer = StateMachineTimer(
        instance_pk=instance.id, event=event, fire_at=fire_at, payload=_json(payload or {})
    )
    try:
        async with session.begin_nested():
            session.add(timer)
    except IntegrityError:
        existing = (await session.exec(query)).first()
        if existing is None:
            raise
        return existing
    return timer


async def cancel_timers(
    session: AsyncSession, *, machine_type: str, instance_id: str, event: str | None = None
) -> int:
    """Close the instance's pending timers (all, or those for `event`); returns how many."""
    instance, _definition = await _load(session, machine_type, instance_id)
    query = (
        sa.update(StateMachineTimer)
        .where(
            col(StateMachineTimer.instance_pk) == instance.id,
            col(StateMachineTimer.fired_at).is_(None),
        )
        .values(fired_at=utcnow(), outcome="cancelled")
        .execution_options(synchronize_session=False)
    )
    if event is not None:
        query = query.where(col(StateMachineTimer.event) == event)
    return int((await session.exec(query)).rowcount)
