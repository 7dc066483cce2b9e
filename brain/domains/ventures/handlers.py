"""The ventures domain's wiring at startup: its state machine, the timeline's feeds (its own
events, legal documents completed for a venture, BUZ flows that name one, files put in or
shared with one), the engine's
transitions made outside this domain (an administrator's event through the generic endpoint),
and the check legal runs before someone signs an agreement for a venture.
`register()` is the ventures manifest's (brain/domains/ventures/manifest.py)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.buz.events import TransferCompleted
from brain.domains.files.events import FileShared, FileUploaded
from brain.domains.legal import service as legal
from brain.domains.legal.events import DocumentCompleted
from brain.domains.state_machines.events import StateMachineTransitioned
from brain.domains.ventures import events, lifecycle, stages, timeline
from brain.domains.ventures.access import may_sign_for
from brain.domains.ventures.errors import VentureNotFound
from brain.domains.ventures.rules import SUBJECT_TYPE

Recorder = Callable[[AsyncSession, Any], Awaitable[None]]
_recorders: dict[str, Recorder] = {}


def _timeline_recorder(event_type: type[events.VentureEvent]) -> Recorder:
    """One named handler per event type (the bus allows one event per handler)."""
    if event_type.name in _recorders:
        return _recorders[event_type.name]

    async def record(session: AsyncSession, event: events.VentureEvent) -> None:
        await timeline.record(session, event, venture_id=event.venture_id)

    record.__qualname__ = record.__name__ = f"timeline[{event_type.name}]"
    _recorders[event_type.name] = record
    return record


def _venture_id(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def _about_a_venture_document(event: DocumentCompleted) -> bool:
    return event.subject_type == SUBJECT_TYPE


def _names_a_venture(event: TransferCompleted) -> bool:
    return bool(event.reference) and str(event.reference).startswith(f"{SUBJECT_TYPE}:")


def _a_venture_file(event: FileUploaded | FileShared) -> bool:
    return event.venture_id is not None


async def file_uploaded(session: AsyncSession, event: FileUploaded) -> None:
    if event.venture_id is not None:
        await timeline.record(session, event, venture_id=event.venture_id)


async def file_shared(session: AsyncSession, event: FileShared) -> None:
    if event.venture_id is not None:
        await timeline.record(session, event, venture_id=event.venture_id)


def _a_venture_transition(event: StateMachineTransitioned) -> bool:
    return event.machine_type == lifecycle.MACHINE


async def document_completed(session: AsyncSession, event: DocumentCompleted) -> None:
    if event.subject_type != SUBJECT_TYPE:
        return
    venture_id = _venture_id(event.subject_id)
    if venture_id is not None:
        await timeline.record(session, event, venture_id=venture_id)


async def buz_flow(session: AsyncSession, event: TransferCompleted) -> None:
    prefix = f"{SUBJECT_TYPE}:"
    if not event.reference or not event.reference.startswith(prefix):
        return
    venture_id = _venture_id(event.reference.removeprefix(prefix))
    if venture_id is not None:
        await timeline.record(session, event, venture_id=venture_id)


async def follow_state_machine(session: AsyncSession, event: StateMachineTransitioned) -> None:
    if event.machine_type != lifecycle.MACHINE:
        return
    venture_id = _venture_id(event.instance_id)
    if venture_id is None:
        return
    reason = event.payload.get("reason")
    await stages.follow_transition(
        session,
        venture_id=venture_id,
        event=event.event,
        from_stage=event.from_state,
        to_stage=event.to_state,
        seq=event.seq,
        actor_id=event.actor_id,
        reason=reason if isinstance(reason, str) else None,
    )


def register() -> None:
    """Idempotent: safe to call from the app, the worker and tests."""
    lifecycle.register()
    for event_type in events.ALL:
        bus.subscribe(event_type, _timeline_recorder(event_type), mode="inline")
    # Each hears every event of its kind and wants only those about a venture: filtered at
    # dispatch, so an event about something else costs no delivery transaction (every BUZ
    # transfer is a TransferCompleted).
    bus.subscribe(
        DocumentCompleted, document_completed, mode="inline", when=_about_a_venture_document
    )
    bus.subscribe(TransferCompleted, buz_flow, mode="inline", when=_names_a_venture)
    # A file put in a venture, or shared with its team.
    bus.subscribe(FileUploaded, file_uploaded, mode="inline", when=_a_venture_file)
    bus.subscribe(FileShared, file_shared, mode="inline", when=_a_venture_file)
    bus.subscribe(
        StateMachineTransitioned,
        follow_state_machine,
        mode="inline",
        when=_a_venture_transition,
    )
    legal.register_subject_check(SUBJECT_TYPE, may_sign_for, errors=[VentureNotFound])
