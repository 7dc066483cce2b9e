"""The notifications domain's subscriptions to the bus.

Its own events: a committed email goes to its delivery job; a committed notification has its
email and push deliveries queued and is pushed live to the user's connections; a committed
announcement starts its fan-out job.

Other domains' events raise notifications (notifications sits low in the import order, so it
reacts to the higher domains through their events modules). Each handler passes the event id
(or the id of what the event is about) as the source key: a redelivered event raises nothing
new. Where the publisher holds data the event does not carry (names, titles), it calls
`service.notify` itself in its own transaction instead (legal, venture invitations and stage
changes, password reset).
"""

from __future__ import annotations

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, jobs
from brain.domains.buz.events import StakeMatured, TransferCompleted
from brain.domains.gamification.events import BadgeEarned, LevelUp
from brain.domains.notifications import announcements, delivery, inbox
from brain.domains.notifications import jobs as email_jobs
from brain.domains.notifications.events import (
    AnnouncementQueued,
    EmailQueued,
    NotificationCreated,
)
from brain.domains.notifications.models import DeliveryStatus, Notification, NotificationDelivery
from brain.domains.umbrella.events import SharePaid
from brain.domains.users import service as users
from brain.domains.users.errors import UserNotFound
from brain.domains.users.events import UserRegistered


async def queue_email_delivery(_session: AsyncSession, event: EmailQueued) -> None:
    """Hand a committed email to the delivery job.

    Inline, not a `job` handler: a job handler runs inside the bus's delivery transaction,
    which would stay open (on SQLite, holding the write lock) for the whole SMTP conversation
    and roll back the failure record with the failure. Enqueueing is quick; the delivery job
    owns retries. If enqueueing fails, the bus records it and its sweeper tries again.
    """
    await email_jobs.enqueue_delivery(event.message_id)


async def dispatch_notification(session: AsyncSession, event: NotificationCreated) -> None:
    """Queue the pending email/push deliveries and push the inbox item live."""
    await dispatch_notifications(session, [event])


async def dispatch_notifications(session: AsyncSession, events: list[NotificationCreated]) -> None:
    """`dispatch_notification` for each event, in order, in two queries (a batch of
    transfers raised its notifications together)."""
    ids = list(dict.fromkeys(e.notification_id for e in events))
    pending: dict[uuid.UUID, list[uuid.UUID]] = {}
    for notification_id, delivery_id in (
        await session.exec(
            select(NotificationDelivery.notification_id, NotificationDelivery.id)
            .where(col(NotificationDelivery.notification_id).in_(ids))
            .where(col(NotificationDelivery.status) == DeliveryStatus.PENDING)
        )
    ).all():
        pending.setdefault(notification_id, []).append(delivery_id)
    rows = {
        row.id: row
        for row in (
            await session.exec(select(Notification).where(col(Notification.id).in_(ids)))
        ).all()
    }
    for event in events:
        for delivery_id in pending.get(event.notification_id, []):
            await delivery.enqueue(delivery_id)
        row = rows.get(event.notification_id)
        if row is not None and row.in_inbox and row.deleted_at is None:
            await inbox.publish_live(row)


async def start_announcement(_session: AsyncSession, event: AnnouncementQueued) -> None:
    await jobs.enqueue(
        announcements.FAN_OUT_JOB,
        job_id=f"notifications.announcement:{event.announcement_id}",
        announcement_id=str(event.announcement_id),
    )


# -- other domains' events -------------------------------------------------------------------


def _buz(units: int) -> str:
    # BUZ minor units (1 BUZ = 100) as the API shows them; buz.rules is not ours to import.
    whole, cents = divmod(abs(units), 100)
    return f"{'-' if units < 0 else ''}{whole}.{cents:02d}"


def _user_transfer(event: TransferCompleted) -> bool:
    return (
        event.kind == "TRANSFER"
        and event.to_user_id is not None
        and event.from_user_id is not None
        and event.to_user_id != event.from_user_id
    )


async def on_transfer(session: AsyncSession, event: TransferCompleted) -> None:
    await on_transfers(session, [event])


async def on_transfers(session: AsyncSession, events: list[TransferCompleted]) -> None:
    """`on_transfer` for each event, in order: the senders' names in one query, then one
    `notify_many` (a worker draining a backlog of transfers)."""
    senders = [e.from_user_id for e in events if e.from_user_id is not None]
    names = await users.display_names(session, list(dict.fromkeys(senders)))
    items: list[inbox.NewNotification] = []
    for event in events:
        assert event.to_user_id is not None
        assert event.from_user_id is not None
        if event.from_user_id not in names:
            raise UserNotFound()
        data = {
            "amount": _buz(event.amount),
            "sender_name": names[event.from_user_id],
            "transfer_id": str(event.transfer_id),
        }
        items.append(
            inbox.NewNotification(
                type="buz.received",
                user_id=event.to_user_id,
                data=data,
                source_key=str(event.transfer_id),
                actor_id=event.actor_id,
            )
        )
    await inbox.notify_many(session, items)


async def on_stake_matured(session: AsyncSession, event: StakeMatured) -> None:
    await inbox.notify(
        session,
        type="buz.stake_matured",
        user_id=event.user_id,
        data={"position_id": str(event.position_id), "reward": _buz(event.reward)},
        source_key=str(event.position_id),
    )


async def on_badge(session: AsyncSession, event: BadgeEarned) -> None:
    await inbox.notify(
        session,
        type="gamification.badge_earned",
        user_id=event.user_id,
        data={"badge": event.badge, "badge_name": event.badge_name, "rarity": event.rarity},
        source_key=f"{event.badge}",
    )


async def on_level_up(session: AsyncSession, event: LevelUp) -> None:
    await inbox.notify(
        session,
        type="gamification.level_up",
        user_id=event.user_id,
        data={"from_level": event.from_level, "to_level": event.to_level},
        source_key=f"{event.to_level}",
    )


async def on_share_paid(session: AsyncSession, event: SharePaid) -> None:
    await inbox.notify(
        session,
        type="umbrella.share_paid",
        user_id=event.user_id,
        data={"amount": _buz(event.amount), "level": event.level},
        source_key=str(event.share_id),
    )


async def on_registered(session: AsyncSession, event: UserRegistered) -> None:
    await inbox.notify(
        session, type="user.welcome", user_id=event.user_id, data={}, source_key="welcome"
    )


def register() -> None:
    bus.subscribe(EmailQueued, queue_email_delivery, mode="inline")
    bus.subscribe(
        NotificationCreated, dispatch_notification, mode="inline", batch=dispatch_notifications
    )
    bus.subscribe(AnnouncementQueued, start_announcement, mode="inline")
    bus.subscribe(
        TransferCompleted, on_transfer, mode="job", when=_user_transfer, batch=on_transfers
    )
    bus.subscribe(StakeMatured, on_stake_matured, mode="job")
    bus.subscribe(BadgeEarned, on_badge, mode="inline")
    bus.subscribe(LevelUp, on_level_up, mode="inline")
    bus.subscribe(SharePaid, on_share_paid, mode="job")
    bus.subscribe(UserRegistered, on_registered, mode="inline")
