"""The hourly auth cleanup deletes exactly the rows that no longer do anything."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain import handlers
from brain.core import jobs
from brain.core.config import Settings
from brain.core.models import utcnow
from brain.domains.auth import service as auth
from brain.domains.auth.jobs import PURGE_EXPIRED, purge
from brain.domains.auth.models import (
    AuthLoginThrottle,
    AuthOneTimeToken,
    AuthRefreshToken,
    AuthSession,
)
from brain.domains.users.models import User
from tests.factories.users import make_user


def _hash() -> str:
    return uuid.uuid4().hex + uuid.uuid4().hex


async def _token(session: AsyncSession, user: User, *, expires_in: timedelta) -> str:
    row = AuthOneTimeToken(
        token_hash=_hash(), user_id=user.id, purpose=auth.RESET, expires_at=utcnow() + expires_in
    )
    session.add(row)
    await session.flush()
    return row.token_hash


async def _session(
    session: AsyncSession,
    user: User,
    *,
    expires_in: timedelta,
    revoked_ago: timedelta | None = None,
    token_expires_in: timedelta | None = None,
) -> tuple[uuid.UUID, str]:
    """A session with one refresh token; returns (session id, token hash)."""
    now = utcnow()
    token = _hash()
    row = AuthSession(
        user_id=user.id,
        current_hash=token,
        expires_at=now + expires_in,
        revoked_at=now - revoked_ago if revoked_ago is not None else None,
    )
    session.add(row)
    await session.flush()
    session.add(
        AuthRefreshToken(
            token_hash=token,
            session_id=row.id,
            expires_at=now + (token_expires_in if token_expires_in is not None else expires_in),
        )
    )
    await session.flush()
    return row.id, token


async def _throttle(session: AsyncSession, *, window_ago: timedelta,
                    locked_for: timedelta | None = None) -> str:  # fmt: skip
    now = utcnow()
    row = AuthLoginThrottle(
        key=_hash(),
        failures=2,
        window_started_at=now - window_ago,
        locked_until=now + locked_for if locked_for is not None else None,
    )
    session.add(row)
    await session.flush()
    return row.key


async def _remaining(session: AsyncSession, model: type, key: sa.ColumnElement[Any],
                     wanted: set[Any]) -> set[str]:  # fmt: skip
    session.expire_all()
    rows = await session.exec(select(key).where(key.in_(wanted)))
    return {str(r) for r in rows.all()}


async def test_the_cleanup_job_deletes_exactly_what_has_expired(
    session: AsyncSession, job_runner: jobs.InProcessJobs, settings: Settings
) -> None:
    user = await make_user(session)
    retention = timedelta(days=settings.auth_cleanup_retention_days)
    hour, day = timedelta(hours=1), timedelta(days=1)
    tokens = {
        "expired": await _token(session, user, expires_in=-timedelta(seconds=1)),
        "live": await _token(session, user, expires_in=hour),
    }
    sessions = {
        "expired_past_retention": await _session(session, user, expires_in=-(retention + hour)),
        "expired_recently": await _session(session, user, expires_in=-hour),
        "revoked_past_retention": await _session(
            session, user, expires_in=day, revoked_ago=retention + hour
        ),
        "revoked_recently": await _session(session, user, expires_in=day, revoked_ago=hour),
        "active": await _session(session, user, expires_in=day),
        # A live session's refresh token spent long ago: only the token goes.
        "active_old_token": await _session(
            session, user, expires_in=day, token_expires_in=-(retention + hour)
        ),
    }
    window = timedelta(minutes=settings.login_lockout_window_minutes)
    throttles = {
        "stale": await _throttle(session, window_ago=window + hour),
        "stale_lock_ended": await _throttle(
            session, window_ago=window + hour, locked_for=-timedelta(seconds=1)
        ),
        "counting": await _throttle(session, window_ago=window / 2),
        "locked": await _throttle(session, window_ago=window + hour, locked_for=hour),
    }

    handlers.register()
    assert PURGE_EXPIRED in jobs.registered_crons()
    await jobs.enqueue(PURGE_EXPIRED)
    assert await job_runner.run_until_idle() == 1
    assert job_runner.failed == []

    one_time = sa.inspect(AuthOneTimeToken).columns.token_hash
    assert await _remaining(session, AuthOneTimeToken, one_time, set(tokens.values())) == {
        tokens["live"]
    }
    session_ids = {str(sid): name for name, (sid, _) in sessions.items()}
    kept = await _remaining(
        session, AuthSession, sa.inspect(AuthSession).columns.id, {s for s, _ in sessions.values()}
    )
    assert sorted(session_ids[s] for s in kept) == [
        "active", "active_old_token", "expired_recently", "revoked_recently",
    ]  # fmt: skip
    token_names = {token: name for name, (_, token) in sessions.items()}
    kept_tokens = await _remaining(
        session, AuthRefreshToken, sa.inspect(AuthRefreshToken).columns.token_hash,
        set(token_names),
    )  # fmt: skip
    assert sorted(token_names[t] for t in kept_tokens) == [
        "active", "expired_recently", "revoked_recently",
    ]  # fmt: skip
    throttle_names = {key: name for name, key in throttles.items()}
    kept_throttles = await _remaining(
        session, AuthLoginThrottle, sa.inspect(AuthLoginThrottle).columns.key,
        set(throttle_names),
    )  # fmt: skip
    assert sorted(throttle_names[k] for k in kept_throttles) == ["counting", "locked"]


async def test_a_backlog_is_deleted_in_bounded_batches_over_several_runs(
    session: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "auth_cleanup_batch_size", 2)
    monkeypatch.setattr(settings, "auth_cleanup_max_batches", 2)
    user = await make_user(session)
    mine = {await _token(session, user, expires_in=-timedelta(minutes=1)) for _ in range(5)}
    column = sa.inspect(AuthOneTimeToken).columns.token_hash

    first = await purge(settings)
    assert first.one_time_tokens == 4  # two batches of two, then the run stops
    assert len(await _remaining(session, AuthOneTimeToken, column, mine)) == 1
    await purge(settings)
    assert await _remaining(session, AuthOneTimeToken, column, mine) == set()


async def test_two_workers_cleaning_at_once_delete_each_row_once(
    committed_db: async_sessionmaker[AsyncSession], settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Each worker in its own connections and transactions (truly concurrent on Postgres;
    SQLite takes one writer at a time): no error, no row deleted twice, none left."""
    monkeypatch.setattr(settings, "auth_cleanup_batch_size", 5)
    async with committed_db() as setup:
        user = await make_user(setup)
        mine = {await _token(setup, user, expires_in=-timedelta(minutes=1)) for _ in range(40)}
        await setup.commit()
    try:
        first, second = await asyncio.gather(purge(settings), purge(settings))
        assert first.one_time_tokens + second.one_time_tokens >= len(mine)
        async with committed_db() as check:
            column = sa.inspect(AuthOneTimeToken).columns.token_hash
            assert await _remaining(check, AuthOneTimeToken, column, mine) == set()
    finally:
        async with committed_db() as s:
            await s.exec(sa.delete(User).where(col(User.id) == user.id))
            await s.commit()
