"""Every table of the Brain, imported so `SQLModel.metadata` is complete for Alembic."""

from sqlmodel import SQLModel

from brain.core.models import OutboxDelivery, OutboxEvent
from brain.domains.notifications.models import EmailMessage

metadata = SQLModel.metadata

__all__ = ["EmailMessage", "OutboxDelivery", "OutboxEvent", "metadata"]
