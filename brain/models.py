"""Every table of the Brain, imported so `SQLModel.metadata` is complete for Alembic."""

from sqlmodel import SQLModel

from brain.core.models import OutboxDelivery, OutboxEvent
from brain.domains.state_machines.models import (
    StateMachineDefinitionRow,
    StateMachineHistory,
    StateMachineInstance,
    StateMachineTimer,
)

metadata = SQLModel.metadata

__all__ = [
    "OutboxDelivery",
    "OutboxEvent",
    "StateMachineDefinitionRow",
    "StateMachineHistory",
    "StateMachineInstance",
    "StateMachineTimer",
    "metadata",
]
