"""`/api/users`: what each caller may read and change."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import OutboxEvent
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.users import DEFAULT_PASSWORD, bearer, make_signed_in, make_user, sign_in

PROFILE = {
    "headline": "Builder",
    "bio": "Members-only bio",
    "location": "Secret City",
    "skills": ["python"],
    "interests": ["climbing"],
    "links": [{"label": "site", "url": "https://example.com/"}],
    "visibility": {"bio": "members", "location": "private", "headline": "public"},
}
SETTINGS = {
    "locale": "de",
    "timezone": "Europe/Berlin",
    "privacy": {"activity": "private"},
    "notifications": {"email": False, "push": True, "in_app": True},
}


async def test_another_user_never_reads_or_changes_private_data(
    client: AsyncClient, session: AsyncSession
) -> None:
    """Every `/{id}` route, called with a second user's token."""
    owner, owner_headers = await make_signed_in(session, role=Role.MEMBER)
    _, other = await make_signed_in(session, role=Role.MEMBER)
    base = f"/api/users/{owner.id}"
    assert (
        await client.put(f"{base}/profile", headers=owner_headers, json=PROFILE)
    ).status_code == 200
    assert (
        await client.put(f"{base}/settings", headers=owner_headers, json=SETTINGS)
    ).status_code == 200

    read = await client.get(base, headers=other)
    assert read.status_code == 200
    assert read.json()["view"] == "public"
    for private in ("email", "first_name", "last_name", "status", "email_verified"):
        assert read.json()[private] is None, private

    profile = (await client.get(f"{base}/profile", headers=other)).json()
    assert profile["headline"] == "Builder"
    assert profile["bio"] == "Members-only bio"  # members may see it
    assert profile["location"] is None  # private
    assert profile["visibility"] is None

    writes: list[tuple[str, str, dict[str, Any] | None]] = [
        ("PATCH", base, {"display_name": "Hacked"}),
        ("PUT", base, {"display_name": "Hacked"}),
        ("PUT", f"{base}/profile", {**PROFILE, "headline": "Hacked"}),
        ("PUT", f"{base}/settings", {**SETTINGS, "locale": "fr"}),
        ("DELETE", base, None),
    ]
    for method, url, body in writes:
        response = await client.request(method, url, headers=other, json=body)
        assert response.status_code == 403, (method, url, response.text)
    for url in (f"{base}/settings", f"{base}/activity", f"{base}/stats"):
        response = await client.get(url, headers=other)
        assert response.status_code == 403, (url, response.text)

    mine = (await client.get(base, headers=owner_headers)).json()
    assert mine["display_name"] != "Hacked"
    assert mine["status"] == "ACTIVE"
    own_settings = (await client.get(f"{base}/settings", headers=owner_headers)).json()
    assert own_settings["locale"] == "de"
    own_profile = (await client.get(f"{base}/profile", headers=owner_headers)).json()
    assert own_profile["headline"] == "Builder"
    assert own_profile["location"] == "Secret City"


async def test_anonymous_callers_see_only_public_profile_fields(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_signed_in(session)
    await client.put(f"/api/users/{owner.id}/profile", headers=headers, json=PROFILE)
    profile = (await client.get(f"/api/users/{owner.id}/profile")).json()
    assert profile["headline"] == "Builder"
    assert profile["bio"] is None
    assert profile["location"] is None
    assert (await client.get(f"/api/users/{owner.id}")).status_code == 401


async def test_a_user_cannot_change_its_own_role_or_status(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    role = await client.patch(f"/api/users/{user.id}", headers=headers, json={"role": "GUEST"})
    assert role.status_code == 422  # no such field
    status = await client.patch(
        f"/api/users/{user.id}", headers=headers, json={"status": "SUSPENDED"}
    )
    assert status.status_code == 403


async def test_members_cannot_set_status(client: AsyncClient, session: AsyncSession) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    response = await client.patch(
        f"/api/users/{user.id}", headers=headers, json={"status": "ACTIVE", "display_name": "X"}
    )
    assert response.status_code == 403


async def test_suspension_signs_the_user_out(client: AsyncClient, session: AsyncSession) -> None:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    target = await make_user(session, password=DEFAULT_PASSWORD)
    tokens = await sign_in(session, target)
    response = await client.patch(
        f"/api/users/{target.id}",
        headers=admin,
        json={"status": "SUSPENDED", "status_reason": "abuse"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "SUSPENDED"
    assert (
        await client.get("/api/auth/me", headers=bearer(tokens.access_token))
    ).status_code == 401
    refresh = await client.post("/api/auth/refresh", json={"refresh_token": tokens.refresh_token})
    assert refresh.status_code == 401
    login = await client.post(
        "/api/auth/login", json={"email": target.email, "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 401


async def test_delete_deactivates_and_pseudonymizes(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD, display_name="Grace Hopper")
    tokens = await sign_in(session, user)
    headers = bearer(tokens.access_token)
    await client.put(f"/api/users/{user.id}/profile", headers=headers, json=PROFILE)
    email = user.email
    assert (await client.delete(f"/api/users/{user.id}", headers=headers)).status_code == 204

    row = await session.get(User, user.id)
    assert row is not None
    await session.refresh(row)
    assert row.status == "DEACTIVATED"
    assert row.email != email
    assert "Grace" not in row.display_name
    assert row.id == user.id
    assert (await client.get("/api/auth/me", headers=headers)).status_code == 401
    login = await client.post(
        "/api/auth/login", json={"email": email, "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 401

    _, member = await make_signed_in(session)
    assert (await client.get(f"/api/users/{user.id}", headers=member)).status_code == 404
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    seen = (await client.get(f"/api/users/{user.id}", headers=admin)).json()
    assert seen["status"] == "DEACTIVATED"
    profile = (await client.get(f"/api/users/{user.id}/profile", headers=admin)).json()
    assert profile["bio"] is None
    events = (
        await session.exec(select(OutboxEvent).where(OutboxEvent.name == "users.deactivated"))
    ).all()
    assert any(e.payload["user_id"] == str(user.id) for e in events)


async def test_list_shows_public_fields_to_members_and_everything_to_admins(
    client: AsyncClient, session: AsyncSession
) -> None:
    tag = "Zebulon"
    for n in range(3):
        await make_user(session, display_name=f"{tag} {n}", role=Role.MEMBER)
    _, member = await make_signed_in(session)
    _, admin = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    page = (await client.get(f"/api/users?query={tag.lower()}&limit=2", headers=member)).json()
    assert len(page["items"]) == 2
    assert all(item["email"] is None for item in page["items"])
    rest = (
        await client.get(
            f"/api/users?query={tag}&limit=2&cursor={page['next_cursor']}", headers=member
        )
    ).json()
    assert len(rest["items"]) == 1
    assert rest["next_cursor"] is None
    names = {i["display_name"] for i in page["items"] + rest["items"]}
    assert names == {f"{tag} {n}" for n in range(3)}
    full = (await client.get(f"/api/users?query={tag}&role=MEMBER", headers=admin)).json()
    assert len(full["items"]) == 3
    assert all(item["email"] for item in full["items"])
    # Members cannot search by email.
    victim = full["items"][0]["email"]
    by_email = (await client.get(f"/api/users?query={victim}", headers=member)).json()
    assert by_email["items"] == []


async def test_admin_creates_a_guest(client: AsyncClient, session: AsyncSession) -> None:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    _, member = await make_signed_in(session, role=Role.MEMBER)
    body = {"email": "New.Person@Example.com", "display_name": "New"}
    assert (await client.post("/api/users", headers=member, json=body)).status_code == 403
    created = await client.post("/api/users", headers=admin, json=body)
    assert created.status_code == 201, created.text
    assert created.json()["role"] == "GUEST"
    # The address as given (the domain lower-cased); the identity is case-insensitive.
    assert created.json()["email"] == "New.Person@example.com"
    duplicate = await client.post("/api/users", headers=admin, json=body)
    assert duplicate.status_code == 409
    lower = {**body, "email": "new.person@example.com"}
    assert (await client.post("/api/users", headers=admin, json=lower)).status_code == 409
    with_role = await client.post("/api/users", headers=admin, json={**body, "role": "SUPER_ADMIN"})
    assert with_role.status_code == 422


async def test_me_alias(client: AsyncClient, session: AsyncSession) -> None:
    user, headers = await make_signed_in(session)
    me = await client.get("/api/users/me", headers=headers)
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)
    assert me.json()["view"] == "full"


@pytest.mark.parametrize("share", ["members", "private"])
async def test_activity_and_stats_follow_the_privacy_setting(
    client: AsyncClient, session: AsyncSession, share: str
) -> None:
    owner = await make_user(session, password=DEFAULT_PASSWORD)
    login = await client.post(
        "/api/auth/login", json={"email": owner.email, "password": DEFAULT_PASSWORD}
    )
    headers = bearer(login.json()["access_token"])
    await client.put(
        f"/api/users/{owner.id}/settings",
        headers=headers,
        json={**SETTINGS, "privacy": {"activity": share}},
    )
    activity = (await client.get(f"/api/users/{owner.id}/activity", headers=headers)).json()
    kinds = [item["kind"] for item in activity["items"]]
    assert "auth.logged_in" in kinds
    stats = (await client.get(f"/api/users/{owner.id}/stats", headers=headers)).json()
    assert stats["counts"]["sessions_started"] == 1
    _, other = await make_signed_in(session)
    expected = 200 if share == "members" else 403
    assert (
        await client.get(f"/api/users/{owner.id}/activity", headers=other)
    ).status_code == expected
    assert (await client.get(f"/api/users/{owner.id}/stats", headers=other)).status_code == expected


async def test_a_locale_longer_than_its_column_is_a_422(
    client: AsyncClient, session: AsyncSession
) -> None:
    # Found by the API fuzzer on Postgres: a tag the pattern allowed but the 20-character
    # column did not was a 500 there (and stored on SQLite).
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    url = f"/api/users/{user.id}/settings"
    response = await client.put(url, headers=headers, json={"locale": "rqe-eOv0-mLu-z2W-lsG-dNDO"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.locale"
    assert (await client.get(url, headers=headers)).json()["locale"] == "en"


async def test_a_nul_character_in_a_body_is_a_422_and_creates_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    # Found by the API fuzzer on Postgres: a NUL in `first_name` was a 500 there (text cannot
    # hold it) and stored on SQLite. Every request body now refuses it.
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    email = "nul-char@example.com"
    body = {"email": email, "display_name": "Nul", "first_name": "A\u0000B"}
    response = await client.post("/api/users", headers=admin, json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.first_name"
    assert (await session.exec(select(User).where(User.email == email))).first() is None
