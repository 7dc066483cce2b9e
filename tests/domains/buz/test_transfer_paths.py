"""Two paths, one behaviour: a user-to-user transfer through the Postgres function
(`transfer_fn.transfer`) and through the Python path (`require_compliance` +
`transfers.transfer`) give the same outcomes, balances, legs, versions, daily counts and
outbox events for the same random sequences (transfers, replays, the same key with another
body, overdrafts, daily-cap hits, inactive and unknown recipients, missing compliance).

Both are also compared with a small model of the rules written here, so the SQLite pass (the
Python path only) checks the same thing: the Python path on SQLite equals the model, and on
Postgres the function path equals the Python path exactly (error details included) and both
equal the model. Concurrent opposite transfers, which need real commits, are in
test_transfer_fn.py. `BRAIN_DIFF_EXAMPLES` sets the number of sequences (`make fuzz` runs
more).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from httpx import AsyncClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.config import Settings
from brain.core.errors import BrainError
from brain.domains.buz import ledger, transfer_fn, transfers
from brain.domains.buz.rules import fee_units, fees_account, parse_units, wallet_id
from brain.domains.legal.service import require_compliance
from brain.domains.users.schemas import Role, UserStatus
from tests.conftest import TEST_DATABASE_URL
from tests.factories.buz import make_holder, make_signed_in_holder
from tests.factories.legal import sign_personal

EXAMPLES = int(os.environ.get("BRAIN_DIFF_EXAMPLES", "12"))
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")
CAP = Decimal("250")  # a low daily cap, so sequences hit it

# The cast: who can send (and whether they signed the terms, are exempt from the cap) and
# with how much; who can receive. "ghost" is no user at all.
SENDERS = ("alice", "bob", "carol", "dave", "admin")
RECIPIENTS = (*SENDERS, "erin", "ghost")
FUNDS = {"alice": "300", "bob": "40", "carol": "0", "dave": "100", "admin": "900", "erin": "5"}
UNSIGNED = {"dave"}

amounts = st.one_of(
    st.integers(min_value=1, max_value=20_000),  # up to 200 BUZ: overdrafts and cap hits
    st.sampled_from([0, 25_000, parse_units("1000000") + 1]),  # out of range, over the cap
)
send = st.tuples(
    st.sampled_from(SENDERS),
    st.sampled_from(RECIPIENTS),
    amounts,
    st.sampled_from(["k1", "k2", "k3"]),  # few keys: replays and conflicts happen
    st.sampled_from([None, "lunch"]),
)

Op = tuple[str, str, int, str, str | None]


@dataclass
class Cast:
    ids: dict[str, uuid.UUID]
    labels: dict[uuid.UUID, str] = field(default_factory=dict)  # account id -> label

    def __post_init__(self) -> None:
        for name, user_id in self.ids.items():
            self.labels[wallet_id(user_id)] = name
            fees, _ = fees_account(wallet_id(user_id))
            self.labels.setdefault(fees, f"fees<{name}>")


@pytest.fixture
async def cast(client: AsyncClient, session: AsyncSession) -> Cast:
    ids: dict[str, uuid.UUID] = {}
    for name in SENDERS:
        role = Role.SUPER_ADMIN if name == "admin" else Role.MEMBER
        user, headers = await make_signed_in_holder(session, role=role, balance=FUNDS[name])
        if name not in UNSIGNED:
            await sign_personal(client, headers, "BTS", "BPP")
        ids[name] = user.id
    erin = await make_holder(session, balance=FUNDS["erin"], status=UserStatus.SUSPENDED)
    ids["erin"] = erin.id
    ids["ghost"] = uuid.uuid4()
    await session.commit()
    return Cast(ids)


Send = Callable[..., Awaitable[transfers.Posted]]


async def python_path(session: AsyncSession, **kwargs: Any) -> transfers.Posted:
    """The route's Python path: the compliance check, then the transfer."""
    await require_compliance(session, user_id=kwargs["sender_id"], action="buz.transfer")
    return await transfers.transfer(session, **kwargs)


def _norm_transfer(posted: transfers.Posted, cast: Cast) -> tuple[Any, ...]:
    t = posted.transfer
    legs = tuple(
        (leg.kind.value, cast.labels[leg.debit.id], cast.labels[leg.credit.id], leg.amount,
         leg.debit_balance_after, leg.debit_version, leg.credit_balance_after,
         leg.credit_version, t.memo)
        for leg in t.legs
    )  # fmt: skip
    return (t.kind.value, cast.labels[t.from_account.id], cast.labels[t.to_account.id],
            t.amount, t.fee, t.memo, legs)  # fmt: skip


def _norm_payload(payload: dict[str, Any], cast: Cast) -> tuple[Any, ...]:
    names = {str(user_id): name for name, user_id in cast.ids.items()}
    return (
        payload["kind"],
        names[payload["from_user_id"]],
        names[payload["to_user_id"]],
        payload["from_account"].replace(payload["from_user_id"], "<from>"),
        payload["to_account"].replace(payload["to_user_id"], "<to>"),
        payload["amount"],
        payload["fee"],
        names[payload["actor_id"]],
        payload["reference"],
    )


async def _balances(session: AsyncSession, cast: Cast) -> dict[str, tuple[int, int]]:
    a = ledger.ACCOUNTS
    found = await db.execute(
        session, sa.select(a.c.id, a.c.balance, a.c.version).where(a.c.id.in_(list(cast.labels)))
    )
    return {cast.labels[r.id]: (int(r.balance), int(r.version)) for r in found.all()}


async def run(session: AsyncSession, path: Send, cast: Cast, ops: list[Op]) -> dict[str, Any]:
    """Run `ops` through `path` and describe everything they did, ids left out."""
    events_before = {r.id for r in (await db.execute(session, _EVENT_IDS)).all()}
    outcomes: list[Any] = []
    for sender, recipient, amount, key, memo in ops:
        try:
            posted = await path(
                session,
                sender_id=cast.ids[sender],
                to_user_id=cast.ids[recipient],
                amount=amount,
                idempotency_key=key,
                memo=memo,
                exempt_from_daily_limit=sender == "admin",
            )
            kind = "created" if posted.created else "replayed"
            outcomes.append((kind, _norm_transfer(posted, cast)))
        except BrainError as exc:
            outcomes.append(("refused", exc.code, exc.detail, exc.extra.get("missing")))
    t = ledger.TRANSFERS
    found = await db.execute(session, sa.select(t).where(t.c.kind.in_(["TRANSFER", "FEE"])))
    legs = sorted(
        (r.kind, cast.labels[r.debit_account_id], cast.labels[r.credit_account_id], r.amount,
         r.debit_balance_after, r.debit_version, r.credit_balance_after, r.credit_version,
         r.memo)
        for r in found.all()
        if r.debit_account_id in cast.labels
    )  # fmt: skip
    events = sorted(
        (_norm_payload(r.payload, cast), r.dispatched_at is None)
        for r in (await db.execute(session, _EVENTS)).all()
        if r.id not in events_before
    )
    daily = {
        name: [amount for _, amount in await ledger.daily_sends(session, wallet_id(user_id))]
        for name, user_id in cast.ids.items()
        if name != "ghost"
    }
    # Dispatches waiting for the commit, of events that are still there: the Python path's
    # refused transfer may have published inside the savepoint it rolled back, leaving an id
    # that dispatch skips (no row); only the ones that will be delivered are compared.
    queued = session.info.pop("brain_outbox", [])
    kept = {r.id for r in (await db.execute(session, _EVENT_IDS)).all()}
    pending = len([event for event in queued if event.event_id in kept])
    session.info.pop("brain_after_commit", None)
    return {
        "outcomes": outcomes,
        "balances": await _balances(session, cast),
        "legs": legs,
        "events": events,
        "daily": daily,
        "pending_dispatches": pending,
    }


_EVENT_IDS = sa.select(bus.OUTBOX.c.id)
_EVENTS = sa.select(bus.OUTBOX.c.id, bus.OUTBOX.c.payload, bus.OUTBOX.c.dispatched_at).where(
    bus.OUTBOX.c.name == "buz.transfer_completed"
)


@dataclass
class Model:
    """The transfer rules, in a few lines: what both paths must do."""

    cast: Cast
    settings: Settings
    balances: dict[str, tuple[int, int]]
    keys: dict[tuple[str, str], tuple[Any, Any]] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)
    legs: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)

    def send(self, s: str, r: str, amount: int, key: str, memo: str | None) -> Any:
        st = self.settings
        if s in UNSIGNED:
            return ("refused", "COMPLIANCE_REQUIRED")
        if not parse_units(st.buz_transfer_min) <= amount <= parse_units(st.buz_transfer_max):
            return ("refused", "VALIDATION_ERROR")
        if r == s:
            return ("refused", "VALIDATION_ERROR")
        if (s, key) in self.keys:
            request, original = self.keys[(s, key)]
            if request != (r, amount, memo):
                return ("refused", "IDEMPOTENCY_CONFLICT")
            return ("replayed", original)
        if r == "ghost":
            return ("refused", "RESOURCE_NOT_FOUND")
        if r == "erin":
            return ("refused", "RECIPIENT_NOT_ACTIVE")
        exempt = s == "admin"
        if not exempt and self.sent.get(s, 0) + amount > parse_units(st.buz_daily_send_limit):
            return ("refused", "DAILY_LIMIT_EXCEEDED")
        fee = fee_units(amount, st.buz_transfer_fee_bps)
        (sb, sv), (rb, rv) = self.balances[s], self.balances[r]
        if sb < amount + fee:
            return ("refused", "INSUFFICIENT_FUNDS")
        legs = [("TRANSFER", s, r, amount, sb - amount, sv + 1, rb + amount, rv + 1, memo)]
        self.balances[s], self.balances[r] = (sb - amount, sv + 1), (rb + amount, rv + 1)
        if fee:
            fees = self.cast.labels[fees_account(wallet_id(self.cast.ids[s]))[0]]
            fb, fv = self.balances[fees]
            legs.append(("FEE", s, fees, fee, sb - amount - fee, sv + 2, fb + fee, fv + 1, memo))
            self.balances[s], self.balances[fees] = (sb - amount - fee, sv + 2), (fb + fee, fv + 1)
        if not exempt:
            self.sent[s] = self.sent.get(s, 0) + amount
        transfer = ("TRANSFER", s, r, amount, fee, memo, tuple(legs))
        self.keys[(s, key)] = ((r, amount, memo), transfer)
        self.legs.extend(legs)
        self.events.append(("TRANSFER", s, r, "wallet:<from>", "wallet:<to>", amount, fee, s, None))
        return ("created", transfer)


def _as_model_sees_it(result: dict[str, Any]) -> dict[str, Any]:
    """A path's result with what the model does not predict left out (messages, whether an
    event has subscribers that want it)."""
    return {
        "outcomes": [o[:2] for o in result["outcomes"]],
        "balances": result["balances"],
        "legs": result["legs"],
        "events": sorted(payload for payload, _pending in result["events"]),
        "daily": result["daily"],
    }


@pytest.fixture
def low_cap(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr(settings, "buz_daily_send_limit", CAP)
    return settings


@hsettings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=st.lists(send, min_size=1, max_size=14))
async def test_the_function_and_python_paths_agree(
    db_connection: async_sessionmaker[AsyncSession], cast: Cast, low_cap: Settings, ops: list[Op]
) -> None:
    paths: list[tuple[str, Send]] = [("python", python_path)]
    if ON_POSTGRES:
        paths.append(("function", transfer_fn.transfer))
    results: dict[str, dict[str, Any]] = {}
    async with db_connection() as session:
        start = await _balances(session, cast)
        for name, path in paths:
            example = await session.begin_nested()
            try:
                results[name] = await run(session, path, cast, ops)
            finally:
                await example.rollback()
    model = Model(cast, low_cap, dict(start))
    expected = {
        "outcomes": [model.send(*op) for op in ops],
        "balances": model.balances,
        "legs": sorted(model.legs),
        "events": sorted(model.events),
        "daily": {
            name: [model.sent[name]] if model.sent.get(name) else []
            for name in cast.ids
            if name != "ghost"
        },
    }
    for name, result in results.items():
        assert _as_model_sees_it(result) == expected, name
    if ON_POSTGRES:
        assert results["function"] == results["python"]
