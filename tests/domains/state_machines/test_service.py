"""The engine on one database transaction per test: walks, refusals, guards, idempotency,
versioned definitions, history, stats, the outbox, and timers."""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.models import OutboxEvent, utcnow
from brain.core.pagination import PageParams
from brain.domains.state_machines import definitions, guards, jobs, service
from brain.domains.state_machines.definition import Definition, Transition
from brain.domains.state_machines.errors import (
    ConcurrentTransition,
    EventIdReused,
    GuardRejected,
    InstanceExists,
    InstanceNotFound,
    InvalidTransition,
    UnknownMachine,
)
from brain.domains.state_machines.guards import GuardContext, GuardResult
from brain.domains.state_machines.models import StateMachineHistory, StateMachineTimer
from tests.domains.state_machines.machines import TEST_MACHINES

pytestmark = pytest.mark.usefixtures("stand_in_guards")

REASON = {"reason": "the founders moved on"}


def path_to(definition: Definition, target: str) -> list[Transition]:
    """The shortest list of transitions from the initial state to `target` (BFS)."""
    queue: deque[tuple[str, list[Transition]]] = deque([(definition.initial_state, [])])
    seen = {definition.initial_state}
    while queue:
        state, path = queue.popleft()
        if state == target:
            return path
        for t in definition.transitions:
            if t.source == state and t.target not in seen:
                seen.add(t.target)
                queue.append((t.target, [*path, t]))
    raise AssertionError(f"{target} unreachable")


def walk_cases() -> Iterator[tuple[str, Transition]]:
    for d in (*definitions.BUILTIN, *TEST_MACHINES):
        for t in d.transitions:
            yield d.name, t


@pytest.mark.parametrize(
    ("machine_type", "transition"),
    list(walk_cases()),
    ids=[f"{m}:{t.source}-{t.event}->{t.target}" for m, t in walk_cases()],
)
async def test_every_transition_can_be_taken(
    session: AsyncSession, machine_type: str, transition: Transition
) -> None:
    definition = definitions.current(machine_type)
    assert definition is not None
    key = str(uuid.uuid4())
    await service.create_instance(session, machine_type=machine_type, instance_id=key)
    for step in [*path_to(definition, transition.source), transition]:
        result = await service.send_event(
            session, machine_type=machine_type, instance_id=key, event=step.event, payload=REASON
        )
        assert (result.from_state, result.to_state) == (step.source, step.target)
    state = await service.instance_state(session, machine_type=machine_type, instance_id=key)
    assert state.state == transition.target
    assert state.allowed_events == definition.allowed_events(transition.target)


async def test_new_instance_starts_in_the_initial_state_pinned_to_a_version(
    session: AsyncSession,
) -> None:
    actor = uuid.uuid4()
    instance = await service.create_instance(
        session,
        machine_type="pipeline",
        instance_id="v-1",
        context={"name": "Owl"},
        actor_id=actor,
    )
    assert instance.state == "IDEA"
    assert instance.version == 0
    assert instance.definition_version >= 1
    assert instance.created_by == actor
    state = await service.instance_state(session, machine_type="pipeline", instance_id="v-1")
    assert state.context == {"name": "Owl"}
    assert state.allowed_events == ["advance", "archive"]
    assert await service.allowed_events(session, machine_type="pipeline", instance_id="v-1") == [
        "advance",
        "archive",
    ]


async def test_a_business_key_has_one_instance(session: AsyncSession) -> None:
    await service.create_instance(session, machine_type="crew", instance_id="t-1")
    with pytest.raises(InstanceExists):
        await service.create_instance(session, machine_type="crew", instance_id="t-1")
    # The failed insert rolled back to its savepoint; the transaction is still usable.
    assert (await service.get_instance(session, machine_type="crew", instance_id="t-1")).state


async def test_unknown_machine_and_instance_are_404(session: AsyncSession) -> None:
    with pytest.raises(UnknownMachine):
        await service.create_instance(session, machine_type="spaceship", instance_id="x")
    with pytest.raises(UnknownMachine):
        await service.send_event(session, machine_type="spaceship", instance_id="x", event="go")
    with pytest.raises(InstanceNotFound):
        await service.send_event(session, machine_type="crew", instance_id="nope", event="pause")


async def test_an_event_not_allowed_now_is_refused_with_the_allowed_events(
    session: AsyncSession,
) -> None:
    await service.create_instance(session, machine_type="pipeline", instance_id="v-2")
    with pytest.raises(InvalidTransition) as caught:
        await service.send_event(
            session, machine_type="pipeline", instance_id="v-2", event="revert"
        )
    err = caught.value
    assert (err.status, err.code) == (409, "INVALID_TRANSITION")
    assert err.extra == {"state": "IDEA", "allowed_events": ["advance", "archive"]}
    assert "allowed: advance, archive" in err.detail
    with pytest.raises(InvalidTransition):
        await service.send_event(
            session, machine_type="pipeline", instance_id="v-2", event="teleport"
        )
    # Nothing happened.
    assert (
        await service.get_instance(session, machine_type="pipeline", instance_id="v-2")
    ).version == 0


async def test_a_final_state_allows_nothing(session: AsyncSession) -> None:
    await service.create_instance(session, machine_type="crew", instance_id="t-2")
    await service.send_event(session, machine_type="crew", instance_id="t-2", event="disband")
    with pytest.raises(InvalidTransition) as caught:
        await service.send_event(session, machine_type="crew", instance_id="t-2", event="activate")
    assert caught.value.allowed_events == []
    assert "none (final state)" in caught.value.detail


async def test_archiving_needs_a_reason(session: AsyncSession) -> None:
    await service.create_instance(session, machine_type="pipeline", instance_id="v-3")
    for payload in (None, {"reason": "   "}, {"reason": 42}):
        with pytest.raises(GuardRejected) as caught:
            await service.send_event(
                session,
                machine_type="pipeline",
                instance_id="v-3",
                event="archive",
                payload=payload,
            )
        assert caught.value.code == "GUARD_REJECTED"
        assert caught.value.extra["guard"] == "state_machines.reason_given"
        assert "needs a non-empty 'reason'" in caught.value.detail
    result = await service.send_event(
        session, machine_type="pipeline", instance_id="v-3", event="archive", payload=REASON
    )
    assert result.to_state == "ARCHIVED"


async def test_a_domain_guard_decides_with_its_reason(session: AsyncSession) -> None:
    seen: list[GuardContext] = []

    async def not_yet(ctx: GuardContext) -> GuardResult:
        seen.append(ctx)
        return GuardResult.deny("2 of 3 signers have not signed")

    guards.unregister_guard("contract.all_signed")
    guards.register_guard("contract.all_signed", not_yet)
    await service.create_instance(
        session, machine_type="contract", instance_id="d-1", context={"signers": 3}
    )
    await service.send_event(session, machine_type="contract", instance_id="d-1", event="send")
    with pytest.raises(GuardRejected) as caught:
        await service.send_event(
            session,
            machine_type="contract",
            instance_id="d-1",
            event="complete",
            payload={"signer": "a"},
        )
    assert caught.value.detail == "2 of 3 signers have not signed"
    ctx = seen[0]
    assert (ctx.from_state, ctx.to_state, ctx.event) == ("PENDING", "COMPLETED", "complete")
    assert ctx.payload == {"signer": "a"}
    assert ctx.context == {"signers": 3}
    assert ctx.session is session
    # The guard chooses: the caller falls back to `sign`.
    result = await service.send_event(
        session, machine_type="contract", instance_id="d-1", event="sign"
    )
    assert result.to_state == "PARTIALLY_SIGNED"


async def test_a_guard_nobody_registered_refuses(session: AsyncSession) -> None:
    guards.unregister_guard("referral.agreement_signed")
    await service.create_instance(session, machine_type="referral", instance_id="u-1")
    with pytest.raises(GuardRejected) as caught:
        await service.send_event(
            session, machine_type="referral", instance_id="u-1", event="activate"
        )
    assert "'referral.agreement_signed' is not registered" in caught.value.detail


def test_guard_registration_refuses_bad_names_and_a_second_function() -> None:
    with pytest.raises(ValueError, match=r"must be 'domain\.name'"):
        guards.register_guard("nodots", guards.reason_given)
    with pytest.raises(ValueError, match="already registered"):
        guards.register_guard("state_machines.reason_given", _other)
    guards.register_guard("state_machines.reason_given", guards.reason_given)  # same fn: no-op


async def _other(_ctx: GuardContext) -> GuardResult:
    return GuardResult.allow()


async def test_an_event_id_returns_the_first_result_even_after_later_transitions(
    session: AsyncSession,
) -> None:
    await service.create_instance(session, machine_type="pipeline", instance_id="v-4")
    first = await service.send_event(
        session, machine_type="pipeline", instance_id="v-4", event="advance", event_id="req-1"
    )
    assert not first.replayed
    await service.send_event(
        session, machine_type="pipeline", instance_id="v-4", event="advance", event_id="req-2"
    )
    again = await service.send_event(
        session, machine_type="pipeline", instance_id="v-4", event="advance", event_id="req-1"
    )
    assert again.replayed
    assert again.model_dump(exclude={"replayed"}) == first.model_dump(exclude={"replayed"})
    instance = await service.get_instance(session, machine_type="pipeline", instance_id="v-4")
    assert (instance.state, instance.version) == ("DEVELOPMENT", 2)
    entries, _next = await service.history(session, machine_type="pipeline", instance_id="v-4")
    assert [e.event_id for e in entries] == ["req-1", "req-2"]


async def test_an_event_id_reused_for_something_else_is_refused(session: AsyncSession) -> None:
    await service.create_instance(session, machine_type="pipeline", instance_id="v-5")
    await service.send_event(
        session, machine_type="pipeline", instance_id="v-5", event="advance", event_id="req-1"
    )
    with pytest.raises(EventIdReused):
        await service.send_event(
            session, machine_type="pipeline", instance_id="v-5", event="revert", event_id="req-1"
        )
    with pytest.raises(EventIdReused):
        await service.send_event(
            session,
            machine_type="pipeline",
            instance_id="v-5",
            event="advance",
            event_id="req-1",
            payload={"x": 1},
        )
    # Event ids are per instance.
    await service.create_instance(session, machine_type="pipeline", instance_id="v-6")
    other = await service.send_event(
        session, machine_type="pipeline", instance_id="v-6", event="advance", event_id="req-1"
    )
    assert not other.replayed


async def test_a_stale_expected_version_is_a_concurrent_transition(session: AsyncSession) -> None:
    await service.create_instance(session, machine_type="pipeline", instance_id="v-7")
    await service.send_event(
        session, machine_type="pipeline", instance_id="v-7", event="advance", expected_version=0
    )
    with pytest.raises(ConcurrentTransition) as caught:
        await service.send_event(
            session, machine_type="pipeline", instance_id="v-7", event="advance", expected_version=0
        )
    assert caught.value.code == "CONCURRENT_TRANSITION"
    assert caught.value.extra["current_version"] == 1


async def test_history_is_ordered_and_pages_by_seq(session: AsyncSession) -> None:
    actor = uuid.uuid4()
    await service.create_instance(session, machine_type="pipeline", instance_id="v-8")
    for event in ("advance", "advance", "revert", "archive"):
        await service.send_event(
            session,
            machine_type="pipeline",
            instance_id="v-8",
            event=event,
            actor_id=actor,
            payload=REASON,
        )
    entries, next_cursor = await service.history(
        session, machine_type="pipeline", instance_id="v-8"
    )
    assert next_cursor is None
    assert [(e.seq, e.event, e.from_state, e.to_state) for e in entries] == [
        (1, "advance", "IDEA", "PLANNING"),
        (2, "advance", "PLANNING", "DEVELOPMENT"),
        (3, "revert", "DEVELOPMENT", "PLANNING"),
        (4, "archive", "PLANNING", "ARCHIVED"),
    ]
    assert all(e.actor_id == actor and e.payload == REASON for e in entries)
    seen: list[int] = []
    cursor = None
    while True:
        page, cursor = await service.history(
            session,
            machine_type="pipeline",
            instance_id="v-8",
            page=PageParams(limit=3, cursor=cursor),
        )
        seen += [e.seq for e in page]
        if cursor is None:
            break
    assert seen == [1, 2, 3, 4], "every transition once, oldest first"


async def test_the_transitioned_event_is_in_the_outbox_of_the_same_transaction(
    db_connection: object,
) -> None:
    async with db.session_scope() as session:
        await service.create_instance(session, machine_type="crew", instance_id="t-3")
    actor = uuid.uuid4()
    async with db.session_scope() as session:
        await service.send_event(
            session,
            machine_type="crew",
            instance_id="t-3",
            event="activate",
            actor_id=actor,
            payload={"by": "owner"},
        )
        rows = (
            await session.exec(
                select(OutboxEvent).where(col(OutboxEvent.name) == "state_machines.transitioned")
            )
        ).all()
        payloads = [r.payload for r in rows if r.payload["instance_id"] == "t-3"]
        assert len(payloads) == 1, "written before the commit, with the transition"
    event = payloads[0]
    assert {k: event[k] for k in ("machine_type", "event", "from_state", "to_state", "seq")} == {
        "machine_type": "crew",
        "event": "activate",
        "from_state": "FORMING",
        "to_state": "ACTIVE",
        "seq": 1,
    }
    assert event["actor_id"] == str(actor)
    assert event["payload"] == {"by": "owner"}


async def test_a_rolled_back_send_leaves_no_history_and_no_event(db_connection: object) -> None:
    async with db.session_scope() as session:
        instance = await service.create_instance(session, machine_type="crew", instance_id="t-4")

    async def failing_request() -> None:
        async with db.session_scope() as session:
            await service.send_event(
                session, machine_type="crew", instance_id="t-4", event="activate"
            )
            raise RuntimeError("the request failed after the transition")

    with pytest.raises(RuntimeError):
        await failing_request()
    async with db.session_scope() as session:
        found = await service.get_instance(session, machine_type="crew", instance_id="t-4")
        assert (found.state, found.version) == ("FORMING", 0)
        history = (
            await session.exec(
                select(StateMachineHistory).where(
                    col(StateMachineHistory.instance_pk) == instance.id
                )
            )
        ).all()
        assert history == []
        events = (
            await session.exec(
                select(OutboxEvent).where(col(OutboxEvent.name) == "state_machines.transitioned")
            )
        ).all()
        assert [e for e in events if e.payload["instance_id"] == "t-4"] == []


async def test_a_changed_definition_gets_a_new_version_and_old_instances_keep_theirs(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(definitions, "_registry", dict(definitions._registry))
    v1 = Definition.model_validate(
        {
            "name": "widget",
            "states": [{"name": "NEW", "initial": True}, {"name": "DONE", "final": True}],
            "transitions": [{"event": "finish", "source": "NEW", "target": "DONE"}],
        }
    )
    definitions.register_definition(v1)
    old = await service.create_instance(session, machine_type="widget", instance_id="w-1")
    assert (await service.sync_definition(session, v1)).version == old.definition_version

    v2 = Definition.model_validate(
        {
            "name": "widget",
            "states": [
                {"name": "NEW", "initial": True},
                {"name": "REVIEW"},
                {"name": "DONE", "final": True},
            ],
            "transitions": [
                {"event": "submit", "source": "NEW", "target": "REVIEW"},
                {"event": "finish", "source": "REVIEW", "target": "DONE"},
            ],
        }
    )
    definitions.register_definition(v2)
    new = await service.create_instance(session, machine_type="widget", instance_id="w-2")
    assert new.definition_version == old.definition_version + 1
    # Syncing again stores nothing new.
    assert (await service.sync_definition(session, v2)).version == new.definition_version

    # The old instance still runs v1: `finish` straight from NEW, no `submit`.
    assert await service.allowed_events(session, machine_type="widget", instance_id="w-1") == [
        "finish"
    ]
    await service.send_event(session, machine_type="widget", instance_id="w-1", event="finish")
    with pytest.raises(InvalidTransition):
        await service.send_event(session, machine_type="widget", instance_id="w-2", event="finish")
    stored = await service.get_definition(session, "widget", old.definition_version)
    assert stored.sha256 == v1.sha256


async def test_stats_count_instances_per_state_and_recent_transitions(
    session: AsyncSession,
) -> None:
    before = await service.stats(session)
    base = {m.machine_type: m for m in before.machines}
    for key in ("s-1", "s-2", "s-3"):
        await service.create_instance(session, machine_type="subscription", instance_id=key)
    await service.send_event(
        session, machine_type="subscription", instance_id="s-1", event="activate"
    )
    await service.send_event(session, machine_type="subscription", instance_id="s-1", event="pause")
    after = {m.machine_type: m for m in (await service.stats(session)).machines}
    sub = after["subscription"]
    prev = base.get("subscription")
    prev_states: dict[str, int] = prev.instances_by_state if prev else {}
    assert sub.instances_by_state.get("TRIAL", 0) - prev_states.get("TRIAL", 0) == 2
    assert sub.instances_by_state.get("PAUSED", 0) - prev_states.get("PAUSED", 0) == 1
    assert sub.transitions_last_24h - (prev.transitions_last_24h if prev else 0) == 2
    later = await service.stats(session, now=utcnow() + timedelta(days=2))
    assert all(m.transitions_last_24h == 0 for m in later.machines)


# -- timers -------------------------------------------------------------------------------


async def timer_rows(instance_pk: uuid.UUID) -> list[StateMachineTimer]:
    async with db.session_scope() as session:
        rows = await session.exec(
            select(StateMachineTimer).where(col(StateMachineTimer.instance_pk) == instance_pk)
        )
        return list(rows.all())


async def pending_contract(key: str) -> Any:
    async with db.session_scope() as session:
        instance = await service.create_instance(session, machine_type="contract", instance_id=key)
        await service.send_event(session, machine_type="contract", instance_id=key, event="send")
    return instance


async def test_a_due_timer_fires_its_event_once(db_connection: object) -> None:
    doc = await pending_contract("d-timer-1")
    async with db.session_scope() as session:
        first = await service.schedule_timer(
            session,
            machine_type="contract",
            instance_id="d-timer-1",
            event="expire",
            fire_at=utcnow() - timedelta(seconds=1),
        )
        again = await service.schedule_timer(
            session,
            machine_type="contract",
            instance_id="d-timer-1",
            event="expire",
            fire_at=first.fire_at,
        )
        assert again.id == first.id, "scheduling is idempotent"
        await service.schedule_timer(
            session,
            machine_type="contract",
            instance_id="d-timer-1",
            event="void",
            fire_at=utcnow() + timedelta(days=1),
        )
    assert await jobs.fire_due_timers() == 1
    assert await jobs.fire_due_timers() == 0
    async with db.session_scope() as session:
        state = await service.instance_state(
            session, machine_type="contract", instance_id="d-timer-1"
        )
        entries, _next = await service.history(
            session, machine_type="contract", instance_id="d-timer-1"
        )
    assert state.state == "EXPIRED"
    assert entries[-1].event_id == f"timer:{first.id}"
    assert entries[-1].actor_id is None
    rows = {t.event: t for t in await timer_rows(doc.id)}
    assert rows["expire"].fired_at is not None
    assert rows["expire"].outcome == "fired"
    assert rows["void"].fired_at is None, "not due yet"


async def test_a_timer_whose_event_is_no_longer_allowed_is_closed_with_a_note(
    db_connection: object,
) -> None:
    doc = await pending_contract("d-timer-2")
    async with db.session_scope() as session:
        await service.schedule_timer(
            session,
            machine_type="contract",
            instance_id="d-timer-2",
            event="expire",
            fire_at=utcnow() - timedelta(seconds=1),
        )
        # Signed before the deadline.
        await service.send_event(
            session, machine_type="contract", instance_id="d-timer-2", event="complete"
        )
    assert await jobs.fire_due_timers() == 0
    [timer] = await timer_rows(doc.id)
    assert timer.fired_at is not None, "closed, so it is not retried every tick"
    assert timer.outcome is not None
    assert timer.outcome.startswith("skipped: 'expire' is not allowed in state COMPLETED")
    assert await jobs.fire_due_timers() == 0


async def test_cancelled_timers_never_fire(db_connection: object) -> None:
    doc = await pending_contract("d-timer-3")
    async with db.session_scope() as session:
        await service.schedule_timer(
            session,
            machine_type="contract",
            instance_id="d-timer-3",
            event="expire",
            fire_at=utcnow() - timedelta(seconds=1),
        )
        assert (
            await service.cancel_timers(session, machine_type="contract", instance_id="d-timer-3")
            == 1
        )
    assert await jobs.fire_due_timers() == 0
    [timer] = await timer_rows(doc.id)
    assert timer.outcome == "cancelled"


async def test_scheduling_an_unknown_event_or_a_naive_time_is_refused(
    session: AsyncSession,
) -> None:
    from brain.core.errors import ValidationFailed

    await service.create_instance(session, machine_type="crew", instance_id="t-5")
    with pytest.raises(ValidationFailed, match="has no event 'explode'"):
        await service.schedule_timer(
            session, machine_type="crew", instance_id="t-5", event="explode", fire_at=utcnow()
        )
    with pytest.raises(ValidationFailed, match="timezone-aware"):
        await service.schedule_timer(
            session,
            machine_type="crew",
            instance_id="t-5",
            event="pause",
            fire_at=utcnow().replace(tzinfo=None),
        )


def test_the_timer_job_is_a_cron() -> None:
    from brain import handlers
    from brain.core import jobs as core_jobs

    handlers.register()
    assert jobs.FIRE_DUE_TIMERS in core_jobs.registered_jobs()
    cron = core_jobs.registered_crons()[jobs.FIRE_DUE_TIMERS]
    assert cron.every == timedelta(seconds=30)
