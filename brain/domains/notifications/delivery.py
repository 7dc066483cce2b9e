"""Delivering a notification's email and push: one job per delivery row, with retries.

The job (`notifications.deliver`) runs after the commit that recorded the notification. It
decides again with the user's preferences as they are now (SKIPPED if switched off since),
waits out quiet hours (re-queued for their end; critical types do not wait), then talks to the
mail server or the push service with no database transaction open, and records the outcome.

Failures: each failed try records FAILED with its reason and raises, so the job runner retries
with exponential backoff (`BRAIN_JOB_RETRY_BASE_SECONDS`, `BRAIN_JOB_MAX_TRIES`). When the
runner gives up, the cron job `notifications.retry_deliveries` (every 5 minutes) queues
FAILED deliveries again once their `not_before` has passed (backoff doubling from 5 minutes,
at most 6 hours) until `MAX_ATTEMPTS`: an SMTP outage of a few hours leaves deliveries
FAILED, then SENT when the server is back, none lost. The same sweep queues PENDING deliveries
whose job was lost with an in-process queue (a restart in embedded mode).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage as MimeMessage

import sqlalchemy as sa
from sqlmodel import col, select

from brain.core import db, jobs
from brain.core.config import get_settings
from brain.core.models import utcnow
from brain.domains.notifications import catalog, preferences, push, transport
from brain.domains.notifications.catalog import Channel
from brain.domains.notifications.errors import InvalidUnsubscribeToken
from brain.domains.notifications.inbox import base_values, link_of
from brain.domains.notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationDelivery,
)
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus

log = logging.getLogger(__name__)

DELIVER_JOB = "notifications.deliver"
RETRY_JOB = "notifications.retry_deliveries"
MAX_ATTEMPTS = 10
RETRY_BASE = timedelta(minutes=5)
RETRY_CAP = timedelta(hours=6)
# A PENDING delivery this old with no job under way was lost with an in-process queue.
STRANDED_AFTER = timedelta(minutes=5)


def job_id(delivery_id: uuid.UUID | str, attempts: int, not_before: datetime | None) -> str:
    # A new id per round (attempts) and per quiet-hours wait, so the runner's memory of a
    # finished job never swallows a legitimate later try, while a duplicate enqueue of the
    # same round is a no-op.
    stamp = int(not_before.timestamp()) if not_before else 0
    return f"notifications.delivery:{delivery_id}:{attempts}:{stamp}"


async def enqueue(
    delivery_id: uuid.UUID, *, attempts: int = 0, not_before: datetime | None = None
) -> bool:
    defer = (not_before - utcnow()).total_seconds() if not_before else None
    return await jobs.enqueue(
        DELIVER_JOB,
        job_id=job_id(delivery_id, attempts, not_before),
        defer_by=defer if defer and defer > 0 else None,
        delivery_id=str(delivery_id),
    )


@dataclass(frozen=True)
class _Email:
    mime: MimeMessage


@dataclass(frozen=True)
class _Push:
    targets: list[push.Target]
    payload: dict[str, str]


def retry_delay(attempts: int) -> timedelta:
    delay: timedelta = RETRY_BASE * (2 ** max(attempts - 1, 0))
    return min(delay, RETRY_CAP)


async def _prepare(delivery_id: uuid.UUID) -> _Email | _Push | None:
    """Decide, in one short transaction, whether and what to send now. None: nothing to send
    (done already, skipped, or waiting for quiet hours to end)."""
    async with db.session_scope() as session:
        row = await session.get(NotificationDelivery, delivery_id)
        if row is None or row.status in (DeliveryStatus.SENT, DeliveryStatus.SKIPPED):
            return None
        notification = await session.get(Notification, row.notification_id)
        kind = catalog.TYPES.get(row.type)
        if notification is None or kind is None:
            _finish(row, DeliveryStatus.SKIPPED, "unknown notification type")
            session.add(row)
            return None
        user = await users.get_user(session, row.user_id)
        ctx = (await preferences.contexts(session, [row.user_id]))[row.user_id]
        channel = Channel(row.channel)
        decision = preferences.decide(kind, channel, ctx)
        reason = decision.reason
        if user.status != UserStatus.ACTIVE and not kind.critical:
            reason = "the account is not active"
        if reason is not None or not decision.enabled:
            _finish(row, DeliveryStatus.SKIPPED, reason or "not enabled")
            _forget_secret(notification, kind)
            session.add_all([row, notification])
            return None
        now = utcnow()
        until = None if kind.critical else preferences.quiet_until(ctx, now)
        if until is not None:
            row.not_before, row.reason, row.updated_at = until, "waiting for quiet hours", now
            session.add(row)
            attempts = row.attempts

            async def _later() -> None:
                await enqueue(delivery_id, attempts=attempts, not_before=until)

            db.after_commit(session, _later)
            return None
        values = {
            **base_values(user.display_name),
            **{k: str(v) for k, v in notification.data.items()},
        }
        if channel == Channel.EMAIL:
            rendered = catalog.render_email(kind, values, {})
            settings = get_settings()
            return _Email(
                transport.build_message(
                    message_id=row.id,
                    sender=settings.email_from,
                    to=user.email,
                    subject=rendered.subject,
                    body=rendered.text,
                    html=rendered.html,
                    unsubscribe_url=None if kind.critical else unsubscribe_url(user.id, kind.name),
                )
            )
        in_app = catalog.render_in_app(kind, values, {})
        devices = await push.list_devices(session, row.user_id)
        if not devices:
            _finish(row, DeliveryStatus.SKIPPED, "no push device registered")
            session.add(row)
            return None
        return _Push(
            [push.Target(d.id, d.endpoint, d.p256dh, d.auth) for d in devices],
            {
                "notification_id": str(notification.id),
                "type": kind.name,
                "title": in_app.title,
                "body": in_app.body,
                "link": link_of(kind, notification.data),
            },
        )


def _finish(row: NotificationDelivery, status: DeliveryStatus, reason: str | None) -> None:
    now = utcnow()
    row.status, row.reason, row.updated_at, row.not_before = status, reason, now, None
    if status == DeliveryStatus.SENT:
        row.sent_at = now


def _forget_secret(notification: Notification, kind: catalog.NotificationType) -> None:
    if kind.sensitive:
        notification.data = {}


async def _send(work: _Email | _Push, delivery_id: uuid.UUID) -> list[uuid.UUID]:
    """Send; returns the devices the push service says are gone. Raises on failure."""
    if isinstance(work, _Email):
        await transport.deliver(get_settings(), delivery_id, work.mime)
        return []
    provider = push.get_provider()
    gone: list[uuid.UUID] = []
    errors: list[str] = []
    for target in work.targets:
        try:
            if await provider.send(target, work.payload) == "gone":
                gone.append(target.device_id)
        except Exception as exc:
            errors.append(repr(exc))
    if errors and len(errors) + len(gone) == len(work.targets):
        # Nothing reached a live device: retry (the gone ones are removed meanwhile).
        raise RuntimeError("; ".join(errors))
    if gone and len(gone) == len(work.targets):
        raise _AllGone(gone)
    return gone


class _AllGone(Exception):
    def __init__(self, devices: list[uuid.UUID]) -> None:
        super().__init__("every device is gone")
        self.devices = devices


@jobs.job(DELIVER_JOB)
async def deliver(*, delivery_id: str) -> None:
    """Send one delivery. Raises on failure, so the runner retries with backoff."""
    id_ = uuid.UUID(delivery_id)
    work = await _prepare(id_)
    if work is None:
        return
    try:
        gone = await _send(work, id_)
    except _AllGone as exc:
        await _record(
            id_, DeliveryStatus.SKIPPED, "every push device is gone (404/410)", exc.devices
        )
        return
    except Exception as exc:
        await _record(id_, DeliveryStatus.FAILED, repr(exc)[:2000], [])
        raise
    await _record(id_, DeliveryStatus.SENT, None, gone)


async def _record(
    delivery_id: uuid.UUID, status: DeliveryStatus, reason: str | None, gone: list[uuid.UUID]
) -> None:
    async with db.session_scope() as session:
        for device_id in gone:
            await push.forget(session, device_id)
        row = await session.get(NotificationDelivery, delivery_id)
        if row is None or row.status == DeliveryStatus.SENT:
            return
        row.attempts += 1
        _finish(row, status, reason)
        if status == DeliveryStatus.FAILED:
            row.not_before = utcnow() + retry_delay(row.attempts)
        session.add(row)
        notification = await session.get(Notification, row.notification_id)
        kind = catalog.TYPES.get(row.type)
        final = status != DeliveryStatus.FAILED or row.attempts >= MAX_ATTEMPTS
        if notification is not None and kind is not None and final:
            _forget_secret(notification, kind)
            session.add(notification)


@jobs.job(RETRY_JOB, max_tries=1)
async def retry_deliveries(batch: int = 500, now: datetime | None = None) -> int:
    """Queue again FAILED deliveries whose backoff has passed (up to MAX_ATTEMPTS tries) and
    PENDING ones stranded by a lost in-process queue. A delivery whose job is still queued
    or retrying is not queued twice (same job id)."""
    now = now or utcnow()
    async with db.session_scope() as session:
        failed = (
            await session.exec(
                select(NotificationDelivery.id, NotificationDelivery.attempts)
                .where(col(NotificationDelivery.status) == DeliveryStatus.FAILED)
                .where(col(NotificationDelivery.attempts) < MAX_ATTEMPTS)
                .where(col(NotificationDelivery.not_before) <= now)
                .order_by(col(NotificationDelivery.created_at))
                .limit(batch)
            )
        ).all()
        stranded = (
            await session.exec(
                select(NotificationDelivery.id, NotificationDelivery.attempts)
                .where(col(NotificationDelivery.status) == DeliveryStatus.PENDING)
                .where(col(NotificationDelivery.updated_at) <= now - STRANDED_AFTER)
                .where(
                    sa.or_(
                        col(NotificationDelivery.not_before).is_(None),
                        col(NotificationDelivery.not_before) <= now,
                    )
                )
                .order_by(col(NotificationDelivery.created_at))
                .limit(batch)
            )
        ).all()
    queued = 0
    for delivery_id, attempts in [*failed, *stranded]:
        queued += await enqueue(delivery_id, attempts=attempts)
    if queued:
        log.info("queued %d notification deliveries again", queued)
    return queued


def register_cron() -> None:
    jobs.cron(RETRY_JOB, every=timedelta(minutes=5))


# -- one-click unsubscribe (List-Unsubscribe) ------------------------------------------------


def _mac(payload: bytes) -> str:
    key = hashlib.sha256(b"notifications.unsubscribe:" + get_settings().secret_key.encode())
    digest = hmac.new(key.digest(), payload, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def unsubscribe_token(user_id: uuid.UUID, type_: str) -> str:
    payload = f"{user_id}|{type_}".encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + _mac(payload)


def read_unsubscribe_token(token: str) -> tuple[uuid.UUID, str]:
    try:
        encoded, mac = token.split(".", 1)
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        if not hmac.compare_digest(mac, _mac(payload)):
            raise ValueError("bad mac")
        user, type_ = payload.decode().split("|", 1)
        return uuid.UUID(user), catalog.get_type(type_).name
    except Exception as exc:
        raise InvalidUnsubscribeToken() from exc


def unsubscribe_url(user_id: uuid.UUID, type_: str) -> str:
    base = get_settings().public_base_url.rstrip("/")
    return f"{base}/api/notifications/unsubscribe?token={unsubscribe_token(user_id, type_)}"
