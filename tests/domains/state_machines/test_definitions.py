"""Definitions are validated when built: each broken shape is refused with a message that
names the problem."""

from __future__ import annotations

from typing import Any

import pytest

from brain.domains.state_machines import definitions
from brain.domains.state_machines.definition import Definition, build_states, build_transitions
from brain.domains.state_machines.errors import InvalidDefinition
from brain.domains.state_machines.mermaid import mermaid
from tests.domains.state_machines.machines import CREW, TEST_MACHINES


def machine(states: list[dict[str, Any]], transitions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": "widget", "states": states, "transitions": transitions}


S = {"name": "START", "initial": True}
M = {"name": "MIDDLE"}
E = {"name": "END", "final": True}


def t(event: str, source: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"event": event, "source": source, "target": target, **extra}


GOOD = machine([S, M, E], [t("begin", "START", "MIDDLE"), t("finish", "MIDDLE", "END")])

BROKEN: dict[str, tuple[dict[str, Any], str]] = {
    "no initial state": (
        machine([M, E], [t("finish", "MIDDLE", "END")]),
        "exactly one initial state, it has none",
    ),
    "two initial states": (
        machine(
            [S, {"name": "OTHER", "initial": True}, E],
            [t("finish", "START", "END"), t("go", "OTHER", "END")],
        ),
        "exactly one initial state, it has ['START', 'OTHER']",
    ),
    "unknown target": (
        machine([S, E], [t("finish", "START", "ELSEWHERE")]),
        "target state 'ELSEWHERE' does not exist",
    ),
    "unknown source": (
        machine([S, E], [t("finish", "START", "END"), t("x", "NOWHERE", "END")]),
        "source state 'NOWHERE' does not exist",
    ),
    "transition out of a final state": (
        machine([S, E], [t("finish", "START", "END"), t("reopen", "END", "START")]),
        "END is final and cannot be left",
    ),
    "unreachable state": (
        machine([S, M, E], [t("finish", "START", "END"), t("go", "MIDDLE", "END")]),
        "states unreachable from START: ['MIDDLE']",
    ),
    "duplicate (event, source)": (
        machine(
            [S, M, E],
            [t("go", "START", "MIDDLE"), t("go", "START", "END"), t("finish", "MIDDLE", "END")],
        ),
        "event 'go' has two transitions out of START",
    ),
    "event named after a state": (
        machine([S, E], [t("end", "START", "END")]),
        "event 'end' is a state's name",
    ),
    "trap state": (
        machine([S, M, E], [t("go", "START", "MIDDLE"), t("finish", "START", "END")]),
        "non-final states without any outgoing transition (mark them final): ['MIDDLE']",
    ),
    "lower-case state": (
        machine([{"name": "start", "initial": True}, E], [t("finish", "start", "END")]),
        "state 'start' must be UPPER_SNAKE_CASE",
    ),
    "upper-case event": (
        machine([S, E], [t("Finish", "START", "END")]),
        "event names must be lower_snake_case",
    ),
    "duplicate state": (
        machine([S, E, E], [t("finish", "START", "END")]),
        "states declared twice: ['END']",
    ),
    "initial and final": (
        machine([{"name": "START", "initial": True, "final": True}], []),
        "the initial state 'START' cannot also be final",
    ),
    "guard name without a domain": (
        machine([S, E], [t("finish", "START", "END", guard="ok")]),
        "guard 'ok' must be 'domain.name'",
    ),
    "permissions differ within an event": (
        machine(
            [S, M, E],
            [t("go", "START", "MIDDLE", permission="widgets:go"), t("go", "MIDDLE", "END")],
        ),
        "event 'go' has different permissions",
    ),
}


def test_a_well_formed_definition_loads() -> None:
    d = Definition.model_validate(GOOD)
    assert d.initial_state == "START"
    assert d.final_states == {"END"}
    assert d.allowed_events("START") == ["begin"]
    assert d.transition("finish", "MIDDLE") is not None


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_definition_is_refused_with_a_clear_message(case: str) -> None:
    data, message = BROKEN[case]
    with pytest.raises(InvalidDefinition) as caught:
        Definition.model_validate(data)
    assert message in caught.value.detail
    assert caught.value.detail.startswith("state machine 'widget': ")


def test_a_definition_loaded_back_from_json_is_equal_and_hashes_the_same() -> None:
    for d in (*definitions.BUILTIN, *TEST_MACHINES):
        again = Definition.model_validate(d.content())
        assert again == d
        assert again.sha256 == d.sha256
        assert d.with_version(3).sha256 == d.sha256, "the version is not part of the content"


def test_the_engine_s_built_ins_are_the_machines_no_domain_owns() -> None:
    assert [d.name for d in definitions.BUILTIN] == ["user_journey", "subscription"]
    assert {"user_journey", "subscription"} <= set(definitions.names())
    assert definitions.SUBSCRIPTION.final_states == frozenset()
    assert definitions.SUBSCRIPTION.allowed_events("CANCELLED") == ["reactivate"]
    assert definitions.USER_JOURNEY.final_states == {"ABANDONED"}
    assert definitions.USER_JOURNEY.allowed_events("CHURNED") == ["restart"]


def test_registering_the_same_content_again_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(definitions, "_registry", dict(definitions._registry))
    definitions.register_definition(CREW)
    registered = definitions.current("crew")
    definitions.register_definition(Definition.model_validate(CREW.content()))
    assert definitions.current("crew") is registered


def test_build_transitions_makes_one_transition_per_source_in_order() -> None:
    made = build_transitions("disband", ["FORMING", "ACTIVE"], "DISBANDED", guard="crew.empty")
    assert [(t.event, t.source, t.target, t.guard) for t in made] == [
        ("disband", "FORMING", "DISBANDED", "crew.empty"),
        ("disband", "ACTIVE", "DISBANDED", "crew.empty"),
    ]
    assert [(s.name, s.initial, s.final) for s in build_states("A", "B", final=["B"])] == [
        ("A", True, False),
        ("B", False, True),
    ]


def test_mermaid_lists_every_transition_and_the_ends() -> None:
    text = mermaid(CREW)
    assert text.splitlines() == [
        "stateDiagram-v2",
        "    [*] --> FORMING",
        "    FORMING --> ACTIVE: activate",
        "    ACTIVE --> PAUSED: pause",
        "    PAUSED --> ACTIVE: resume",
        "    FORMING --> DISBANDED: disband",
        "    ACTIVE --> DISBANDED: disband",
        "    PAUSED --> DISBANDED: disband",
        "    DISBANDED --> [*]",
    ]
