"""Jobs of the notifications domain: email delivery with retries, and its safety net."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import col, select

from brain.core import db, jobs
from brain.core.config import get_settings
from brain.core.models import utcnow
from brain.domains.notifications import transport
from brain.domains.notifications.models import EmailMessage, EmailStatus

log = logging.getLogger(__name__)

DELIVER_EMAIL_JOB = "notifications.deliver_email"
REQUEUE_EMAILS_JOB = "notifications.requeue_emails"
# A queued message this old with no delivery under way was lost with an in-process queue
# (a crash or restart in embedded mode); the sweeper queues it again.
REQUEUE_AFTER = timedelta(minutes=5)


def delivery_job_id(message_id: uuid.UUID | str) -> str:
    return f"notifications.email:{message_id}"


async def enqueue_delivery(message_id: uuid.UUID) -> bool:
    # The job id makes a second enqueue a no-op while one is queued, running or just done.
    return await jobs.enqueue(
        DELIVER_EMAIL_JOB, job_id=delivery_job_id(message_id), message_id=str(message_id)
    )


@jobs.job(DELIVER_EMAIL_JOB)
async def deliver_email(*, message_id: str) -> None:
    """Send one queued email. Raises on failure, so the runner retries with backoff.

    No transaction stays open while the mail server is talked to: SQLite would hold its write
    lock for the whole SMTP conversation, and a failure's record would roll back with it.
    """
    settings = get_settings()
    id_ = uuid.UUID(message_id)
    async with db.session_scope() as session:
        message = await session.get(EmailMessage, id_)
        if message is None or message.status == EmailStatus.SENT:
            return
        mime = transport.build_message(
            message_id=id_,
            sender=settings.email_from,
            to=message.to,
            subject=message.subject,
            body=message.body,
        )
    try:
        await transport.deliver(settings, id_, mime)
    except Exception as exc:
        async with db.session_scope() as session:
            message = await session.get(EmailMessage, id_)
            if message is not None and message.status != EmailStatus.SENT:
                message.attempts += 1
                message.last_error = repr(exc)[:2000]
                if message.attempts >= settings.job_max_tries:
                    message.status = EmailStatus.FAILED
                    message.body = ""  # never sent, never retried: drop any secret in it
                session.add(message)
        raise
    async with db.session_scope() as session:
        await session.exec(
            sa.update(EmailMessage)
            .where(col(EmailMessage.id) == id_)
            .values(
                status=EmailStatus.SENT,
                sent_at=utcnow(),
                attempts=EmailMessage.attempts + 1,
                last_error=None,
                # The body may hold a live secret (a reset link); once delivered, the database
                # has no further use for it.
                body="",
            )
        )


@jobs.job(REQUEUE_EMAILS_JOB, max_tries=1)
async def requeue_emails(batch: int = 500) -> int:
    """Queue again the emails still QUEUED long after they were recorded.

    The bus guarantees the delivery job is enqueued; it cannot guarantee that an in-process
    queue survives a restart. A message whose job is still queued, retrying or just finished
    is not queued twice (same job id).
    """
    cutoff = utcnow() - REQUEUE_AFTER
    async with db.session_scope() as session:
        ids = list(
            (
                await session.exec(
                    select(EmailMessage.id)
                    .where(col(EmailMessage.status) == EmailStatus.QUEUED)
                    .where(col(EmailMessage.created_at) <= cutoff)
                    .order_by(col(EmailMessage.created_at))
                    .limit(batch)
                )
            ).all()
        )
    queued = 0
    for id_ in ids:
        queued += await enqueue_delivery(id_)
    if queued:
        log.info("requeued %d stranded emails", queued)
    return queued


def register_cron() -> None:
    jobs.cron(REQUEUE_EMAILS_JOB, every=timedelta(minutes=5))
