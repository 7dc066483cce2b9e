"""Jobs of the auth domain: the hourly cleanup of rows that no longer do anything.

What goes, and why it is safe:

- one-time links (reset, verification, email change) past their expiry: an expired link is
  refused exactly like an unknown one, so forgetting it changes no answer;
- refresh tokens that expired more than `auth_cleanup_retention_days` ago, and every refresh
  token of a session being deleted: an expired token is refused before reuse detection looks
  at it, so this too changes no answer;
- sessions that expired or were revoked more than the retention ago (kept that long for
  support questions: "which device was that?"); the audit log keeps the story for good;
- login-throttle rows that neither lock an account nor count within the current window: the
  next failure would start a new window at one anyway.

Each kind is deleted in batches of `auth_cleanup_batch_size` rows, each batch its own short
transaction (`DELETE ... WHERE pk IN (SELECT pk ... LIMIT n)`), at most
`auth_cleanup_max_batches` per kind and run, so a large backlog never holds a long lock and
is finished by the following runs. Two workers running at once are harmless: a delete of rows
already deleted deletes nothing, and on Postgres `FOR UPDATE SKIP LOCKED` in the subquery makes
them take different rows instead of waiting on each other (SQLite, which has no row locks,
runs one writer at a time anyway).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from brain.core import db, jobs
from brain.core.config import Settings, get_settings
from brain.core.models import utcnow
from brain.domains.auth.models import (
    AuthLoginThrottle,
    AuthOneTimeToken,
    AuthRefreshToken,
    AuthSession,
)

log = logging.getLogger(__name__)

PURGE_EXPIRED = "auth.purge_expired"
PURGE_EVERY = timedelta(hours=1)

_ONE_TIME: Any = AuthOneTimeToken.__table__  # type: ignore[attr-defined]
_REFRESH: Any = AuthRefreshToken.__table__  # type: ignore[attr-defined]
_SESSIONS: Any = AuthSession.__table__  # type: ignore[attr-defined]
_THROTTLE: Any = AuthLoginThrottle.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Purged:
    one_time_tokens: int
    refresh_tokens: int
    sessions: int
    throttle_rows: int


async def _delete_in_batches(
    settings: Settings, table: Any, key: sa.ColumnElement[Any], where: sa.ColumnElement[bool]
) -> int:
    """Delete the rows of `table` matching `where`, a bounded batch per transaction."""
    size = settings.auth_cleanup_batch_size
    deleted = 0
    for _ in range(settings.auth_cleanup_max_batches):
        batch = sa.select(key).where(where).limit(size).with_for_update(skip_locked=True)
        async with db.session_scope() as session:
            result = await session.exec(sa.delete(table).where(key.in_(batch.scalar_subquery())))
            count = int(result.rowcount or 0)
        deleted += count
        if count < size:
            break
    return deleted


def _ended_sessions(cutoff: Any) -> sa.ColumnElement[bool]:
    return sa.or_(_SESSIONS.c.expires_at <= cutoff, _SESSIONS.c.revoked_at <= cutoff)


async def purge(settings: Settings) -> Purged:
    """One cleanup pass (what the job runs); returns what it deleted."""
    now = utcnow()
    cutoff = now - timedelta(days=settings.auth_cleanup_retention_days)
    window_start = now - timedelta(minutes=settings.login_lockout_window_minutes)
    one_time = await _delete_in_batches(
        settings, _ONE_TIME, _ONE_TIME.c.token_hash, _ONE_TIME.c.expires_at <= now
    )
    # The tokens before their sessions, so that no session delete cascades to an unbounded
    # number of token rows in one statement.
    ended = sa.select(_SESSIONS.c.id).where(_ended_sessions(cutoff))
    refresh = await _delete_in_batches(
        settings,
        _REFRESH,
        _REFRESH.c.token_hash,
        sa.or_(_REFRESH.c.expires_at <= cutoff, _REFRESH.c.session_id.in_(ended.scalar_subquery())),
    )
    sessions = await _delete_in_batches(
        settings, _SESSIONS, _SESSIONS.c.id, _ended_sessions(cutoff)
    )
    throttle = await _delete_in_batches(
        settings,
        _THROTTLE,
        _THROTTLE.c.key,
        sa.and_(
            sa.or_(_THROTTLE.c.locked_until.is_(None), _THROTTLE.c.locked_until <= now),
            _THROTTLE.c.window_started_at <= window_start,
        ),
    )
    return Purged(one_time, refresh, sessions, throttle)


@jobs.job(PURGE_EXPIRED, max_tries=1)
async def purge_expired() -> None:
    """The hourly cleanup; a failed run is not retried, the next hour's run does its work."""
    purged = await purge(get_settings())
    if any(vars(purged).values()):
        log.info(
            "auth cleanup: deleted %d one-time tokens, %d refresh tokens, %d sessions, "
            "%d login-throttle rows",
            purged.one_time_tokens, purged.refresh_tokens, purged.sessions,
            purged.throttle_rows,
        )  # fmt: skip


def register_cron() -> None:
    jobs.cron(PURGE_EXPIRED, every=PURGE_EVERY)
