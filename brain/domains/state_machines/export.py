"""The state_machines domain's part of a user's data export (brain/core/export.py): the
instances the user created (the engine records who created each) and every transition the
user made, on any instance.

An instance's history by other actors is theirs, not the user's; the owning domain exports
what the instance stands for (legal its documents). Timers hold scheduled engine events
(deadlines) and no personal data, so they are left out (tests/domains/users/test_export.py).
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.state_machines.models import StateMachineHistory, StateMachineInstance

_HISTORY = StateMachineHistory.__table__  # type: ignore[attr-defined]
_INSTANCES = StateMachineInstance.__table__  # type: ignore[attr-defined]

INSTANCES = Keyset(
    "state_machines.export_instances",
    sa.inspect(StateMachineInstance).columns.created_at,
    sa.inspect(StateMachineInstance).columns.id,
)
TRANSITIONS = Keyset(
    "state_machines.export_transitions",
    _HISTORY.c.created_at,
    _HISTORY.c.id,
)


def _instance(row: StateMachineInstance) -> dict[str, Any]:
    return json_object(row.model_dump(exclude={"created_by", "version"}))


def _transition(row: Any) -> dict[str, Any]:
    entry = dict(row._mapping)
    del entry["actor_id"], entry["instance_pk"]
    return json_object(entry)


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    created = select(StateMachineInstance).where(StateMachineInstance.created_by == user_id)
    made = (
        sa.select(*_HISTORY.c, _INSTANCES.c.machine_type, _INSTANCES.c.instance_id)
        .join(_INSTANCES, _INSTANCES.c.id == _HISTORY.c.instance_pk)
        .where(_HISTORY.c.actor_id == user_id)
    )
    return {
        "instances_created": keyset_rows(session, INSTANCES, created, _instance),
        "transitions_made": keyset_rows(session, TRANSITIONS, made, _transition),
    }


EXPORT = DataExport(collect=collect, tables=("state_machine_instances", "state_machine_history"))
