"""`GET /api/users/{id}/export`: a user's data export (GDPR art. 15 and 20).

Every domain's part is present, another user's personal data never is, only the user and
`users:export` may export, every export is recorded, and no table that refers to users is
forgotten (`NOT_EXPORTED` is the one list of deliberate exclusions, each with its reason).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

import brain.models  # noqa: F401  (every table in the metadata)
from brain.core import export
from brain.core.models import utcnow
from brain.domains.auth.models import AuthAuditEntry
from brain.domains.notifications import service as notifications
from brain.domains.state_machines import service as machines
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from brain.installed import DOMAINS
from tests.factories.buz import make_signed_in_holder
from tests.factories.legal import create_document, sign, sign_personal
from tests.factories.users import make_signed_in

pytestmark = pytest.mark.usefixtures("db_connection")

# Tables that refer to users and that no domain's export covers, each with the reason.
NOT_EXPORTED: dict[str, str] = {
    "venture_tags": "the tag index of a venture (venture id, tag): the tags are exported with "
    "each venture the user created or owns (ventures.ventures)",
    "auth_refresh_tokens": "only the hashes of refresh tokens (secrets) with their issue and "
    "expiry times; the sessions they belong to are exported (auth.sessions)",
    "state_machine_timers": "scheduled engine events (deadlines) of instances, with no "
    "personal data; the instances and the user's transitions are exported",
    "buz_idempotency_keys": "maps a client's Idempotency-Key to the transfer it created (the "
    "key embeds the user id); the transfers themselves are exported (buz.transactions)",
    "outbox_events": "the event bus's delivery queue: payloads name users, but every fact an "
    "event carries is exported from the domain that owns it (and the activity feed)",
    "outbox_deliveries": "which handler received which outbox event: no user data",
}

# A column refers to a user when it is a foreign key to users.id, is named like one of these,
# or holds an email address; a table refers to users when a column does or when it has a
# foreign key to a table that does (a session's refresh tokens, a wallet's legs).
_USER_COLUMN = re.compile(r"^(user_id|actor_id|sender_id|recipient_id|owner_id|\w+_by|to|email)$")


def _tables_about_users() -> dict[str, list[str]]:
    tables = SQLModel.metadata.tables
    about: dict[str, list[str]] = {}
    for name, table in tables.items():
        columns = [
            c.name
            for c in table.columns
            if _USER_COLUMN.match(c.name)
            or any(fk.column.table.name == "users" for fk in c.foreign_keys)
        ]
        if columns or name == "users":
            about[name] = columns or ["id"]
    changed = True
    while changed:
        changed = False
        for name, table in tables.items():
            if name in about:
                continue
            parents = {fk.column.table.name for fk in table.foreign_keys} & set(about)
            if parents:
                about[name] = [f"-> {p}" for p in sorted(parents)]
                changed = True
    return about


def test_every_table_about_users_is_exported_or_excluded_with_a_reason() -> None:
    covered = {t for d in DOMAINS if d.export is not None for t in d.export.tables}
    tables = set(SQLModel.metadata.tables)
    assert covered <= tables, f"exports name tables that do not exist: {covered - tables}"
    assert set(NOT_EXPORTED) <= tables, f"stale exclusions: {set(NOT_EXPORTED) - tables}"
    assert not covered & set(NOT_EXPORTED), "both exported and excluded"
    assert all(len(reason) > 20 for reason in NOT_EXPORTED.values())
    forgotten = {
        name: why
        for name, why in _tables_about_users().items()
        if name not in covered and name not in NOT_EXPORTED
    }
    assert not forgotten, (
        "tables that refer to users but are in no domain's export (DataExport.tables) nor in "
        f"NOT_EXPORTED: {forgotten}"
    )


def test_every_installed_domain_contributes_a_part() -> None:
    assert [d.name for d in DOMAINS if d.export is None] == []


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def _export(client: AsyncClient, user_id: uuid.UUID, headers: dict[str, str]) -> Response:
    return await client.get(f"/api/users/{user_id}/export", headers=headers)


async def _shared_world(client: AsyncClient, session: AsyncSession) -> dict[str, Any]:
    """Ada and Bob share a signed document and a transfer; each has data in every domain."""
    ada, ada_h = await make_signed_in_holder(session, role=Role.SUBSCRIBER, balance="500")
    bob, bob_h = await make_signed_in_holder(session, role=Role.MEMBER, balance="10")
    bob_agent = {"User-Agent": "BobsPrivateBrowser/9.1"}
    for user, headers in ((ada, ada_h), (bob, bob_h)):
        await sign_personal(client, headers, "BTS", "BPP")
        put = await client.put(
            f"/api/users/{user.id}/profile",
            json={"headline": f"headline of {user.display_name}", "bio": f"bio-{user.id}"},
            headers=headers,
        )
        assert put.status_code == 200, put.text
    doc = await create_document(
        client, ada_h, [(ada.id, "SIGNER", 1), (bob.id, "SIGNER", 2)], send=True
    )
    assert (await sign(client, doc["id"], ada_h)).status_code == 200
    signed = await sign(
        client, doc["id"], bob_h | bob_agent, method="typed", legal_name="Robert Hiddenname"
    )
    assert signed.status_code == 200, signed.text
    sent = await client.post(
        "/api/buz/transfer",
        json={"to_user_id": str(bob.id), "amount": "25", "memo": "rent share"},
        headers=ada_h | _key(),
    )
    assert sent.status_code == 201, sent.text
    back = await client.post(
        "/api/buz/transfer",
        json={"to_user_id": str(ada.id), "amount": "3"},
        headers=bob_h | _key(),
    )
    assert back.status_code == 201, back.text
    staked = await client.post(
        "/api/buz/stake", json={"amount": "100", "tier": "BRONZE"}, headers=ada_h | _key()
    )
    assert staked.status_code == 201, staked.text
    await machines.create_instance(
        session, machine_type="user_journey", instance_id=f"journey-{ada.id}", actor_id=ada.id
    )
    await notifications.send_email(
        session,
        to=ada.email,
        template="user_welcome",
        data={"display_name": ada.display_name},
        idempotency_key=f"export-test:{ada.id}",
    )
    await session.flush()
    return {"ada": ada, "ada_h": ada_h, "bob": bob, "bob_h": bob_h, "doc": doc}


async def test_the_export_holds_every_domains_part_and_nobody_elses_data(
    client: AsyncClient, session: AsyncSession
) -> None:
    world = await _shared_world(client, session)
    ada: User = world["ada"]
    bob: User = world["bob"]
    response = await _export(client, ada.id, world["ada_h"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"] == (
        f'attachment; filename="smartstart-export-{ada.id}-{date.today():%Y-%m-%d}.json"'
    )
    assert response.headers["cache-control"] == "no-store"
    document = response.json()

    assert document["format"] == "smartstart.user-data-export"
    assert document["format_version"] == 1
    assert document["user_id"] == str(ada.id)
    assert document["generated_at"].startswith(f"{date.today():%Y-%m-%d}")
    assert list(document)[4:] == [d.name for d in DOMAINS]

    users, auth, legal, buz = (
        document["users"],
        document["auth"],
        document["legal"],
        document["buz"],
    )
    assert users["account"]["email"] == ada.email
    assert users["profile"]["bio"] == f"bio-{ada.id}"
    assert users["settings"]["locale"] == "en"
    assert {a["kind"] for a in users["activity"]} >= {"legal.document_signed"}
    assert auth["sessions"]
    assert all("current_hash" not in s for s in auth["sessions"])
    assert auth["password"] == {"set": False, "changed_at": None}
    assert {e["kind"] for e in auth["audit_log"]} >= {"sign_in"}
    assert [e["subject"] for e in document["notifications"]["emails"]]
    assert {e["to"] for e in document["notifications"]["emails"]} == {ada.email}
    machines_part = document["state_machines"]
    assert f"journey-{ada.id}" in {i["instance_id"] for i in machines_part["instances_created"]}

    # Legal: Ada's own evidence, the shared document as metadata with Ada's part only.
    assert {s["template_type"] for s in legal["signatures"]} == {"BTS", "BPP", "OTHER"}
    shared = next(d for d in legal["documents"] if d["id"] == world["doc"]["id"])
    assert shared["status"] == "COMPLETED"
    assert shared["you_sent_it"] is True
    assert shared["your_part"]["status"] == "SIGNED"
    assert "content" not in shared
    assert "variables" not in shared
    assert legal["audit_log"]
    assert all(str(ada.id) in (e["user_id"], e["actor_id"]) for e in legal["audit_log"])

    # BUZ: both legs of each transfer touching Ada's wallet, from her side, amounts as strings.
    assert [a["code"] for a in buz["accounts"]] == [f"staking:{ada.id}", f"wallet:{ada.id}"]
    kinds = [(t["kind"], t["direction"], t["amount"]) for t in buz["transactions"]]
    assert ("TRANSFER", "out", "25.00") in kinds
    assert ("TRANSFER", "in", "3.00") in kinds
    assert ("FEE", "out", "0.03") in kinds
    assert ("STAKE", "out", "100.00") in kinds
    assert [p["amount"] for p in buz["positions"]] == ["100.00"]
    assert buz["daily_sends"][0]["amount"] == "25.00"

    # Nothing personal of Bob's: not his email, name, bio, signature evidence, sessions,
    # balance, his fee, or the emails sent to him.
    text = response.text
    bob_signature = next(s for s in (await _export(client, bob.id, world["bob_h"])).json()[
        "legal"]["signatures"] if s["template_type"] == "OTHER")  # fmt: skip
    for secret in (
        bob.email,
        f"bio-{bob.id}",
        "Robert Hiddenname",
        "BobsPrivateBrowser",
        bob_signature["id"],
        bob_signature["hmac"],
    ):
        assert secret not in text, secret
    bob_balance = (await client.get(f"/api/buz/balance/{bob.id}", headers=world["bob_h"])).json()
    assert all(t["balance_after"] != bob_balance["available"] for t in buz["transactions"])


async def test_another_member_cannot_export_someone_else(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, _ = await make_signed_in(session, role=Role.MEMBER)
    _, other = await make_signed_in(session, role=Role.MEMBER)
    response = await _export(client, owner.id, other)
    assert response.status_code == 403
    assert response.json()["code"] == "INSUFFICIENT_PERMISSIONS"
    # A security admin reads private data but may not take everything away.
    _, security = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    assert (await _export(client, owner.id, security)).status_code == 403


async def test_an_admin_export_is_recorded_and_an_unknown_user_is_404(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, owner_h = await make_signed_in(session, role=Role.MEMBER)
    admin, admin_h = await make_signed_in(session, role=Role.SUPER_ADMIN)
    missing = await _export(client, uuid.uuid4(), admin_h)
    assert missing.status_code == 404
    assert missing.json()["code"] == "RESOURCE_NOT_FOUND"

    assert (await _export(client, owner.id, admin_h)).status_code == 200
    entries = (
        await session.exec(select(AuthAuditEntry).where(AuthAuditEntry.user_id == owner.id))
    ).all()
    exported = [e for e in entries if e.kind == "data_exported"]
    assert [(e.actor_id, e.detail) for e in exported] == [(admin.id, {"by_admin": True})]
    activity = (await client.get(f"/api/users/{owner.id}/activity", headers=owner_h)).json()
    assert [(a["kind"], a["data"].get("by")) for a in activity["items"]][:1] == [
        ("users.data_exported", str(admin.id))
    ]
    # The owner sees it in their own export too.
    mine = (await _export(client, owner.id, owner_h)).json()
    assert "data_exported" in {e["kind"] for e in mine["auth"]["audit_log"]}


async def test_exports_are_rate_limited_per_caller(
    client: AsyncClient, session: AsyncSession, settings: Any
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    for _ in range(settings.rate_limit_exports_per_hour):
        assert (await _export(client, user.id, headers)).status_code == 200
    refused = await _export(client, user.id, headers)
    assert refused.status_code == 429
    assert refused.json()["code"] == "RATE_LIMITED"
    assert int(refused.headers["Retry-After"]) > 0


async def test_long_histories_are_read_page_by_page_and_all_exported(
    client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "PAGE_SIZE", 2)
    ada, ada_h = await make_signed_in_holder(session, balance="100")
    bob, _ = await make_signed_in_holder(session)
    await sign_personal(client, ada_h, "BTS", "BPP")
    for n in range(5):
        sent = await client.post(
            "/api/buz/transfer",
            json={"to_user_id": str(bob.id), "amount": f"{n + 1}"},
            headers=ada_h | _key(),
        )
        assert sent.status_code == 201
    document = (await _export(client, ada.id, ada_h)).json()
    legs = document["buz"]["transactions"]
    # 1 funding leg, and a transfer and a fee leg for each of the 5 transfers.
    assert len(legs) == 11
    assert len({leg["id"] for leg in legs}) == 11
    assert [leg["amount"] for leg in legs if leg["kind"] == "TRANSFER"] == [
        "5.00",
        "4.00",
        "3.00",
        "2.00",
        "1.00",
    ]


async def test_the_writer_streams_a_long_list_without_holding_it(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first chunk goes out long before a 100,000-item list has been read whole."""
    produced = 0

    async def legs() -> AsyncIterator[dict[str, Any]]:
        nonlocal produced
        for n in range(100_000):
            produced += 1
            yield {"n": n, "amount": "1.00"}

    async def collect(_session: AsyncSession, _user_id: uuid.UUID) -> dict[str, Any]:
        return {"legs": legs()}

    monkeypatch.setattr(export, "_exporters", {"big": export.DataExport(collect, ())})
    chunks = export.write_document(session, uuid.uuid4(), generated_at=utcnow())
    first = await anext(chunks)
    assert produced < 10_000
    rest = [chunk async for chunk in chunks]
    assert max(len(c) for c in [first, *rest]) < 2 * export.CHUNK_BYTES
    parsed = json.loads(b"".join([first, *rest]))
    assert len(parsed["big"]["legs"]) == 100_000


async def _no_part(_session: AsyncSession, _user_id: uuid.UUID) -> dict[str, Any]:
    return {}


def test_a_part_that_is_not_json_is_refused() -> None:
    with pytest.raises(TypeError):
        export.jsonable(object())
    with pytest.raises(ValueError, match="reserved"):
        export.register("user_id", export.DataExport(_no_part, ()))


def test_a_reference_to_users_is_found_through_foreign_keys() -> None:
    about = _tables_about_users()
    assert about["auth_refresh_tokens"] == ["-> auth_sessions"]
    assert "to" in about["email_messages"]
    assert "legal_templates" not in about
