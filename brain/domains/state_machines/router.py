"""`/api/state-machines`: definitions, instances, events, history and stats.

The generic endpoints are for administrators (`state_machines:manage`); the domains drive
their own machines through `service.send_event` inside their own rules. An event that a
definition marks user-triggerable may be sent by anyone holding that event's permission.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Response

from brain.core import ratelimit
from brain.core.db import SessionDep, writes
from brain.core.errors import PermissionDenied
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import MAX_INT32, Page
from brain.domains.auth.deps import CurrentUser, require_permission
from brain.domains.state_machines import service
from brain.domains.state_machines.definition import Definition
from brain.domains.state_machines.errors import (
    ConcurrentTransition,
    EventIdReused,
    GuardRejected,
    InstanceExists,
    InstanceNotFound,
    InvalidTransition,
    UnknownMachine,
)
from brain.domains.state_machines.mermaid import mermaid
from brain.domains.state_machines.schemas import (
    DefinitionRead,
    DefinitionSummary,
    EventSend,
    HistoryEntry,
    InstanceCreate,
    InstanceState,
    StateRead,
    Stats,
    TransitionRead,
    TransitionResult,
)

MANAGE = "state_machines:manage"

router = DomainRouter(prefix="/state-machines", tags=["state-machines"])
manage = [Depends(require_permission(MANAGE))]
# `(machine_type, instance_id)` names no instance: UNKNOWN_MACHINE or INSTANCE_NOT_FOUND.
INSTANCE_ERRORS = (UnknownMachine, InstanceNotFound)
# Runs after CurrentUser (declared after it in the route), so it counts per user.
event_rate_limit = ratelimit.rate_limit(
    "state_machines.events",
    limit=lambda s: s.rate_limit_state_machine_events_per_minute,
    window_seconds=60,
    key="user",
)


def _read(d: Definition) -> DefinitionRead:
    return DefinitionRead(
        name=d.name,
        version=d.version,
        sha256=d.sha256,
        description=d.description,
        states=[StateRead(**s.model_dump()) for s in d.states],
        events=list(d.events),
        transitions=[TransitionRead(**t.model_dump()) for t in d.transitions],
        mermaid=mermaid(d),
    )


@router.get(
    "/definitions",
    response_model=list[DefinitionSummary],
    dependencies=manage,
)
@writes  # stores a built-in definition that is new (first use after a deploy)
async def list_definitions(session: SessionDep) -> list[DefinitionSummary]:
    """List the state machines with their current versions."""
    stored = await service.sync_builtin_definitions(session)
    return [
        DefinitionSummary(
            name=d.name,
            version=d.version,
            description=d.description,
            states=list(d.state_names),
            events=list(d.events),
        )
        for d in stored
    ]


@router.get(
    "/definitions/{machine_type}",
    response_model=DefinitionRead,
    dependencies=manage,
    responses=problems(UnknownMachine),
)
@writes  # as list_definitions: the current version is stored on first use
async def get_definition(
    machine_type: str,
    session: SessionDep,
    version: Annotated[
        int | None, Query(ge=1, le=MAX_INT32, description="An older version.")
    ] = None,
) -> DefinitionRead:
    """Show one state machine: states, transitions and a Mermaid diagram."""
    if version is None:
        return _read(await service.current_definition(session, machine_type))
    return _read(await service.get_definition(session, machine_type, version))


@router.post(
    "/create",
    status_code=201,
    response_model=InstanceState,
    dependencies=manage,
    responses=problems(UnknownMachine, InstanceExists),
)
async def create_instance(
    body: InstanceCreate, session: SessionDep, user: CurrentUser, response: Response
) -> InstanceState:
    """Start an instance in its machine's initial state."""
    await service.create_instance(
        session,
        machine_type=body.machine_type,
        instance_id=body.instance_id,
        context=body.context,
        actor_id=user.id,
    )
    set_location(response, f"/state-machines/{body.machine_type}/{body.instance_id}/state")
    return await service.instance_state(
        session, machine_type=body.machine_type, instance_id=body.instance_id
    )


@router.post(
    "/{machine_type}/{instance_id}/event",
    response_model=TransitionResult,
    responses=problems(
        PermissionDenied,
        *INSTANCE_ERRORS,
        InvalidTransition,
        GuardRejected,
        ConcurrentTransition,
        EventIdReused,
    ),
)
async def send_event(
    machine_type: str,
    instance_id: str,
    body: EventSend,
    session: SessionDep,
    user: CurrentUser,
    _limit: Annotated[None, Depends(event_rate_limit)],
) -> TransitionResult:
    """Send an event; answers the transition applied (409 with the allowed events if none)."""
    if not user.can(MANAGE):
        definition = await service.definition_of(
            session, machine_type=machine_type, instance_id=instance_id
        )
        permission = definition.event_permission(body.event)
        if permission is None or not user.can(permission):
            raise PermissionDenied(f"sending {body.event!r} needs {permission or MANAGE}")
    return await service.send_event(
        session,
        machine_type=machine_type,
        instance_id=instance_id,
        event=body.event,
        payload=body.payload,
        event_id=body.event_id,
        actor_id=user.id,
        expected_version=body.expected_version,
    )


@router.get(
    "/{machine_type}/{instance_id}/state",
    response_model=InstanceState,
    dependencies=manage,
    responses=problems(*INSTANCE_ERRORS),
)
async def get_state(machine_type: str, instance_id: str, session: SessionDep) -> InstanceState:
    """Show an instance's state, allowed events, version and context."""
    return await service.instance_state(session, machine_type=machine_type, instance_id=instance_id)


@router.get(
    "/{machine_type}/{instance_id}/history",
    response_model=Page[HistoryEntry],
    dependencies=manage,
    responses=problems(*INSTANCE_ERRORS),
)
async def get_history(
    machine_type: str,
    instance_id: str,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
) -> Page[HistoryEntry]:
    """List an instance's transitions, oldest first."""
    rows, next_cursor = await service.history(
        session, machine_type=machine_type, instance_id=instance_id, page=page
    )
    return Page[HistoryEntry](
        items=[HistoryEntry.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )


@router.get("/stats", response_model=Stats, dependencies=manage)
async def get_stats(session: SessionDep) -> Stats:
    """Count instances per machine and state, and transitions in the last 24 hours."""
    return await service.stats(session)
