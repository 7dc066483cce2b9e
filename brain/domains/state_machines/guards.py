"""Guards: named async callables that domains register and definitions refer to by name.

A guard sees the instance, the event and its payload, and the caller's session (so it can
read its own domain's tables in the same transaction); it answers `GuardResult.allow()` or
`GuardResult.deny(reason)`. A definition naming a guard that no domain registered refuses the
transition (fail closed) rather than letting it through.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.state_machines.definition import GUARD_NAME


@dataclass(frozen=True)
class GuardResult:
    allowed: bool
    reason: str = ""

    @classmethod
    def allow(cls) -> GuardResult:
        return cls(True)

    @classmethod
    def deny(cls, reason: str) -> GuardResult:
        return cls(False, reason)


@dataclass(frozen=True)
class GuardContext:
    session: AsyncSession
    machine_type: str
    instance_id: str
    event: str
    from_state: str
    to_state: str
    actor_id: uuid.UUID | None
    payload: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)


Guard = Callable[[GuardContext], Awaitable[GuardResult]]

_guards: dict[str, Guard] = {}


def register_guard(name: str, fn: Guard) -> None:
    """Register `fn` as the guard `name` ("<domain>.<rule>"). Idempotent for the same fn."""
    if not GUARD_NAME.match(name):
        raise ValueError(f"guard name {name!r} must be 'domain.name'")
    existing = _guards.get(name)
    if existing is not None and existing is not fn:
        raise ValueError(f"guard {name!r} is already registered to {existing!r}")
    _guards[name] = fn


def unregister_guard(name: str) -> None:
    _guards.pop(name, None)


def get_guard(name: str) -> Guard | None:
    return _guards.get(name)


# The engine's own guard, for any machine whose event needs a stated reason.
REASON_GIVEN = "state_machines.reason_given"


async def reason_given(ctx: GuardContext) -> GuardResult:
    """The payload carries a non-empty `reason` (archiving, declining, suspending)."""
    reason = ctx.payload.get("reason")
    if isinstance(reason, str) and reason.strip():
        return GuardResult.allow()
    return GuardResult.deny(f"'{ctx.event}' needs a non-empty 'reason' in the payload")


register_guard(REASON_GIVEN, reason_given)
