"""Request and response models of the state-machine engine (service results included)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from brain.core.schemas import MAX_INT32, InputModel
from brain.domains.state_machines.definition import EVENT_NAME, MACHINE_NAME


class TransitionResult(BaseModel):
    """What `send_event` did (or, for a repeated `event_id`, what it did the first time)."""

    model_config = ConfigDict(frozen=True)

    machine_type: str
    instance_id: str
    event: str
    from_state: str
    to_state: str
    seq: int = Field(description="Position of this transition in the instance's history.")
    version: int = Field(description="The instance's version right after this transition.")
    event_id: str | None = None
    actor_id: uuid.UUID | None = None
    occurred_at: datetime
    replayed: bool = Field(
        default=False,
        description="True when the event id was seen before and this is the first result.",
    )


class InstanceCreate(InputModel):
    model_config = ConfigDict(extra="forbid")

    machine_type: str = Field(pattern=MACHINE_NAME.pattern, examples=["venture"])
    instance_id: str = Field(
        min_length=1, max_length=200, description="The business key, e.g. the venture's id."
    )
    context: dict[str, Any] = Field(default_factory=dict)


class EventSend(InputModel):
    model_config = ConfigDict(extra="forbid")

    event: str = Field(pattern=EVENT_NAME.pattern, examples=["advance"])
    payload: dict[str, Any] = Field(default_factory=dict)
    event_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Idempotency key: sending the same id again returns the first result.",
    )
    expected_version: int | None = Field(
        default=None,
        ge=0,
        le=MAX_INT32,
        description="Apply only if the instance is still at this version (else 409 "
        "CONCURRENT_TRANSITION).",
    )


class InstanceState(BaseModel):
    machine_type: str
    instance_id: str
    state: str
    allowed_events: list[str]
    version: int
    definition_version: int
    context: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class HistoryEntry(BaseModel):
    seq: int
    event: str
    from_state: str
    to_state: str
    actor_id: uuid.UUID | None
    payload: dict[str, Any]
    event_id: str | None
    created_at: datetime


class StateRead(BaseModel):
    name: str
    initial: bool
    final: bool
    description: str


class TransitionRead(BaseModel):
    event: str
    source: str
    target: str
    guard: str | None
    permission: str | None


class DefinitionRead(BaseModel):
    name: str
    version: int
    sha256: str
    description: str
    states: list[StateRead]
    events: list[str]
    transitions: list[TransitionRead]
    mermaid: str = Field(description="The machine as a Mermaid `stateDiagram-v2`.")


class DefinitionSummary(BaseModel):
    name: str
    version: int
    description: str
    states: list[str]
    events: list[str]


class MachineStats(BaseModel):
    machine_type: str
    instances_by_state: dict[str, int]
    transitions_last_24h: int


class Stats(BaseModel):
    machines: list[MachineStats]
