"""The notifications domain's subscriptions to the bus."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.notifications import jobs
from brain.domains.notifications.events import EmailQueued


async def queue_email_delivery(_session: AsyncSession, event: EmailQueued) -> None:
    """Hand a committed email to the delivery job.

    Inline, not a `job` handler: a job handler runs inside the bus's delivery transaction,
    which would stay open (on SQLite, holding the write lock) for the whole SMTP conversation
    and roll back the failure record with the failure. Enqueueing is quick; the delivery job
    owns retries. If enqueueing fails, the bus records it and its sweeper tries again.
    """
    await jobs.enqueue_delivery(event.message_id)


def register() -> None:
    bus.subscribe(EmailQueued, queue_email_delivery, mode="inline")
