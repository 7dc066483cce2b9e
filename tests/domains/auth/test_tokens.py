"""Access tokens: every malformed, forged, expired, wrong-type or revoked token is a 401."""

from __future__ import annotations

import base64
import json
import time
import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from jose import jwt
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.core.models import utcnow
from brain.domains.auth import tokens as token_module
from tests.factories.users import bearer, make_user, sign_in


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _claims(user_id: uuid.UUID, session_id: uuid.UUID, **extra: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": str(user_id),
        "role": "SUPER_ADMIN",
        "sid": str(session_id),
        "jti": uuid.uuid4().hex,
        "iat": now,
        "exp": now + 600,
        "typ": "access",
    }
    claims.update(extra)
    return claims


async def _assert_refused(client: AsyncClient, token: str) -> None:
    response = await client.get("/api/auth/me", headers=bearer(token))
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "AUTH_REQUIRED"
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_valid_access_token_is_accepted(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    response = await client.get("/api/auth/me", headers=bearer(tokens.access_token))
    assert response.status_code == 200
    assert response.json()["id"] == str(user.id)


async def test_alg_none_token_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    forged = (
        _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(_claims(user.id, tokens.session_id)) + "."
    )
    await _assert_refused(client, forged)


async def test_wrong_signature_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    forged = jwt.encode(
        _claims(user.id, tokens.session_id), "not-the-secret-key-0123456789abcdef", "HS256"
    )
    await _assert_refused(client, forged)


async def test_other_algorithm_with_the_right_key_is_refused(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    forged = jwt.encode(_claims(user.id, tokens.session_id), settings.secret_key, "HS512")
    await _assert_refused(client, forged)


async def test_expired_token_is_refused(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    past = int(time.time()) - 3600
    expired = jwt.encode(
        _claims(user.id, tokens.session_id, iat=past - 900, exp=past), settings.secret_key, "HS256"
    )
    await _assert_refused(client, expired)


async def test_token_issued_in_the_future_is_refused(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    later = int(time.time()) + token_module.CLOCK_SKEW_SECONDS + 120
    from_the_future = jwt.encode(
        _claims(user.id, tokens.session_id, iat=later, exp=later + 600),
        settings.secret_key,
        "HS256",
    )
    await _assert_refused(client, from_the_future)


async def test_token_issued_within_the_clock_skew_is_accepted(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    soon = int(time.time()) + token_module.CLOCK_SKEW_SECONDS // 2
    token = jwt.encode(
        _claims(user.id, tokens.session_id, role=str(user.role), iat=soon, exp=soon + 600),
        settings.secret_key,
        "HS256",
    )
    response = await client.get("/api/auth/me", headers=bearer(token))
    assert response.status_code == 200, response.text


async def test_refresh_token_used_as_access_token_is_refused(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    await _assert_refused(client, tokens.refresh_token)
    # A correctly signed JWT of another type is not an access token either.
    other_type = jwt.encode(
        _claims(user.id, tokens.session_id, typ="refresh"), settings.secret_key, "HS256"
    )
    await _assert_refused(client, other_type)


async def test_token_of_a_revoked_session_stops_working_at_once(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    headers = bearer(tokens.access_token)
    assert (await client.post("/api/auth/logout", headers=headers)).status_code == 204
    await _assert_refused(client, tokens.access_token)


async def test_garbage_tokens_are_401_not_500(client: AsyncClient) -> None:
    for token in ["x", "a.b.c", "e30.e30.", _b64({"alg": "HS256"}) + ".!!!.???", "\xe9.\xe9.\xe9"]:
        raw = f"Bearer {token}".encode("latin-1")
        response = await client.get("/api/auth/me", headers={b"Authorization": raw})
        assert response.status_code == 401, (token, response.text)


async def test_missing_token_is_401(client: AsyncClient) -> None:
    response = await client.get("/api/auth/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_verify_reports_claims_of_a_live_token_only(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    tokens = await sign_in(session, user)
    live = await client.post("/api/auth/verify", json={"token": tokens.access_token})
    assert live.status_code == 200
    body = live.json()
    assert body["valid"] is True
    assert body["claims"]["sub"] == str(user.id)
    assert body["claims"]["sid"] == str(tokens.session_id)
    assert {"role", "jti", "iat", "exp", "typ"} <= set(body["claims"])
    await client.post("/api/auth/logout", headers=bearer(tokens.access_token))
    dead = await client.post("/api/auth/verify", json={"token": tokens.access_token})
    assert dead.json() == {"valid": False, "claims": None}


async def _an_accepted_token(client: AsyncClient, session: AsyncSession) -> str:
    """A token the app has verified once, so it is in the verified-token cache."""
    token = (await sign_in(session, await make_user(session))).access_token
    assert (await client.get("/api/auth/me", headers=bearer(token))).status_code == 200
    return token


async def test_a_token_that_was_accepted_is_refused_once_it_expires(
    client: AsyncClient, session: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Verified tokens are kept, so the signature is checked once; expiry still counts on
    # every request.
    token = await _an_accepted_token(client, session)
    later = utcnow() + timedelta(minutes=settings.access_token_minutes, seconds=1)
    monkeypatch.setattr(token_module, "utcnow", lambda: later)
    await _assert_refused(client, token)


async def test_an_accepted_token_is_refused_once_the_signing_key_changes(
    client: AsyncClient, session: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await _an_accepted_token(client, session)
    monkeypatch.setattr(settings, "secret_key", "a-rotated-secret-key-" + "k" * 40)
    await _assert_refused(client, token)
