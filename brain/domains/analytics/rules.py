"""Analytics policy as data and pure functions (no I/O): the periods, the limits of `/track`,
and how each event becomes per-user figures. docs/services/analytics.md defines each metric
from these tables; change them here, not in the queries.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

# `?period=`: the last N UTC days, today included (today is partial).
PERIODS: dict[str, int] = {"7d": 7, "30d": 30, "90d": 90, "1y": 365}

# POST /track
TRACK_MAX_BATCH = 500
PROPERTIES_MAX_BYTES = 8_192
# A corrected timestamp later than now by more than this is refused (PostHog: 23 h; a client
# clock after skew correction should be within seconds).
FUTURE_TOLERANCE = timedelta(hours=1)
# `^...$`: client event names never contain a dot, so no client can pass for a domain event
# ("buz.transfer_completed"); PostHog-style `$pageview` is fine.
CLIENT_NAME_PATTERN = r"^[A-Za-z$][A-Za-z0-9_$:/ -]{0,99}$"
# Property keys dropped on the way in: the raw IP is never stored.
DROPPED_PROPERTIES = frozenset({"ip", "$ip", "ip_address"})

BUCKET = timedelta(minutes=15)  # the rollup grain (see models.AnalyticsCount)
FOLD_BATCH = 1_000  # outbox rows per fold transaction
ROLLUP_BATCH = 5_000  # events per rollup transaction
PARTITIONS_AHEAD = 3  # months of partitions created ahead of the current one

SERVER = "server"
CLIENT = "client"


class Interval(StrEnum):
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class ReportKind(StrEnum):
    USER_ENGAGEMENT = "user_engagement"
    VENTURE_PERFORMANCE = "venture_performance"
    PLATFORM_HEALTH = "platform_health"
    BUZ_ECONOMY = "buz_economy"


class ReportStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


# Kinds about the whole platform: administrators only.
ADMIN_REPORTS = frozenset({ReportKind.PLATFORM_HEALTH, ReportKind.BUZ_ECONOMY})

# The per-user figures (analytics_user_days.metric), in the order the API shows them.
USER_METRICS: tuple[str, ...] = (
    "events",
    "xp",
    "buz_sent",
    "buz_received",
    "buz_earned",
    "buz_spent",
    "buz_staked",
    "documents_signed",
    "ventures_created",
    "ventures_joined",
)
# Amounts in BUZ minor units (shown as decimal strings).
BUZ_METRICS = frozenset({"buz_sent", "buz_received", "buz_earned", "buz_staked", "buz_spent"})

# buz.transfer_completed kinds (buz.rules.TransferKind values), by what they mean to a user.
USER_TO_USER = "TRANSFER"
EARNED_KINDS = frozenset({"REWARD", "WELCOME_BONUS", "REVENUE_SHARE"})
SPENT_KINDS = frozenset({"CHARGE", "FEE"})

TRANSFER = "buz.transfer_completed"
STAKED = "buz.staked"
UNSTAKED = "buz.unstaked"
XP_AWARDED = "gamification.xp_awarded"
DOCUMENT_SIGNED = "legal.document_signed"
VENTURE_CREATED = "ventures.created"
MEMBER_JOINED = "ventures.member_joined"
MEMBER_LEFT = "ventures.member_left"
STAGE_CHANGED = "ventures.stage_changed"
VENTURE_ARCHIVED = "ventures.archived"
METRIC_RECORDED = "ventures.metric_recorded"
REGISTERED = "users.registered"
VENTURE_REFERENCE = "venture:"


def _uuid(value: Any) -> uuid.UUID | None:
    if value is None:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def subjects(
    payload: Mapping[str, Any],
) -> tuple[uuid.UUID | None, uuid.UUID | None, uuid.UUID | None]:
    """(actor, user it is about, venture) of a bus event's payload. The user is the payload's
    `user_id`, else the actor; a transfer names a venture through its `reference`."""
    actor = _uuid(payload.get("actor_id"))
    user = _uuid(payload.get("user_id")) or actor
    venture = _uuid(payload.get("venture_id"))
    reference = payload.get("reference")
    if venture is None and isinstance(reference, str) and reference.startswith(VENTURE_REFERENCE):
        venture = _uuid(reference.removeprefix(VENTURE_REFERENCE))
    return actor, user, venture


def user_figures(
    name: str, source: str, actor: uuid.UUID | None, props: Mapping[str, Any]
) -> Iterator[tuple[uuid.UUID, str, int]]:
    """What one event adds to whose per-user figures: (user, metric, value).

    `events` is activity: the actor of a server event or the sender of a client event.
    """
    if actor is not None:
        yield actor, "events", 1
    if source != SERVER:
        return
    if name == XP_AWARDED:
        if (user := _uuid(props.get("user_id"))) is not None:
            yield user, "xp", int(props.get("xp", 0))
    elif name == TRANSFER:
        yield from _transfer_figures(props)
    elif name == STAKED:
        if (user := _uuid(props.get("user_id"))) is not None:
            yield user, "buz_staked", int(props.get("amount", 0))
    elif name == DOCUMENT_SIGNED:
        if (user := _uuid(props.get("user_id"))) is not None:
            yield user, "documents_signed", 1
    elif name == VENTURE_CREATED:
        if (user := _uuid(props.get("user_id"))) is not None:
            yield user, "ventures_created", 1
    elif name == MEMBER_JOINED and (user := _uuid(props.get("user_id"))) is not None:
        yield user, "ventures_joined", 1


def _transfer_figures(props: Mapping[str, Any]) -> Iterator[tuple[uuid.UUID, str, int]]:
    kind = props.get("kind")
    amount = int(props.get("amount", 0))
    sender = _uuid(props.get("from_user_id"))
    recipient = _uuid(props.get("to_user_id"))
    if kind == USER_TO_USER:
        if sender is not None:
            yield sender, "buz_sent", amount
        if recipient is not None:
            yield recipient, "buz_received", amount
    elif kind in EARNED_KINDS and recipient is not None:
        yield recipient, "buz_earned", amount
    elif kind in SPENT_KINDS and sender is not None:
        yield sender, "buz_spent", amount


def count_total(name: str, props: Mapping[str, Any]) -> int:
    """The amount a count bucket sums besides the count (BUZ moved or staked, XP), or 0."""
    if name in (TRANSFER, STAKED):
        return int(props.get("amount", 0))
    if name == XP_AWARDED:
        return int(props.get("xp", 0))
    if name == UNSTAKED:
        return unstaked_principal(props)
    return 0


def unstaked_principal(props: Mapping[str, Any]) -> int:
    """The principal a `buz.unstaked` event took out of staking: what came back, plus the
    early-exit penalty, minus the reward."""
    returned = int(props.get("returned", 0))
    return returned + int(props.get("penalty", 0)) - int(props.get("reward", 0))


def bucket_of(at: datetime) -> datetime:
    at = at.astimezone(UTC)
    return at.replace(minute=at.minute - at.minute % 15, second=0, microsecond=0)


def period_days(period: str, today: date) -> tuple[date, date]:
    """The first and last UTC day of `period` ending `today` (inclusive)."""
    return today - timedelta(days=PERIODS[period] - 1), today


def period_bounds(period: str, now: datetime) -> tuple[datetime, datetime]:
    """`period` as a half-open UTC range: from midnight of its first day to `now`."""
    first, _ = period_days(period, now.astimezone(UTC).date())
    return datetime(first.year, first.month, first.day, tzinfo=UTC), now


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
