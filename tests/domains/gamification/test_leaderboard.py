"""Leaderboards: every category and period answers what the award rows say, the same from SQL
and from Redis, after an award synced to Redis, and after Redis was flushed and rebuilt."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient

from brain.core import db
from brain.core.jobs import InProcessJobs
from brain.core.models import utcnow
from brain.domains.buz import service as buz
from brain.domains.gamification import leaderboard
from brain.domains.gamification.rules import Category, Period
from brain.domains.legal.events import DocumentSigned
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.conftest import TEST_REDIS_URL, requires_redis
from tests.factories.buz import fund
from tests.factories.gamification import publish
from tests.factories.users import bearer, make_user, sign_in

pytestmark = pytest.mark.usefixtures("db_connection")

TEMPLATES = ["PPA", "ESCA", "PNA", "BTS", "BPP"]


async def _users(n: int) -> list[User]:
    async with db.session_scope() as session:
        made = [await make_user(session, role=Role.MEMBER) for _ in range(n)]
        for user in made:
            await buz.open_accounts(session, user_id=user.id)
    return made


def _signed(user: User, template: str, *, days_ago: int = 0) -> DocumentSigned:
    return DocumentSigned(
        document_id=uuid.uuid4(),
        user_id=user.id,
        template_type=template,
        occurred_at=utcnow() - timedelta(days=days_ago),
    )


async def _viewer() -> dict[str, str]:
    async with db.session_scope() as session:
        user = await make_user(session, role=Role.MEMBER)
        tokens = await sign_in(session, user)
    return bearer(tokens.access_token)


async def _scenario(job_runner: InProcessJobs) -> list[User]:
    """Five users: a, b and e tie on XP this month, c is a Legal Eagle with BUZ, d earned
    only long ago; a also receives BUZ (the BUZ boards hear transfers through a job)."""
    a, b, c, d, e = await _users(5)
    await publish(*[_signed(a, t) for t in TEMPLATES[:3]])
    await publish(_signed(b, "PPA"), _signed(b, "ESCA"), _signed(b, "PNA"))
    await publish(*[_signed(c, t) for t in TEMPLATES])
    await publish(_signed(d, "PPA", days_ago=45))
    await publish(*[_signed(e, t) for t in TEMPLATES[:3]])
    async with db.session_scope() as session:
        await fund(session, a.id, "300")
    await job_runner.run_until_idle()
    return [a, b, c, d, e]


async def _boards(client: AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    boards: dict[str, Any] = {}
    for category in Category:
        for period in Period:
            for around in ("", "&around=me"):
                response = await client.get(
                    f"/api/gamification/leaderboard/{category.value}"
                    f"?period={period.value}&limit=200{around}",
                    headers=headers,
                )
                assert response.status_code == 200, response.text
                boards[f"{category.value}:{period.value}{around}"] = response.json()
    return boards


def _mine(board: dict[str, Any], users: list[User]) -> list[tuple[str, str]]:
    ids = {str(u.id) for u in users}
    return [(row["user_id"], row["score"]) for row in board["items"] if row["user_id"] in ids]


async def test_the_boards_rank_by_score_then_user_id_for_each_period(
    client: AsyncClient, job_runner: InProcessJobs
) -> None:
    users = await _scenario(job_runner)
    a, b, c, d, e = users
    headers = await _viewer()
    boards = await _boards(client, headers)
    # XP: a, b, e have 3 signatures and First Steps (550); c has 5, First Steps and Legal
    # Eagle (950); d signed 45 days ago (250, not this month nor week).
    tied = sorted([a, b, e], key=lambda u: str(u.id), reverse=True)
    expected_all = [(str(c.id), "950")] + [(str(u.id), "550") for u in tied] + [(str(d.id), "250")]
    assert _mine(boards["xp:all_time"], users) == expected_all
    assert _mine(boards["xp:month"], users) == expected_all[:-1]
    assert _mine(boards["xp:week"], users) == expected_all[:-1]
    xp_rows = [r for r in boards["xp:all_time"]["items"] if r["user_id"] == str(c.id)]
    assert xp_rows[0]["xp"] == 950
    assert xp_rows[0]["display_name"]
    # Badges: c has two, the others one each.
    assert _mine(boards["badges:all_time"], users)[0] == (str(c.id), "2")
    assert len(_mine(boards["badges:all_time"], users)) == 5
    assert len(_mine(boards["badges:month"], users)) == 4
    # BUZ held: a got 300, c 100 for Legal Eagle (RARE).
    assert _mine(boards["buz:all_time"], users) == [(str(a.id), "300.00"), (str(c.id), "100.00")]
    assert _mine(boards["buz:week"], users) == [(str(a.id), "300.00"), (str(c.id), "100.00")]
    # Ranks are positions in the order; around=me centres the board on the caller.
    ranks = [r["rank"] for r in boards["xp:all_time"]["items"]]
    assert ranks == list(range(1, len(ranks) + 1))
    async with db.session_scope() as session:
        tokens = await sign_in(session, d)
    around = await client.get(
        "/api/gamification/leaderboard/xp?period=all_time&around=me&limit=3",
        headers=bearer(tokens.access_token),
    )
    me = around.json()["me"]
    assert me["user_id"] == str(d.id)
    assert me in around.json()["items"]
    rankings = await client.get(f"/api/gamification/rankings/{c.id}", headers=headers)
    first = rankings.json()["items"][0]
    assert (first["category"], first["period"], first["score"]) == ("xp", "all_time", "950")
    assert first["rank"] == boards["xp:all_time"]["items"].index(xp_rows[0]) + 1


@requires_redis
async def test_redis_answers_as_sql_does_after_sync_flush_and_rebuild(
    client: AsyncClient, redis_board: tuple[Any, str], job_runner: InProcessJobs
) -> None:
    redis, prefix = redis_board
    leaderboard.configure(None)
    users = await _scenario(job_runner)
    headers = await _viewer()
    from_sql = await _boards(client, headers)

    # Redis configured but empty: reads fall back to SQL and queue the rebuild.
    leaderboard.configure(TEST_REDIS_URL, prefix=prefix)
    assert await _boards(client, headers) == from_sql
    await job_runner.run_until_idle()
    assert await leaderboard.is_built(redis, prefix)
    assert await _boards(client, headers) == from_sql
    assert await redis.zcard(leaderboard.key(prefix, Category.XP, Period.ALL_TIME, utcnow())) >= 5

    # A later award reaches Redis after its commit: the boards still agree.
    await publish(_signed(users[1], "BTS"), _signed(users[1], "BPP"))
    await job_runner.run_until_idle()  # Legal Eagle's BUZ reaches the BUZ boards (a job)
    from_redis = await _boards(client, headers)
    leaderboard.configure(None)
    assert await _boards(client, headers) == from_redis
    leaderboard.configure(TEST_REDIS_URL, prefix=prefix)

    # Redis lost everything (FLUSHDB of the test's own database): the same answers from SQL,
    # then from the rebuilt sets.
    await redis.flushdb()
    assert await _boards(client, headers) == from_redis
    await job_runner.run_until_idle()
    assert await leaderboard.is_built(redis, prefix)
    assert await _boards(client, headers) == from_redis
