"""Events the state-machine engine publishes: its public contract. Imports only core."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from brain.core.bus import DomainEvent


class StateMachineTransitioned(DomainEvent):
    """An instance moved from one state to another (published in the transition's
    transaction, so it is delivered if and only if the transition committed)."""

    name = "state_machines.transitioned"

    machine_type: str
    instance_id: str
    event: str
    from_state: str
    to_state: str
    seq: int
    definition_version: int
    payload: dict[str, Any] = Field(default_factory=dict)
