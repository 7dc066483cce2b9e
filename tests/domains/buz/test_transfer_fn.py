"""The transfer's Postgres function (`transfer_fn`, issue 21): the policy stays in Python and
the function obeys it, the function is versioned and a different one stops the app at start,
the route takes the function path on Postgres (the Python path elsewhere) with nothing changed
for a client, and concurrent opposite transfers through it commit without deadlocks. The
differential test of the two paths is test_transfer_paths.py."""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.config import Settings
from brain.core.errors import BrainError
from brain.domains.buz import ledger, service, transfer_fn, transfers
from brain.domains.buz.events import TransferCompleted
from brain.domains.buz.rules import parse_units, wallet_id
from brain.domains.users.schemas import Role
from tests.conftest import requires_postgres
from tests.domains.buz.cleanup import remove_ledger_users, snapshot_system_accounts
from tests.factories.buz import balance_units, make_holder, make_signed_in_holder
from tests.factories.legal import sign_personal

MIGRATION = (
    Path(__file__).parents[3] / "migrations/versions/2026-12-06-2000_buz_transfer_function.py"
)


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def signed_holder(
    client: AsyncClient, session: AsyncSession, *, balance: str, role: Role = Role.MEMBER
) -> tuple[Any, dict[str, str]]:
    user, headers = await make_signed_in_holder(session, role=role, balance=balance)
    await sign_personal(client, headers, "BTS", "BPP")
    return user, headers


async def send(session: AsyncSession, sender: uuid.UUID, recipient: uuid.UUID, amount: str,
               **extra: Any) -> transfers.Posted:  # fmt: skip
    return await transfer_fn.transfer(
        session, sender_id=sender, to_user_id=recipient, amount=parse_units(amount),
        idempotency_key=str(uuid.uuid4()), **extra,
    )  # fmt: skip


# --- 1. policy in Python, mechanics in SQL --------------------------------------------------


@requires_postgres
@pytest.mark.usefixtures("db_connection")
async def test_the_function_obeys_the_rules_python_gives_it(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice, _ = await signed_holder(client, session, balance="500")
    bob = await make_holder(session)
    # The fee rate (and its rounding up): 2.5% of 10.01 is 0.25025, paid as 0.26.
    monkeypatch.setattr(settings, "buz_transfer_fee_bps", 250)
    posted = await send(session, alice.id, bob.id, "10.01")
    assert (posted.transfer.fee, [leg.kind for leg in posted.transfer.legs]) == (
        26,
        ["TRANSFER", "FEE"],
    )
    # No fee at all: one leg, the fees account untouched.
    monkeypatch.setattr(settings, "buz_transfer_fee_bps", 0)
    assert [leg.kind for leg in (await send(session, alice.id, bob.id, "1")).transfer.legs] == [
        "TRANSFER"
    ]
    # The amount range.
    monkeypatch.setattr(settings, "buz_transfer_min", Decimal("5"))
    with pytest.raises(BrainError, match="between 5 and") as refused:
        await send(session, alice.id, bob.id, "4.99")
    assert refused.value.code == "VALIDATION_ERROR"
    monkeypatch.setattr(settings, "buz_transfer_max", Decimal("20"))
    with pytest.raises(BrainError, match="and 20 BUZ"):
        await send(session, alice.id, bob.id, "20.01")
    # The daily cap (11.01 sent today already), and the admins' exemption from it.
    monkeypatch.setattr(settings, "buz_daily_send_limit", Decimal("30"))
    await send(session, alice.id, bob.id, "18.99")
    with pytest.raises(BrainError) as capped:
        await send(session, alice.id, bob.id, "5")
    assert capped.value.code == "DAILY_LIMIT_EXCEEDED"
    await send(session, alice.id, bob.id, "5", exempt_from_daily_limit=True)
    assert await ledger.daily_sends(session, wallet_id(alice.id)) == [
        (posted.transfer.created_at.date(), parse_units("30"))
    ]
    # The compliance rule: what `buz.transfer` requires is read at the call (legal's data).
    await session.exec(  # type: ignore[call-overload]
        sa.text(
            'UPDATE legal_compliance_rules SET required_types = \'["PPA", "BTS"]\' '
            "WHERE action = 'buz.transfer'"
        )
    )
    with pytest.raises(BrainError) as missing:
        await send(session, alice.id, bob.id, "5", exempt_from_daily_limit=True)
    assert (missing.value.code, missing.value.extra["missing"]) == ("COMPLIANCE_REQUIRED", ["PPA"])
    # The signatures' validity period (a setting): zero years left, none counts.
    monkeypatch.setattr(settings, "legal_signature_valid_years", 0)
    with pytest.raises(BrainError) as expired:
        await send(session, alice.id, bob.id, "5", exempt_from_daily_limit=True)
    assert expired.value.extra["missing"] == ["PPA", "BTS"]


# --- 2. versioned ---------------------------------------------------------------------------


def test_the_code_expects_the_body_the_migration_creates() -> None:
    spec = importlib.util.spec_from_file_location("buz_transfer_migration", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert hashlib.md5(migration.BODY.encode()).hexdigest() == transfer_fn.FUNCTION_MD5
    assert f"buz_transfer version {transfer_fn.FUNCTION_VERSION} " in migration.BODY


def test_a_different_function_is_described_with_both_versions() -> None:
    assert transfer_fn.mismatch([(transfer_fn.FUNCTION_MD5, "...")]) is None
    missing = transfer_fn.mismatch([])
    assert missing is not None
    assert "no function buz_transfer" in missing
    other = transfer_fn.mismatch([("0" * 32, "\n-- buz_transfer version 7 (...)\nDECLARE")])
    assert other is not None
    assert "is version 7" in other
    assert "expects version 1" in other
    assert "brain db upgrade" in other


@requires_postgres
async def test_the_migrated_database_has_the_expected_function(engine: AsyncEngine) -> None:
    await transfer_fn.check_function()


@requires_postgres
async def test_the_app_refuses_to_start_on_a_different_function(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    from brain.app import create_app

    monkeypatch.setattr(transfer_fn, "FUNCTION_MD5", "0" * 32)
    app = create_app(settings)
    with pytest.raises(transfer_fn.TransferFunctionMismatch, match="expects version 1"):
        async with app.router.lifespan_context(app):
            pass


# --- 4. nothing changes for a client --------------------------------------------------------


@pytest.mark.usefixtures("db_connection")
async def test_the_route_takes_the_function_on_postgres_and_python_elsewhere(
    client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, headers = await signed_holder(client, session, balance="100")
    bob = await make_holder(session)

    async def not_this_path(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the other path was taken")

    if transfer_fn.available():
        monkeypatch.setattr(service, "transfer", not_this_path)
        monkeypatch.setattr("brain.domains.buz.router.require_compliance", not_this_path)
    else:
        monkeypatch.setattr(transfer_fn, "transfer", not_this_path)
    body = {"to_user_id": str(bob.id), "amount": "10"}
    idem = key()
    first = await client.post("/api/buz/transfer", json=body, headers=headers | idem)
    assert first.status_code == 201, first.text
    replay = await client.post("/api/buz/transfer", json=body, headers=headers | idem)
    assert (replay.status_code, replay.headers["Idempotent-Replayed"]) == (200, "true")
    assert replay.json() == first.json()
    other = await client.post(
        "/api/buz/transfer", json=body | {"amount": "11"}, headers=headers | idem
    )
    assert other.json()["code"] == "IDEMPOTENCY_CONFLICT"
    assert await balance_units(session, bob.id) == parse_units("10")


@requires_postgres
@pytest.mark.usefixtures("db_connection", "subscriptions")
async def test_events_are_dispatched_after_commit_and_unwanted_ones_stored_as_dispatched(
    client: AsyncClient, session: AsyncSession
) -> None:
    alice, headers = await signed_holder(client, session, balance="100")
    bob = await make_holder(session)
    heard: list[uuid.UUID] = []

    async def on_transfer(_session: AsyncSession, event: TransferCompleted) -> None:
        heard.append(event.transfer_id)

    bus.unsubscribe_all()
    bus.subscribe(TransferCompleted, on_transfer, when=lambda e: e.amount >= 500)
    body = {"to_user_id": str(bob.id), "amount": "4"}
    small = await client.post("/api/buz/transfer", json=body, headers=headers | key())
    big = await client.post(
        "/api/buz/transfer", json=body | {"amount": "6"}, headers=headers | key()
    )
    assert (small.status_code, big.status_code) == (201, 201)
    assert heard == [uuid.UUID(big.json()["id"])]
    rows = {
        r.payload["transfer_id"]: r
        for r in (await db.execute(session, sa.select(bus.OUTBOX))).all()
        if r.name == TransferCompleted.name and r.payload["from_user_id"] == str(alice.id)
    }
    # The one no subscriber wanted was written as dispatched; the other was dispatched.
    assert rows[small.json()["id"]].dispatched_at == rows[small.json()["id"]].created_at
    assert rows[big.json()["id"]].dispatched_at is not None
    assert rows[big.json()["id"]].attempts == 1


# --- real commits: the route in autocommit, concurrent opposite transfers -------------------


@pytest.fixture
async def live_client(
    app: object, committed_db: async_sessionmaker[AsyncSession]
) -> AsyncIterator[AsyncClient]:
    """The app on the engine's own session factories (the read pool, autocommit routes)."""
    transport = ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[arg-type]
    async with AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@requires_postgres
async def test_opposite_transfers_at_once_through_the_route_in_autocommit(
    live_client: AsyncClient,
    committed_db: async_sessionmaker[AsyncSession],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    snapshot = await snapshot_system_accounts(committed_db)
    people: list[tuple[uuid.UUID, dict[str, str]]] = []
    try:
        async with db.session_scope() as session:
            for _ in range(4):
                user, headers = await make_signed_in_holder(session, balance="10")
                people.append((user.id, headers))
        # Signatures cannot be cleaned out of the shared test database (legal's audit chain
        # is append-only): the rule requires nothing during this test instead.
        await _set_transfer_rule(committed_db, [])
        statements: list[str] = []
        # After the commit the bus delivers the event to other domains' handlers (the
        # recipient's notification, XP, live update): their statements are theirs, not the
        # route's, so they are not counted.
        delivering: list[bool] = []
        real_dispatch = bus.dispatch

        async def dispatch(event_ids: list[uuid.UUID]) -> None:
            delivering.append(True)
            try:
                await real_dispatch(event_ids)
            finally:
                delivering.pop()

        monkeypatch.setattr(bus, "dispatch", dispatch)

        def count(*args: Any) -> None:
            if not delivering:
                statements.append(args[2])

        sa.event.listen(db.get_engine().sync_engine, "before_cursor_execute", count)
        try:
            one = await live_client.post(
                "/api/buz/transfer",
                json={"to_user_id": str(people[1][0]), "amount": "0.5"},
                headers=people[0][1] | key(),
            )
        finally:
            sa.event.remove(db.get_engine().sync_engine, "before_cursor_execute", count)
        assert one.status_code == 201, one.text
        # No ORM session, no SQLAlchemy statement: the principal lookup came from the read
        # pool and the transfer was one function call on the same connection.
        assert statements == []
        pairs = [(0, 1), (1, 0), (2, 3), (3, 2)]

        async def transfer(n: int) -> int:
            (_, headers), (recipient, _) = people[pairs[n % 4][0]], people[pairs[n % 4][1]]
            response = await live_client.post(
                "/api/buz/transfer",
                json={"to_user_id": str(recipient), "amount": "0.5"},
                headers=headers | key(),
            )
            return response.status_code

        with caplog.at_level("INFO", logger="brain.domains.buz"):
            codes = await asyncio.gather(*(transfer(n) for n in range(40)))
        assert codes == [201] * 40
        assert not [r for r in caplog.records if "retried" in r.getMessage()]
        async with db.session_scope() as session:
            assert (await ledger.check(session)).violations == []
            balances = [await balance_units(session, user_id) for user_id, _ in people]
        # 40 transfers of 0.50 (0.01 fee each), 10 each way per pair, and the first one.
        expected = [parse_units("10") - 10 * parse_units("0.01")] * 4
        expected[0] -= parse_units("0.51")
        expected[1] += parse_units("0.5")
        assert balances == expected
    finally:
        await _set_transfer_rule(committed_db, ["BTS", "BPP"])
        await remove_ledger_users(committed_db, [user_id for user_id, _ in people], snapshot)


async def _set_transfer_rule(
    factory: async_sessionmaker[AsyncSession], required: list[str]
) -> None:
    async with factory() as session, session.begin():
        await db.execute(
            session,
            sa.update(_RULES)
            .where(_RULES.c.action == "buz.transfer")
            .values(required_types=required),
        )


_RULES = sa.table("legal_compliance_rules", sa.column("action", sa.String()),
                  sa.column("required_types", sa.JSON()))  # fmt: skip
