"""Raising notifications, and the in-app inbox with its unread counter.

`notify` records a notification, one delivery row per channel it uses, and the counter's +1,
all in the caller's transaction, and publishes `notifications.created`. Nothing leaves before
the commit: the event's handler (after it) queues the email and push jobs and pushes the item
to the user's live connections. It is idempotent on (type, recipient, source key).
`notify_many` does the same for many items in a handful of statements (a worker's backlog).

The unread counter (`notification_counters`) is exact without ever counting: every
transition of a notification is one conditional UPDATE (`... WHERE read_at IS NULL`), and the
counter moves by the number of rows that UPDATE changed. Two concurrent "mark read" calls on
one item change it once (on Postgres the second UPDATE re-checks its WHERE after the first
commits; SQLite serialises writers), so the counter moves once. Lock order: notification rows,
then the counter row, in every path.
"""

from __future__ import annotations

import string
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast, bus
from brain.core.config import get_settings
from brain.core.models import new_id, utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.notifications import catalog, preferences
from brain.domains.notifications.catalog import Channel, NotificationType
from brain.domains.notifications.errors import NotificationNotFound
from brain.domains.notifications.events import NotificationCreated
from brain.domains.notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationCounter,
    NotificationDelivery,
)
from brain.domains.notifications.schemas import NotificationRead
from brain.domains.users import service as users
from brain.domains.users.errors import UserNotFound

INBOX = Keyset(
    "notifications.inbox",
    sa.inspect(Notification).columns.created_at,
    sa.inspect(Notification).columns.id,
)
_COUNTERS = NotificationCounter.__table__  # type: ignore[attr-defined]
_NOTIFICATIONS = Notification.__table__  # type: ignore[attr-defined]
_DELIVERIES = NotificationDelivery.__table__  # type: ignore[attr-defined]
_INSERT: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def base_values(display_name: str) -> dict[str, str]:
    """Variables every template may use without the caller passing them."""
    settings = get_settings()
    base = settings.public_base_url.rstrip("/")
    return {
        "app_name": "SmartStart",
        "public_base_url": base,
        "app_url": (settings.public_app_url or base).rstrip("/"),
        "display_name": display_name,
    }


def link_of(kind: NotificationType, data: Mapping[str, Any]) -> str:
    values = {k: str(v) for k, v in data.items()}
    return string.Template(kind.link).safe_substitute(values)


def to_read(row: Notification) -> NotificationRead:
    kind = catalog.TYPES.get(row.type)
    return NotificationRead(
        id=row.id,
        type=row.type,
        title=row.title,
        body=row.body,
        link=link_of(kind, row.data) if kind else "",
        data=row.data,
        read=row.read_at is not None,
        archived=row.archived_at is not None,
        created_at=row.created_at,
        read_at=row.read_at,
        archived_at=row.archived_at,
    )


async def bump_counters(session: AsyncSession, counts: Mapping[uuid.UUID, int]) -> None:
    """Add `counts[user]` (positive or negative) to each user's unread counter.

    The rows are created, then locked, in user id order: two batches touching the same users
    (the worker delivers transfers' notifications in batches, several at once) otherwise
    locked them in different orders, one UPDATE per delta, and deadlocked."""
    counts = {u: counts[u] for u in sorted(counts) if counts[u]}
    if not counts:
        return
    connection = await session.connection()
    insert = _INSERT[connection.dialect.name]
    await connection.execute(
        insert(_COUNTERS)
        .values([{"user_id": u, "unread": 0} for u in counts])
        .on_conflict_do_nothing(index_elements=["user_id"])
    )
    if len(counts) > 1 and connection.dialect.name == "postgresql":
        await connection.execute(
            sa.select(_COUNTERS.c.user_id)
            .where(_COUNTERS.c.user_id.in_(list(counts)))
            .order_by(_COUNTERS.c.user_id)
            .with_for_update()
        )
    # One UPDATE per distinct delta: a fan-out batch (+1 for 500 users) is one statement.
    by_delta: dict[int, list[uuid.UUID]] = {}
    for user_id, n in counts.items():
        by_delta.setdefault(n, []).append(user_id)
    for n, user_ids in by_delta.items():
        await connection.execute(
            sa.update(_COUNTERS)
            .where(_COUNTERS.c.user_id.in_(user_ids))
            .values(unread=_COUNTERS.c.unread + n)
        )


@dataclass(frozen=True)
class NewNotification:
    """One notification to raise with `notify_many` (the arguments of `notify`)."""

    type: str
    user_id: uuid.UUID
    data: Mapping[str, Any]
    source_key: str
    actor_id: uuid.UUID | None = None


async def notify(
    session: AsyncSession,
    *,
    type: str,
    user_id: uuid.UUID,
    data: Mapping[str, Any],
    source_key: str,
    actor_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Raise the notification `type` for `user_id`, once per `source_key` (derive it from
    what it is about: the event id, the transfer id). Returns its id (the existing one on a
    repeat). Unknown types and missing variables raise here, in the caller."""
    item = NewNotification(type, user_id, data, source_key, actor_id)
    [notification_id] = await notify_many(session, [item])
    return notification_id


async def notify_many(session: AsyncSession, items: Sequence[NewNotification]) -> list[uuid.UUID]:
    """`notify` for each item, in order, in a handful of statements whatever their number (a
    worker's backlog of transfers). Returns each item's notification id, in the items' order:
    the existing one for an item raised before, or repeated within `items`.

    Idempotent under concurrency too: the insert skips the rows a concurrent transaction
    inserted since the existence check (ON CONFLICT DO NOTHING on the unique key), and only
    the rows it did insert get deliveries, a counter increment and `notifications.created`.
    """
    kinds = [_checked(item) for item in items]
    keys = [
        (kind.name, item.user_id, item.source_key) for kind, item in zip(kinds, items, strict=True)
    ]
    ids = await _existing_ids(session, keys)
    # The first item of each key not raised yet; a later one with the same key is a repeat.
    new: dict[tuple[str, uuid.UUID, str], tuple[NotificationType, NewNotification]] = {}
    for key, kind, item in zip(keys, kinds, items, strict=True):
        if key not in ids and key not in new:
            new[key] = (kind, item)
    if not new:
        return [ids[key] for key in keys]
    user_ids = list(dict.fromkeys(item.user_id for _, item in new.values()))
    names = await users.display_names(session, user_ids)
    if len(names) < len(user_ids):
        raise UserNotFound()
    contexts = await preferences.contexts(session, user_ids)
    now = utcnow()
    rows: dict[tuple[str, uuid.UUID, str], dict[str, Any]] = {}
    decisions: dict[tuple[str, uuid.UUID, str], list[preferences.Decision]] = {}
    for key, (kind, item) in new.items():
        decisions[key] = preferences.channels_to_record(kind, contexts[item.user_id])
        rows[key] = _notification_values(kind, item, names[item.user_id], decisions[key], now)
    inserted = await _insert_notifications(session, list(rows.values()))
    created = [key for key in rows if rows[key]["id"] in inserted]
    if lost := [key for key in rows if rows[key]["id"] not in inserted]:
        # A concurrent transaction raised these first (and committed): theirs stand.
        ids |= await _existing_ids(session, lost)
    await _record_created(session, created, new, rows, decisions, now)
    ids |= {key: rows[key]["id"] for key in created}
    return [ids[key] for key in keys]


def _checked(item: NewNotification) -> NotificationType:
    """The item's type, after the checks `notify` makes before writing anything."""
    kind = catalog.get_type(item.type)
    catalog.check_data(kind, item.data)
    if not item.source_key or len(item.source_key) > 200:
        raise ValueError("source_key must be 1 to 200 characters")
    return kind


def _notification_values(
    kind: NotificationType,
    item: NewNotification,
    display_name: str,
    decisions: Sequence[preferences.Decision],
    now: datetime,
) -> dict[str, Any]:
    clean = {k: v if isinstance(v, int | float | bool) else str(v) for k, v in item.data.items()}
    rendered = catalog.render_in_app(kind, clean, base_values(display_name))
    in_inbox = any(d.channel == Channel.IN_APP and d.enabled for d in decisions)
    return {
        "id": new_id(), "user_id": item.user_id, "type": kind.name,
        "source_key": item.source_key, "title": rendered.title, "body": rendered.body,
        "data": clean, "in_inbox": in_inbox, "created_at": now, "read_at": None,
        "archived_at": None, "deleted_at": None,
    }  # fmt: skip


async def _insert_notifications(
    session: AsyncSession, rows: list[dict[str, Any]]
) -> set[uuid.UUID]:
    """Insert `rows`, skipping those whose (user, type, source key) exists by now; returns
    the ids of the rows inserted. One statement per thousand rows (SQLAlchemy's
    "insertmanyvalues" turns the executemany into multi-row INSERT ... RETURNING)."""
    connection = await session.connection()
    insert = _INSERT[connection.dialect.name]
    stmt = (
        insert(_NOTIFICATIONS)
        .on_conflict_do_nothing(index_elements=["user_id", "type", "source_key"])
        .returning(_NOTIFICATIONS.c.id)
    )
    result = await connection.execute(stmt, rows)
    return set(result.scalars().all())


async def _record_created(
    session: AsyncSession,
    created: Sequence[tuple[str, uuid.UUID, str]],
    new: Mapping[tuple[str, uuid.UUID, str], tuple[NotificationType, NewNotification]],
    rows: Mapping[tuple[str, uuid.UUID, str], Mapping[str, Any]],
    decisions: Mapping[tuple[str, uuid.UUID, str], Sequence[preferences.Decision]],
    now: datetime,
) -> None:
    """The deliveries, counter increments and events of the notifications just inserted."""
    deliveries = [
        _delivery_values(rows[key]["id"], key[1], key[0], decision, now)
        for key in created
        for decision in decisions[key]
    ]
    if deliveries:
        connection = await session.connection()
        await connection.execute(sa.insert(_DELIVERIES), deliveries)
    counts: dict[uuid.UUID, int] = {}
    for key in created:
        if rows[key]["in_inbox"]:
            counts[key[1]] = counts.get(key[1], 0) + 1
    await bump_counters(session, counts)
    for key in created:
        _kind, item = new[key]
        await bus.publish(
            session,
            NotificationCreated(
                actor_id=item.actor_id,
                notification_id=rows[key]["id"],
                user_id=item.user_id,
                type=key[0],
            ),
        )


async def _existing_ids(
    session: AsyncSession, keys: Sequence[tuple[str, uuid.UUID, str]]
) -> dict[tuple[str, uuid.UUID, str], uuid.UUID]:
    """The ids of the notifications that exist with these (type, user, source key), in one
    query. One IN list per column of the unique key, so both databases look them up in its
    index (SQLite scans the whole table for a row-value IN); the few rows of the lists'
    cross product that are not asked for are dropped here."""
    if not keys:
        return {}
    wanted = set(keys)
    rows = await session.exec(
        select(
            col(Notification.id),
            col(Notification.type),
            col(Notification.user_id),
            col(Notification.source_key),
        )
        .where(col(Notification.user_id).in_({u for _, u, _ in wanted}))
        .where(col(Notification.type).in_({t for t, _, _ in wanted}))
        .where(col(Notification.source_key).in_({k for _, _, k in wanted}))
    )
    found = {(type_, user_id, key): id_ for id_, type_, user_id, key in rows.all()}
    return {key: id_ for key, id_ in found.items() if key in wanted}


def _delivery_values(
    notification_id: uuid.UUID,
    user_id: uuid.UUID,
    type_: str,
    decision: preferences.Decision,
    now: datetime,
) -> dict[str, Any]:
    """A delivery row as plain values (a fan-out batch builds thousands: no ORM objects,
    whose construction cost more than the inserts)."""
    if not decision.enabled:
        status, reason, sent_at = DeliveryStatus.SKIPPED, decision.reason, None
    elif decision.channel == Channel.IN_APP:
        status, reason, sent_at = DeliveryStatus.SENT, None, now
    else:
        status, reason, sent_at = DeliveryStatus.PENDING, None, None
    return {
        "id": new_id(), "notification_id": notification_id, "user_id": user_id,
        "type": type_, "channel": decision.channel.value, "status": status.value,
        "reason": reason, "attempts": 0, "not_before": None, "created_at": now,
        "updated_at": now, "sent_at": sent_at,
    }  # fmt: skip


async def create_batch(
    session: AsyncSession,
    *,
    kind: NotificationType,
    recipients: Sequence[tuple[uuid.UUID, str]],
    data: Mapping[str, Any],
    source_key: str,
) -> list[tuple[uuid.UUID, uuid.UUID, bool]]:
    """`notify` for many users at once (an announcement's batch): a handful of statements
    whatever the batch size. Users who already have it are skipped. Returns (notification
    id, user id, in inbox) of those created; their deliveries are queued by the caller after
    its commit."""
    user_ids = [u for u, _ in recipients]
    have = set(
        (
            await session.exec(
                select(Notification.user_id)
                .where(col(Notification.user_id).in_(user_ids))
                .where(col(Notification.type) == kind.name)
                .where(col(Notification.source_key) == source_key)
            )
        ).all()
    )
    contexts = await preferences.contexts(session, user_ids)
    now = utcnow()
    notifications: list[dict[str, Any]] = []
    deliveries: list[dict[str, Any]] = []
    created: list[tuple[uuid.UUID, uuid.UUID, bool]] = []
    for user_id, display_name in recipients:
        if user_id in have:
            continue
        rendered = catalog.render_in_app(kind, data, base_values(display_name))
        decisions = preferences.channels_to_record(kind, contexts[user_id])
        in_inbox = any(d.channel == Channel.IN_APP and d.enabled for d in decisions)
        notification_id = new_id()
        notifications.append(
            {
                "id": notification_id, "user_id": user_id, "type": kind.name,
                "source_key": source_key, "title": rendered.title, "body": rendered.body,
                "data": dict(data), "in_inbox": in_inbox, "created_at": now, "read_at": None,
                "archived_at": None, "deleted_at": None,
            }
        )  # fmt: skip
        deliveries.extend(
            _delivery_values(notification_id, user_id, kind.name, d, now) for d in decisions
        )
        created.append((notification_id, user_id, in_inbox))
    if not created:
        return []
    connection = await session.connection()
    await connection.execute(sa.insert(Notification.__table__), notifications)  # type: ignore[attr-defined]
    await connection.execute(sa.insert(NotificationDelivery.__table__), deliveries)  # type: ignore[attr-defined]
    await bump_counters(session, {u: 1 for _, u, inbox in created if inbox})
    return created


async def publish_live(row: Notification) -> None:
    """The realtime contract: the websocket domain delivers `{"type", "data"}` messages of
    the core broadcast channel `user:{id}`. Lossy by design (pub/sub): a client that missed
    it reloads the inbox."""
    if not broadcast.is_configured():
        return
    await broadcast.get_broadcast().publish(
        f"user:{row.user_id}",
        {"type": "notification", "data": to_read(row).model_dump(mode="json")},
    )


# -- the inbox -------------------------------------------------------------------------------


def _mine(notification_id: uuid.UUID, user_id: uuid.UUID) -> list[sa.ColumnElement[bool]]:
    return [
        col(Notification.id) == notification_id,
        col(Notification.user_id) == user_id,
        col(Notification.in_inbox).is_(True),
        col(Notification.deleted_at).is_(None),
    ]


async def get(
    session: AsyncSession, *, user_id: uuid.UUID, notification_id: uuid.UUID
) -> Notification:
    """One of the user's inbox items; another user's (or a deleted one) is not found."""
    row = (await session.exec(select(Notification).where(*_mine(notification_id, user_id)))).first()
    if row is None:
        raise NotificationNotFound()
    return row


async def list_inbox(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    unread: bool | None,
    type_: str | None,
    archived: bool,
    page: PageParams,
) -> tuple[list[Notification], str | None]:
    """Newest first. Archived items are listed only with `archived=true` (and then only they)."""
    stmt = (
        select(Notification)
        .where(col(Notification.user_id) == user_id)
        .where(col(Notification.in_inbox).is_(True))
        .where(col(Notification.deleted_at).is_(None))
    )
    stmt = stmt.where(
        col(Notification.archived_at).is_not(None)
        if archived
        else col(Notification.archived_at).is_(None)
    )
    if unread is True:
        stmt = stmt.where(col(Notification.read_at).is_(None))
    elif unread is False:
        stmt = stmt.where(col(Notification.read_at).is_not(None))
    if type_:
        stmt = stmt.where(col(Notification.type) == type_)
    rows = (await session.exec(INBOX.apply(stmt, page))).all()
    return INBOX.page(rows, page)


async def unread_count(session: AsyncSession, user_id: uuid.UUID) -> int:
    value = await session.scalar(
        select(NotificationCounter.unread).where(col(NotificationCounter.user_id) == user_id)
    )
    return int(value or 0)


async def _update(session: AsyncSession, *where: Any, **values: Any) -> int:
    result = await session.exec(sa.update(Notification).where(*where).values(**values))
    return int(result.rowcount)


async def mark_read(
    session: AsyncSession, *, user_id: uuid.UUID, notification_id: uuid.UUID
) -> Notification:
    mine = _mine(notification_id, user_id)
    if await _update(session, *mine, col(Notification.read_at).is_(None), read_at=utcnow()):
        await bump_counters(session, {user_id: -1})
    return await _fresh(session, user_id, notification_id)


async def mark_unread(
    session: AsyncSession, *, user_id: uuid.UUID, notification_id: uuid.UUID
) -> Notification:
    mine = _mine(notification_id, user_id)
    if await _update(session, *mine, col(Notification.read_at).is_not(None), read_at=None):
        await bump_counters(session, {user_id: 1})
    return await _fresh(session, user_id, notification_id)


async def mark_all_read(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    changed = await _update(
        session,
        col(Notification.user_id) == user_id,
        col(Notification.in_inbox).is_(True),
        col(Notification.deleted_at).is_(None),
        col(Notification.read_at).is_(None),
        read_at=utcnow(),
    )
    await bump_counters(session, {user_id: -changed})
    return changed


async def archive(
    session: AsyncSession, *, user_id: uuid.UUID, notification_id: uuid.UUID
) -> Notification:
    """Archived items leave the default inbox view and count as read."""
    mine = _mine(notification_id, user_id)
    now = utcnow()
    if await _update(
        session, *mine, col(Notification.read_at).is_(None), read_at=now, archived_at=now
    ):
        await bump_counters(session, {user_id: -1})
    else:
        await _update(session, *mine, col(Notification.archived_at).is_(None), archived_at=now)
    return await _fresh(session, user_id, notification_id)


async def delete(session: AsyncSession, *, user_id: uuid.UUID, notification_id: uuid.UUID) -> None:
    """Gone from the inbox for good. The row stays (deleted_at) for its delivery records."""
    mine = _mine(notification_id, user_id)
    now = utcnow()
    for _ in range(3):
        if await _update(session, *mine, col(Notification.read_at).is_(None), deleted_at=now):
            await bump_counters(session, {user_id: -1})
            return
        if await _update(session, *mine, col(Notification.read_at).is_not(None), deleted_at=now):
            return
        # Neither matched: it is not ours, or it changed between the two statements (marked
        # unread concurrently); look again.
        await get(session, user_id=user_id, notification_id=notification_id)
    raise NotificationNotFound()


async def _fresh(
    session: AsyncSession, user_id: uuid.UUID, notification_id: uuid.UUID
) -> Notification:
    row = await get(session, user_id=user_id, notification_id=notification_id)
    await session.refresh(row)
    return row
