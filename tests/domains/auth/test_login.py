"""Registration, sign-in, lockout, rate limits, sessions."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import ratelimit
from brain.core.config import Settings
from brain.core.models import OutboxEvent, utcnow
from brain.domains.auth.lockout import throttle_key
from brain.domains.auth.models import AuthAuditEntry, AuthCredential, AuthLoginThrottle
from tests.conftest import TEST_REDIS_URL
from tests.factories.users import (
    DEFAULT_PASSWORD,
    bearer,
    make_signed_in,
    make_user,
    unique_email,
)


def _register_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": unique_email("reg"),
        "password": DEFAULT_PASSWORD,
        "display_name": "Ada",
    }
    body.update(overrides)
    return body


async def test_register_creates_a_guest_and_signs_it_in(
    client: AsyncClient, session: AsyncSession
) -> None:
    body = _register_body(email="Ada.Lovelace@Example.COM", referral_code="REF-42")
    response = await client.post("/api/auth/register", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["user"]["role"] == "GUEST"
    assert data["user"]["email"] == "Ada.Lovelace@example.com"
    assert data["token_type"] == "bearer"
    assert data["expires_in"] == 15 * 60
    me = await client.get("/api/auth/me", headers=bearer(data["access_token"]))
    assert me.status_code == 200
    assert me.json()["role"] == "GUEST"
    assert "legal:sign" in me.json()["permissions"]
    event = (
        await session.exec(select(OutboxEvent).where(OutboxEvent.name == "users.registered"))
    ).all()
    payloads = [e.payload for e in event if e.payload["user_id"] == data["user"]["id"]]
    assert payloads
    assert payloads[0]["referral_code"] == "REF-42"


async def test_register_cannot_choose_a_role(client: AsyncClient) -> None:
    response = await client.post("/api/auth/register", json=_register_body(role="SUPER_ADMIN"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.role"


@pytest.mark.parametrize(
    ("display_name", "stored"), [("  Ada  ", "Ada"), ("   ", None), ("\t\n", None)]
)
async def test_register_trims_the_display_name_and_refuses_a_blank_one(
    client: AsyncClient, display_name: str, stored: str | None
) -> None:
    response = await client.post(
        "/api/auth/register", json=_register_body(display_name=display_name)
    )
    if stored is None:
        # A rule, not a schema constraint: the raw value is long enough for the schema.
        assert response.status_code == 422
        error = response.json()["errors"][0]
        assert (error["field"], error["type"]) == ("body.display_name", "value_error")
    else:
        assert response.status_code == 201, response.text
        assert response.json()["user"]["display_name"] == stored


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("short-pass1", False),  # 11 characters
        ("x" * 129, False),
        ("qwertyqwerty", False),  # in the common-password list
        ("QwertyQwerty", False),  # ... case-insensitively
        ("a" * 5 + " ünïcødé ok " + "7", True),  # no composition rules, Unicode allowed
        ("q" * 64 + "z" * 64, True),  # 128 characters
    ],
)
async def test_password_policy(client: AsyncClient, password: str, accepted: bool) -> None:
    response = await client.post("/api/auth/register", json=_register_body(password=password))
    assert (response.status_code == 201) is accepted, response.text
    if not accepted:
        assert response.json()["errors"][0]["field"] == "body.password"


async def test_register_with_a_taken_email_is_refused_without_detail(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    response = await client.post(
        "/api/auth/register", json=_register_body(email=user.email.upper())
    )
    assert response.status_code == 400
    assert response.json()["code"] == "REGISTRATION_REFUSED"
    assert "exist" not in response.json()["title"].lower()


async def test_passwords_are_stored_as_argon2id(client: AsyncClient, session: AsyncSession) -> None:
    response = await client.post("/api/auth/register", json=_register_body())
    user_id = response.json()["user"]["id"]
    import uuid

    credential = await session.get(AuthCredential, uuid.UUID(user_id))
    assert credential is not None
    assert credential.password_hash.startswith("$argon2id$")
    assert DEFAULT_PASSWORD not in credential.password_hash


async def test_login_returns_a_pair_and_the_user(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    response = await client.post(
        "/api/auth/login", json={"email": user.email.upper(), "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in", "user"}
    me = (await client.get("/api/auth/me", headers=bearer(body["access_token"]))).json()
    assert {me["id"], me["email"], me["display_name"], me["role"]} == {
        str(user.id),
        user.email,
        user.display_name,
        "GUEST",
    }
    assert isinstance(me["permissions"], list)


async def test_oauth2_token_form_signs_in(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    response = await client.post(
        "/api/auth/token", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"


async def test_token_form_declares_the_empty_fields_it_refuses(
    app: object, client: AsyncClient
) -> None:
    # Found by the API fuzzer: the schema allowed an empty username and password, which the
    # form reads as missing (422). The schema now says at least one character.
    response = await client.post("/api/auth/token", data={"username": "", "password": ""})
    assert response.status_code == 422
    form = app.openapi()["paths"]["/api/auth/token"]["post"]["requestBody"]  # type: ignore[attr-defined]
    ref = form["content"]["application/x-www-form-urlencoded"]["schema"]["$ref"]
    fields = app.openapi()["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]  # type: ignore[attr-defined]
    assert fields["username"]["minLength"] == 1
    assert fields["password"]["minLength"] == 1
    assert fields["grant_type"]["type"] == "string"  # a form has no null


def _without_request_id(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "request_id"}


async def test_missing_email_and_wrong_password_look_the_same(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    timings: dict[str, list[float]] = {"missing": [], "wrong": []}
    bodies: dict[str, Any] = {}
    for _ in range(3):
        for case, email in (("missing", unique_email("nobody")), ("wrong", user.email)):
            started = time.perf_counter()
            response = await client.post(
                "/api/auth/login", json={"email": email, "password": "not-the-password-1"}
            )
            timings[case].append(time.perf_counter() - started)
            bodies[case] = (response.status_code, _without_request_id(response.json()))
    assert bodies["missing"] == bodies["wrong"]
    assert bodies["wrong"][0] == 401
    # Both run one argon2 verification; no large gap (a skipped hash would be ~100x faster).
    missing, wrong = statistics.median(timings["missing"]), statistics.median(timings["wrong"])
    assert missing > wrong / 3, timings
    assert wrong > missing / 3, timings


async def test_five_failures_lock_the_account(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    statuses = []
    for _ in range(5):
        response = await client.post(
            "/api/auth/login", json={"email": user.email, "password": "wrong-password-xyz"}
        )
        statuses.append(response.status_code)
    assert statuses == [401, 401, 401, 401, 429]
    assert int(response.headers["retry-after"]) > 14 * 60
    assert response.json()["code"] == "RATE_LIMITED"

    right = await client.post(
        "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert right.status_code == 429
    assert "retry-after" in right.headers

    kinds = (
        await session.exec(select(AuthAuditEntry.kind).where(AuthAuditEntry.user_id == user.id))
    ).all()
    assert kinds.count("sign_in_failed") == 5
    assert "lockout" in kinds

    # When the lock ends, the right password works again.
    throttle = await session.get(AuthLoginThrottle, throttle_key(user.email))
    assert throttle is not None
    throttle.locked_until = utcnow() - timedelta(seconds=1)
    session.add(throttle)
    await session.flush()
    after = await client.post(
        "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert after.status_code == 200


async def test_unknown_emails_lock_like_real_ones(client: AsyncClient) -> None:
    email = unique_email("ghost")
    statuses = [
        (
            await client.post("/api/auth/login", json={"email": email, "password": "whatever-123"})
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [401, 401, 401, 401, 429]


async def test_login_is_rate_limited_per_ip(client: AsyncClient, settings: Settings) -> None:
    # Frozen mid-window, so the attempts cannot straddle a window boundary.
    ratelimit.use_clock(lambda: 60 * 1_000_000 + 30.0)
    statuses = []
    try:
        for _ in range(settings.rate_limit_login_per_minute + 1):
            response = await client.post(
                "/api/auth/login", json={"email": unique_email("ip"), "password": "whatever-123"}
            )
            statuses.append(response.status_code)
    finally:
        ratelimit.use_clock(None)
    assert statuses[:-1] == [401] * settings.rate_limit_login_per_minute
    assert statuses[-1] == 429
    assert "retry-after" in response.headers


async def test_disabling_rate_limits_keeps_the_lockout(
    session: AsyncSession, settings: Settings, db_connection: object
) -> None:
    from brain import handlers
    from brain.app import create_app

    handlers.register()
    app = create_app(settings.model_copy(update={"rate_limits_enabled": False}))
    user = await make_user(session, password=DEFAULT_PASSWORD)
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as c:
        statuses = []
        for i in range(settings.rate_limit_login_per_minute + 2):
            email = user.email if i < 5 else unique_email("many")
            response = await c.post(
                "/api/auth/login", json={"email": email, "password": "wrong-password-1"}
            )
            statuses.append(response.status_code)
    assert statuses[4] == 429  # the account lockout, which is never turned off
    assert statuses[5:] == [401] * (len(statuses) - 5)  # no per-IP limit


async def test_sixth_session_ends_the_oldest(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    tokens = []
    for _ in range(6):
        response = await client.post(
            "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 200
        tokens.append(response.json()["access_token"])
    assert (await client.get("/api/auth/me", headers=bearer(tokens[0]))).status_code == 401
    assert (await client.get("/api/auth/me", headers=bearer(tokens[1]))).status_code == 200
    sessions = (await client.get("/api/auth/sessions", headers=bearer(tokens[5]))).json()
    assert len(sessions["items"]) == 5
    assert sessions["items"][0]["current"] is True


async def test_logout_ends_the_session(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    pair = (
        await client.post(
            "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
        )
    ).json()
    assert (
        await client.post("/api/auth/logout", headers=bearer(pair["access_token"]))
    ).status_code == 204
    assert (
        await client.get("/api/auth/me", headers=bearer(pair["access_token"]))
    ).status_code == 401
    refresh = await client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert refresh.status_code == 401


async def test_sessions_can_be_revoked_by_their_owner_only(
    client: AsyncClient, session: AsyncSession
) -> None:
    from tests.factories.users import sign_in

    alice = await make_user(session)
    bob = await make_user(session)
    alice_phone = await sign_in(session, alice)
    alice_laptop = await sign_in(session, alice)
    bob_tokens = await sign_in(session, bob)
    foreign = await client.delete(
        f"/api/auth/sessions/{alice_phone.session_id}", headers=bearer(bob_tokens.access_token)
    )
    assert foreign.status_code == 404
    own = await client.delete(
        f"/api/auth/sessions/{alice_phone.session_id}", headers=bearer(alice_laptop.access_token)
    )
    assert own.status_code == 204
    phone = await client.get("/api/auth/me", headers=bearer(alice_phone.access_token))
    assert phone.status_code == 401
    laptop = await client.get("/api/auth/me", headers=bearer(alice_laptop.access_token))
    assert laptop.status_code == 200


@pytest.mark.parametrize("store", ["in-process", "redis, batched"])
async def test_authenticated_requests_over_the_per_user_limit_answer_429(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    store: str,
) -> None:
    if store != "in-process":
        if TEST_REDIS_URL is None:
            pytest.skip("needs BRAIN_TEST_REDIS_URL (CI's second pass sets it)")
        monkeypatch.setattr(settings, "redis_url", TEST_REDIS_URL)
        monkeypatch.setattr(settings, "rate_limit_sync_seconds", 0.05)
    monkeypatch.setattr(settings, "rate_limit_api_per_15min", 3)
    _user, headers = await make_signed_in(session)
    # Mid-window (15 min windows start at multiples of 900 s): the requests cannot straddle two.
    ratelimit.use_clock(lambda: 900 * 1_000_000 + 450.0)
    try:
        statuses = [
            (await client.get("/api/users/me", headers=headers)).status_code for _ in range(4)
        ]
        _other, other_headers = await make_signed_in(session)
        other = await client.get("/api/users/me", headers=other_headers)
        refused = await client.get("/api/users/me", headers=headers)
    finally:
        ratelimit.use_clock(None)
        await ratelimit.aclose()
    assert statuses == [200, 200, 200, 429]
    # The limit is per user: another caller is not held back by the first one's requests.
    assert other.status_code == 200
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "RATE_LIMITED"
    assert int(refused.headers["retry-after"]) >= 1
