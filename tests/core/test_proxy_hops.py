"""The client's address behind reverse proxies (BRAIN_TRUSTED_PROXY_HOPS): exactly the
configured number of proxies is trusted, so a client cannot choose its own address by writing
`X-Forwarded-For` (the probe's 15 logins from "15 addresses" that never hit the per-IP limit)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest
from httpx import ASGITransport, AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.app import create_app
from brain.core import ratelimit
from brain.core.config import Settings
from brain.core.middleware import forwarded_client
from tests.factories.users import DEFAULT_PASSWORD, bearer, make_user, unique_email

pytestmark = pytest.mark.usefixtures("db_connection")


ClientFor = Callable[[int], AbstractAsyncContextManager[AsyncClient]]


@pytest.fixture
def hops_client(settings: Settings) -> ClientFor:
    """Clients of an app that trusts `hops` proxies, connecting from a proxy's address."""

    @asynccontextmanager
    async def make(hops: int) -> AsyncIterator[AsyncClient]:
        app = create_app(settings.model_copy(update={"trusted_proxy_hops": hops}))
        transport = ASGITransport(app=app, raise_app_exceptions=False, client=("10.0.0.9", 4711))
        async with AsyncClient(transport=transport, base_url="http://test") as client:
            yield client

    return make


@pytest.mark.parametrize(
    ("headers", "hops", "expected"),
    [
        (["203.0.113.5"], 1, "203.0.113.5"),
        (["198.51.100.7, 203.0.113.5"], 1, "203.0.113.5"),
        (["198.51.100.7, 203.0.113.5, 104.22.17.40"], 2, "203.0.113.5"),
        (["198.51.100.7", "203.0.113.5"], 1, "203.0.113.5"),  # two headers are one list
        (["203.0.113.5"], 2, "203.0.113.5"),  # fewer entries than hops: the leftmost
        (["2001:db8::1"], 1, "2001:db8::1"),
        (["not-an-address"], 1, None),
        ([""], 1, None),
        ([], 1, None),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_saw(
    headers: list[str], hops: int, expected: str | None
) -> None:
    assert forwarded_client(headers, hops) == expected


async def _failed_logins(client: AsyncClient, count: int, forwarded: list[str]) -> list[int]:
    # Frozen mid-window, so the attempts cannot straddle a window boundary.
    ratelimit.use_clock(lambda: 60 * 1_000_000 + 30.0)
    statuses = []
    try:
        for i in range(count):
            response = await client.post(
                "/api/auth/login",
                json={"email": unique_email("xff"), "password": "whatever-123"},
                headers={"X-Forwarded-For": forwarded[i % len(forwarded)]},
            )
            statuses.append(response.status_code)
    finally:
        ratelimit.use_clock(None)
    return statuses


async def test_a_client_written_forwarded_for_does_not_escape_the_per_ip_limit(
    hops_client: ClientFor, settings: Settings
) -> None:
    limit = settings.rate_limit_login_per_minute
    spoofed = [f"198.51.100.{i}, 203.0.113.5" for i in range(limit + 1)]
    async with hops_client(1) as client:
        statuses = await _failed_logins(client, limit + 1, spoofed)

    assert statuses[:-1] == [401] * limit
    assert statuses[-1] == 429


async def test_without_trusted_proxies_the_header_is_ignored(
    hops_client: ClientFor, settings: Settings
) -> None:
    limit = settings.rate_limit_login_per_minute
    every_time_new = [f"203.0.113.{i}" for i in range(limit + 1)]
    async with hops_client(0) as client:
        statuses = await _failed_logins(client, limit + 1, every_time_new)

    assert statuses[-1] == 429


async def test_different_clients_behind_the_proxy_have_their_own_limits(
    hops_client: ClientFor, settings: Settings
) -> None:
    limit = settings.rate_limit_login_per_minute
    async with hops_client(1) as client:
        first = await _failed_logins(client, limit, ["203.0.113.5"])
        other = await _failed_logins(client, 1, ["203.0.113.6"])

    assert first == [401] * limit
    assert other == [401]


async def test_a_session_records_the_address_the_proxy_saw(
    hops_client: ClientFor, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    async with hops_client(2) as client:
        login = await client.post(
            "/api/auth/login",
            json={"email": user.email, "password": DEFAULT_PASSWORD},
            headers={"X-Forwarded-For": "198.51.100.66, 203.0.113.5, 104.22.17.40"},
        )
        assert login.status_code == 200, login.text
        sessions = await client.get(
            "/api/auth/sessions", headers=bearer(login.json()["access_token"])
        )

    assert [s["ip"] for s in sessions.json()["items"]] == ["203.0.113.5"]
