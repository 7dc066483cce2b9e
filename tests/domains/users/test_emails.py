"""One email rule for every entry point, and look-alike spellings are one account.

`users.emails.normalize_email` decides; these tests hold every door that takes an address to
it: the same addresses are refused at each (422) and the same ones accepted.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession
from typer.testing import CliRunner

from brain.cli import app as cli_app
from brain.domains.auth import service as auth
from brain.domains.auth.lockout import throttle_key
from brain.domains.users import service as users
from brain.domains.users.errors import EmailTaken, InvalidEmail
from brain.domains.users.schemas import Role
from tests.factories.users import DEFAULT_PASSWORD, make_signed_in, make_user

CYRILLIC_A = "\u0430"
FULLWIDTH_A = "\uff41"
BOLD_A = "\U0001d41a"
DOTTED_CAPITAL_I = "\u0130"

# Refused by every entry point.
BAD = [
    "admin@example.test",  # special-use domain (RFC 6761): login always refused it
    "admin@mail.localhost",
    "root@localhost",
    f"{CYRILLIC_A}dmin@example.com",  # a Cyrillic a among Latin letters
    f"admin@ex{CYRILLIC_A}mple.com",  # the same in the domain
    "paypa\u03b9@example.com",  # a Greek iota
    "not-an-email",
    "Admin <admin@example.com>",
]

# Accepted by every entry point (each test gets its own unique local part).
GOOD = [
    "Ada.Lovelace+{n}@Example.COM",
    "\u0438\u0432\u0430\u043d{n}@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",  # Cyrillic
    "user{n}@m\u00fcnchen.de",
    "\u7530\u4e2d{n}@example.jp",  # Han
]


def _good(template: str) -> str:
    # Digits only: Latin hex letters would mix scripts in the Cyrillic and Han addresses.
    return template.format(n=uuid.uuid4().int % 10**8)


def _body(email: str) -> dict[str, Any]:
    return {"email": email, "password": DEFAULT_PASSWORD, "display_name": "Ada"}


# --- the rule itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("ADMIN@Example.com", "admin@example.com"),
        (f"{FULLWIDTH_A}dmin@example.com", "admin@example.com"),
        (f"{BOLD_A}dmin@example.com", "admin@example.com"),
        (f"{DOTTED_CAPITAL_I}nfo@example.com", "info@example.com"),
        ("STRA\u00dfE1@example.com", "strasse1@example.com"),
        ("user@M\u00fcnchen.de", "user@xn--mnchen-3ya.de"),
        ("user@xn--mnchen-3ya.de", "user@xn--mnchen-3ya.de"),
        ("  padded@example.com ", "padded@example.com"),
    ],
)
def test_look_alike_spellings_share_one_key(typed: str, key: str) -> None:
    assert users.normalize_email(typed).key == key


def test_the_stored_address_keeps_what_the_user_typed() -> None:
    assert users.normalize_email("STRA\u00dfE1@Example.com").address == "STRA\u00dfE1@example.com"
    # Compatibility letters name no mailbox: the address gets NFKC as well.
    assert users.normalize_email(f"{FULLWIDTH_A}dmin@example.com").address == "admin@example.com"


@pytest.mark.parametrize("address", BAD)
def test_bad_addresses_are_refused_by_the_rule(address: str) -> None:
    with pytest.raises(InvalidEmail):
        users.normalize_email(address)


def test_mixed_script_refusal_says_why() -> None:
    with pytest.raises(InvalidEmail) as caught:
        users.normalize_email(f"{CYRILLIC_A}dmin@example.com")
    assert "mixes letters of different scripts" in caught.value.detail
    assert caught.value.status == 422


def test_digits_from_two_numbering_systems_are_refused() -> None:
    with pytest.raises(InvalidEmail):
        users.normalize_email("user1\u0662@example.com")  # an Arabic-Indic two


def test_japanese_may_mix_kana_han_and_latin() -> None:
    assert users.normalize_email("tanaka\u7530\u4e2d\u305f\u306a\u304b@example.jp")


def test_lockout_counts_every_spelling_of_one_account() -> None:
    assert throttle_key(f"{FULLWIDTH_A.upper()}DMIN@EXAMPLE.com") == throttle_key(
        "admin@example.com"
    )


# --- look-alikes at the doors -----------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "Admin@example.com",
        f"{FULLWIDTH_A}dmin@example.com",
        f"{BOLD_A}dmin@example.com",
    ],
)
async def test_a_look_alike_cannot_register_beside_the_original(
    client: AsyncClient, session: AsyncSession, variant: str
) -> None:
    await make_user(session, email="admin@example.com")
    response = await client.post("/api/auth/register", json=_body(variant))
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "REGISTRATION_REFUSED"


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("STRA\u00dfE1@example.com", "strasse1@EXAMPLE.com"),
        ("strasse1@example.com", "STRA\u00dfE1@example.com"),
        (f"{DOTTED_CAPITAL_I}nfo@example.com", "info@example.com"),
        ("user@m\u00fcnchen.de", "USER@xn--mnchen-3ya.de"),
        ("admin@example.com", f"{FULLWIDTH_A}dmin@example.com"),
    ],
)
async def test_any_spelling_signs_in_to_the_one_account(
    client: AsyncClient, session: AsyncSession, stored: str, typed: str
) -> None:
    user = await make_user(session, email=stored, password=DEFAULT_PASSWORD)
    with pytest.raises(EmailTaken):
        await make_user(session, email=typed)
    response = await client.post(
        "/api/auth/login", json={"email": typed, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert response.json()["user"]["id"] == str(user.id)
    assert response.json()["user"]["email"] == users.normalize_email(stored).address


async def test_admin_search_finds_a_user_by_any_spelling(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    tag = uuid.uuid4().int % 10**8
    user = await make_user(session, email=f"Stra\u00dfe-{tag}@example.com")
    found = await client.get("/api/users", headers=admin, params={"query": f"STRASSE-{tag}"})
    assert [u["id"] for u in found.json()["items"]] == [str(user.id)]


# --- every entry point: the same refusals, the same acceptances --------------------------


async def _register(client: AsyncClient, session: AsyncSession, email: str) -> int:
    return (await client.post("/api/auth/register", json=_body(email))).status_code


async def _login(client: AsyncClient, session: AsyncSession, email: str) -> int:
    body = {"email": email, "password": DEFAULT_PASSWORD}
    return (await client.post("/api/auth/login", json=body)).status_code


async def _token(client: AsyncClient, session: AsyncSession, email: str) -> int:
    form = {"username": email, "password": DEFAULT_PASSWORD}
    return (await client.post("/api/auth/token", data=form)).status_code


async def _forgot(client: AsyncClient, session: AsyncSession, email: str) -> int:
    response = await client.post("/api/auth/forgot-password", json={"email": email})
    return response.status_code


async def _admin_create(client: AsyncClient, session: AsyncSession, email: str) -> int:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    body = {"email": email, "display_name": "New"}
    return (await client.post("/api/users", headers=admin, json=body)).status_code


async def _admin_edit(client: AsyncClient, session: AsyncSession, email: str) -> int:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    target = await make_user(session)
    url = f"/api/users/{target.id}"
    return (await client.patch(url, headers=admin, json={"email": email})).status_code


async def _create_admin(client: AsyncClient, session: AsyncSession, email: str) -> int:
    """What `brain create-admin` runs after its own check (below); 201 for "created"."""
    try:
        await auth.create_admin(
            session, email=email, display_name="Root", password=DEFAULT_PASSWORD
        )
    except InvalidEmail as exc:
        return exc.status
    return 201


# Entry point -> the status an accepted address gets (login of an unknown account is 401).
ENTRY_POINTS = {
    "register": (_register, 201),
    "login": (_login, 401),
    "token": (_token, 401),
    "forgot-password": (_forgot, 202),
    "admin-create": (_admin_create, 201),
    "admin-edit": (_admin_edit, 200),
    "create-admin-service": (_create_admin, 201),
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("address", BAD)
async def test_every_entry_point_refuses_the_same_addresses(
    client: AsyncClient, session: AsyncSession, entry: str, address: str
) -> None:
    call, _ = ENTRY_POINTS[entry]
    assert await call(client, session, address) == 422


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("template", GOOD)
async def test_every_entry_point_accepts_the_same_addresses(
    client: AsyncClient, session: AsyncSession, entry: str, template: str
) -> None:
    call, accepted = ENTRY_POINTS[entry]
    assert await call(client, session, _good(template)) == accepted


@pytest.mark.parametrize("address", BAD)
def test_create_admin_cli_refuses_the_same_addresses(address: str) -> None:
    # Refused before a password is asked for or the database is opened.
    result = CliRunner().invoke(
        cli_app, ["create-admin", "--email", address, "--password", DEFAULT_PASSWORD]
    )
    assert result.exit_code == 2, result.output
    assert "--email" in result.output


async def test_the_refusal_names_the_field(client: AsyncClient) -> None:
    body = {"email": "admin@example.test", "password": DEFAULT_PASSWORD}
    response = await client.post("/api/auth/login", json=body)
    problem = response.json()
    assert problem["code"] == "VALIDATION_ERROR"
    assert [e["field"] for e in problem["errors"]] == ["body.email"]
    assert "special-use" in problem["errors"][0]["message"]


# --- admin edit of an address -----------------------------------------------------------


async def test_admin_edit_to_a_look_alike_of_another_account_is_a_conflict(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    await make_user(session, email="taken@example.com")
    target = await make_user(session)
    response = await client.patch(
        f"/api/users/{target.id}", headers=admin, json={"email": "TAKEN@example.com"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "EMAIL_TAKEN"


async def test_admin_edit_sets_an_unverified_address_that_signs_in(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    target = await make_user(session, password=DEFAULT_PASSWORD)
    new = f"Moved-{uuid.uuid4().hex[:6]}@example.org"
    response = await client.patch(f"/api/users/{target.id}", headers=admin, json={"email": new})
    assert response.status_code == 200, response.text
    assert response.json()["email"] == new
    assert response.json()["email_verified"] is False
    login = await client.post(
        "/api/auth/login", json={"email": new.lower(), "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 200


async def test_users_cannot_change_their_own_email_here(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session)
    response = await client.patch(
        f"/api/users/{user.id}", headers=headers, json={"email": "mine@example.org"}
    )
    assert response.status_code == 403
    _, admin_headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    me = (await client.get("/api/users/me", headers=admin_headers)).json()
    own = await client.patch(
        f"/api/users/{me['id']}", headers=admin_headers, json={"email": "boss@example.org"}
    )
    assert own.status_code == 403
