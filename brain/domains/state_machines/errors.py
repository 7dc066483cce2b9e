"""The state-machine engine's errors, each with a fixed status and code."""

from __future__ import annotations

from typing import Any

from brain.core.errors import BrainError, Conflict, NotFound


class InvalidDefinition(BrainError):
    """A machine definition breaks a structural rule. Raised when a definition is loaded,
    so a broken workflow can never get an instance."""

    status = 500
    code = "INVALID_DEFINITION"
    title = "Invalid state machine definition"


class UnknownMachine(NotFound):
    code = "UNKNOWN_MACHINE"
    title = "Unknown state machine"


class InstanceNotFound(NotFound):
    code = "INSTANCE_NOT_FOUND"
    title = "State machine instance not found"


class InstanceExists(Conflict):
    code = "INSTANCE_EXISTS"
    title = "State machine instance exists"


class InvalidTransition(Conflict):
    """The event is not allowed in the instance's current state. The body lists the events
    that are (`allowed_events`)."""

    code = "INVALID_TRANSITION"
    title = "Invalid transition"

    def __init__(self, detail: str, *, state: str, allowed_events: list[str], **extra: Any) -> None:
        super().__init__(detail, state=state, allowed_events=allowed_events, **extra)
        self.state = state
        self.allowed_events = allowed_events


class ConcurrentTransition(Conflict):
    """Another transition changed the instance between our read and our write."""

    code = "CONCURRENT_TRANSITION"
    title = "Concurrent transition"


class GuardRejected(Conflict):
    code = "GUARD_REJECTED"
    title = "Transition refused by its guard"

    def __init__(self, detail: str, *, guard: str, **extra: Any) -> None:
        super().__init__(detail, guard=guard, **extra)
        self.guard = guard


class EventIdReused(Conflict):
    """An `event_id` was sent again with a different event or payload."""

    code = "EVENT_ID_REUSED"
    title = "Event id reused"
