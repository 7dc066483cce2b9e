"""Every table of the Brain, imported so `SQLModel.metadata` is complete for Alembic."""

from sqlmodel import SQLModel

from brain.core.models import OutboxDelivery, OutboxEvent

metadata = SQLModel.metadata

__all__ = ["OutboxDelivery", "OutboxEvent", "metadata"]
