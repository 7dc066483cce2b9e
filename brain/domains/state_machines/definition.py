"""Machine definitions as data, validated when they are built or loaded.

Why not python-statemachine or transitions for this part: both were read (python-statemachine
3.2.2, transitions 0.9.3). python-statemachine checks the same structural rules (one initial
state, no exits from finals, no unreachable or trap states) but only on a Python *class* built
by its metaclass, with the current state on an in-memory model; its engine runs callbacks and
guards itself, queues events per object (its #503: chaining is unsafe in async code) and has
no API to restore an instance from a row without re-running callbacks (#618). transitions
likewise keeps state in memory and its AsyncMachine is not atomic across tasks (#640). We
need the opposite: a definition that is plain JSON (stored, hashed, versioned, pinned by
instances), state that lives only in the database, and transitions applied by a conditional
UPDATE. Neither library checks two rules we want (one transition per (event, source); events
not named after states), and the checks themselves are ~60 lines of graph code. Adding a
statechart engine to use its validator on a throwaway class would cost a dependency and an
impedance mismatch for no gain, so the validator is ours.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from brain.domains.state_machines.errors import InvalidDefinition

# Upper-case states and lower-case events: an event can never be confused with a state, and
# no comparison ever depends on letter case (the old backend's machines got stuck on one).
STATE_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,99}$")
EVENT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
MACHINE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
GUARD_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
PERMISSION_NAME = re.compile(r"^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$")


class State(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    initial: bool = False
    final: bool = False
    description: str = ""


class Transition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    event: str
    source: str
    target: str
    guard: str | None = Field(
        default=None,
        description="Name of a registered guard (`register_guard`) that must allow it.",
    )
    permission: str | None = Field(
        default=None,
        description="When set, a user holding this permission may send the event through "
        "the generic endpoint; without it only admins may.",
    )


class Definition(BaseModel):
    """One state machine. `version` is assigned when the definition is stored: built-ins are
    declared without one, and a changed definition gets the next number."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    version: int = 0
    description: str = ""
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]

    @model_validator(mode="after")
    def _validate(self) -> Definition:
        validate(self)
        return self

    # -- derived views (the model is frozen, so caching is safe) --------------------------

    @cached_property
    def state_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.states)

    @cached_property
    def initial_state(self) -> str:
        return next(s.name for s in self.states if s.initial)

    @cached_property
    def final_states(self) -> frozenset[str]:
        return frozenset(s.name for s in self.states if s.final)

    @cached_property
    def events(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.event for t in self.transitions))

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], Transition]:
        return {(t.event, t.source): t for t in self.transitions}

    def transition(self, event: str, source: str) -> Transition | None:
        """The one transition `event` takes from `source`, if any."""
        return self._by_key.get((event, source))

    def allowed_events(self, state: str) -> list[str]:
        """Events with a transition out of `state`, in definition order (guards not run)."""
        return [t.event for t in self.transitions if t.source == state]

    def event_permission(self, event: str) -> str | None:
        return next((t.permission for t in self.transitions if t.event == event), None)

    # -- storage -------------------------------------------------------------------------

    def content(self) -> dict[str, Any]:
        """The definition as JSON, without the version (what is hashed and stored)."""
        return self.model_dump(mode="json", exclude={"version"})

    @cached_property
    def sha256(self) -> str:
        canonical = json.dumps(self.content(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def with_version(self, version: int) -> Definition:
        return Definition.model_validate({**self.content(), "version": version})


def build_states(initial: str, *others: str, final: Iterable[str] = ()) -> tuple[State, ...]:
    """`initial` first and initial, then `others` in order; those named in `final` are final."""
    finals = set(final)
    return (
        State(name=initial, initial=True),
        *(State(name=name, final=name in finals) for name in others),
    )


def build_transitions(
    event: str, sources: str | Iterable[str], target: str, *, guard: str | None = None
) -> list[Transition]:
    """`event` from each of `sources` (in order) to `target`, all behind the same guard."""
    if isinstance(sources, str):
        sources = [sources]
    return [Transition(event=event, source=s, target=target, guard=guard) for s in sources]


def _fail(definition_name: str, problem: str) -> InvalidDefinition:
    return InvalidDefinition(f"state machine {definition_name!r}: {problem}")


def validate(d: Definition) -> None:
    """Raise `InvalidDefinition` naming the first structural problem found."""
    if not MACHINE_NAME.match(d.name):
        raise _fail(d.name, "the name must be lower_snake_case")
    if not d.states:
        raise _fail(d.name, "it has no states")
    names = [s.name for s in d.states]
    for name in names:
        if not STATE_NAME.match(name):
            raise _fail(d.name, f"state {name!r} must be UPPER_SNAKE_CASE")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise _fail(d.name, f"states declared twice: {duplicates}")
    initials = [s.name for s in d.states if s.initial]
    if len(initials) != 1:
        raise _fail(d.name, f"it needs exactly one initial state, it has {initials or 'none'}")
    both = [s.name for s in d.states if s.initial and s.final]
    if both:
        raise _fail(d.name, f"the initial state {both[0]!r} cannot also be final")

    known = set(names)
    state_names_lower = {n.lower() for n in names}
    seen: set[tuple[str, str]] = set()
    permissions: dict[str, str | None] = {}
    for t in d.transitions:
        label = f"transition {t.event!r} {t.source} -> {t.target}"
        if not EVENT_NAME.match(t.event):
            raise _fail(d.name, f"{label}: event names must be lower_snake_case")
        if t.event in state_names_lower:
            raise _fail(
                d.name,
                f"{label}: event {t.event!r} is a state's name; name the action "
                "(submit, approve, advance), not where it leads",
            )
        if t.source not in known:
            raise _fail(d.name, f"{label}: source state {t.source!r} does not exist")
        if t.target not in known:
            raise _fail(d.name, f"{label}: target state {t.target!r} does not exist")
        if t.source in d.final_states:
            raise _fail(d.name, f"{label}: {t.source} is final and cannot be left")
        if (t.event, t.source) in seen:
            raise _fail(
                d.name,
                f"event {t.event!r} has two transitions out of {t.source}; an event leads to "
                "one state (use two events, each with its own guard, to branch)",
            )
        seen.add((t.event, t.source))
        if t.guard is not None and not GUARD_NAME.match(t.guard):
            raise _fail(d.name, f"{label}: guard {t.guard!r} must be 'domain.name'")
        if t.permission is not None and not PERMISSION_NAME.match(t.permission):
            raise _fail(d.name, f"{label}: permission {t.permission!r} must be 'resource:action'")
        if t.event in permissions and permissions[t.event] != t.permission:
            raise _fail(d.name, f"event {t.event!r} has different permissions on its transitions")
        permissions[t.event] = t.permission

    initial = initials[0]
    reachable = {initial}
    queue = deque([initial])
    outgoing: dict[str, list[str]] = {}
    for t in d.transitions:
        outgoing.setdefault(t.source, []).append(t.target)
    while queue:
        for target in outgoing.get(queue.popleft(), []):
            if target not in reachable:
                reachable.add(target)
                queue.append(target)
    unreachable = [n for n in names if n not in reachable]
    if unreachable:
        raise _fail(d.name, f"states unreachable from {initial}: {unreachable}")
    traps = [s.name for s in d.states if not s.final and s.name not in outgoing]
    if traps:
        raise _fail(
            d.name, f"non-final states without any outgoing transition (mark them final): {traps}"
        )
