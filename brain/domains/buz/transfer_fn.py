"""A user-to-user transfer on Postgres: ONE call of the database function `buz_transfer`
(defined by migration 7d2b9c4e1f60), in autocommit.

Why. The Python path (`transfers.transfer`, after `legal.require_compliance`) is 12 round
trips (BEGIN, principal, compliance rule, signatures, SAVEPOINT, key claim, recipient status,
daily cap, outbox row, posting, RELEASE, COMMIT) at ~110 us of SQLAlchemy CPU each, on a
machine where the application and Postgres share two cores: the ledger's throughput was half
its target. Here the route makes two: the principal lookup authentication does (from the read
pool) and this call, on the same plain asyncpg connection (`db.call_function`); the function
checks the sender's compliance, the amount's range and the self-transfer, claims the
idempotency key (or returns the original's legs, or a conflict), checks the recipient is
active, counts the daily cap, writes the outbox row and posts the two legs, and returns one
row per leg (or one row with the refusal's outcome). pgledger and TigerBeetle keep a
ledger's write path next to its data the same way.

What stays in Python, passed as arguments: the fee and its rounding, the amount range, the
daily cap and the admins' exemption from it, the compliance action and the signatures'
validity period, the account ids and the ledger's lock order (`ledger.lock_order`), the ids,
the time and UTC day, the request hash, and the event's outbox row (`bus.outbox_row`, the
same values `bus.publish` writes, dispatched after the commit as `publish` arranges). A rule
changed in Python is obeyed by the function at once (tests/domains/buz/test_transfer_fn.py).

Two paths, one behaviour: the Python path stays, on SQLite and as the reference. The
differential property test runs the same random sequences through both on Postgres (and the
Python path on SQLite) and compares outcomes, balances, legs, versions and events.

Versioned: `check_function()` runs at start (the manifest's `startup`) and refuses a database
whose `buz_transfer` is not the body this code expects (`FUNCTION_MD5`), with the versions in
the message, so a mismatch stops the app instead of failing every transfer with a 500.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.config import Settings, get_settings
from brain.core.errors import BrainError
from brain.core.models import new_id, utcnow
from brain.domains.buz import ledger
from brain.domains.buz.errors import (
    DailyLimitExceeded,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidTransfer,
    RecipientNotActive,
    TransferNotFound,
    WalletNotFound,
)
from brain.domains.buz.events import TransferCompleted
from brain.domains.buz.history import transfer_read
from brain.domains.buz.rules import AccountKind, TransferKind, fee_units, fees_account, parse_units
from brain.domains.buz.schemas import AccountRef
from brain.domains.buz.transfers import (
    TRANSFER_ACTION,
    Posted,
    request_hash,
    require_between,
    transfer_key,
)
from brain.domains.buz.wallets import wallet_ref
from brain.domains.legal.errors import ComplianceRequired
from brain.domains.legal.service import signatures_valid_from
from brain.domains.users.errors import UserNotFound

log = logging.getLogger(__name__)

# The function this code was written against: its version (the body's first line says it)
# and the md5 of its body (`pg_proc.prosrc`). A migration that replaces the function changes
# both here.
FUNCTION_NAME = "buz_transfer"
FUNCTION_VERSION = 1
FUNCTION_MD5 = "b1a630ff110e1e1ec38d42f4d039c7be"

_CALL = f"SELECT * FROM {FUNCTION_NAME}({', '.join(f'${n}' for n in range(1, 27))})"
_INSTALLED = sa.text(
    "SELECT md5(p.prosrc) AS md5, p.prosrc AS body FROM pg_proc p "
    "JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE p.proname = :name AND n.nspname = current_schema()"
)
_VERSION_LINE = re.compile(r"--\s*buz_transfer version (\d+)")
_RETRYABLE = {"40001", "40P01"}


class TransferFunctionMismatch(RuntimeError):
    """The database's `buz_transfer` is not the one this code expects: migrate the database
    (`brain db upgrade`), or deploy the code that matches it."""


def available() -> bool:
    """Whether transfers take this path: the database is Postgres."""
    return db.is_configured() and db.get_engine().dialect.name == "postgresql"


async def check_function() -> None:
    """Refuse to run against a database whose `buz_transfer` differs from `FUNCTION_MD5`
    (missing, another version, or edited by hand). Run once at start; nothing on SQLite."""
    if not available():
        return
    async with db.get_engine().connect() as connection:
        found = (await connection.execute(_INSTALLED, {"name": FUNCTION_NAME})).all()
    problem = mismatch([(row.md5, row.body) for row in found])
    if problem is not None:
        raise TransferFunctionMismatch(problem)
    log.info("buz: database function %s version %d", FUNCTION_NAME, FUNCTION_VERSION)


def mismatch(installed: Sequence[tuple[str, str]]) -> str | None:
    """What is wrong with the installed functions named `buz_transfer` ((md5, body) each),
    or None when it is exactly the expected one."""
    expected = f"this Brain expects version {FUNCTION_VERSION} (body md5 {FUNCTION_MD5})"
    advice = "run `brain db upgrade`, or deploy the code that matches the database"
    if not installed:
        return f"the database has no function {FUNCTION_NAME}; {expected}: {advice}."
    if len(installed) > 1:
        return f"the database has {len(installed)} functions {FUNCTION_NAME}; {expected}."
    md5, body = installed[0]
    if md5 == FUNCTION_MD5:
        return None
    line = _VERSION_LINE.search(body)
    version = f"version {line.group(1)}" if line else "an unversioned body"
    return (
        f"the database's function {FUNCTION_NAME} is {version} (body md5 {md5}, changed "
        f"since it was migrated if the version is the same); {expected}: {advice}."
    )


async def transfer(
    session: AsyncSession,
    *,
    sender_id: uuid.UUID,
    to_user_id: uuid.UUID,
    amount: int,
    idempotency_key: str,
    memo: str | None = None,
    exempt_from_daily_limit: bool = False,
    settings: Settings | None = None,
) -> Posted:
    """`legal.require_compliance(..., "buz.transfer")` then `transfers.transfer`, in one
    database call: the same result, the same errors, the same rows and event."""
    settings = settings or get_settings()
    now = utcnow()
    fee = fee_units(amount, settings.buz_transfer_fee_bps)
    sender, recipient = wallet_ref(sender_id), wallet_ref(to_user_id)
    fees, fees_code = fees_account(sender.id)
    refs = {
        sender.id: sender,
        recipient.id: recipient,
        fees: AccountRef(id=fees, code=fees_code, kind=AccountKind.SYSTEM.value),
    }
    group_id = new_id()
    event = TransferCompleted(
        transfer_id=group_id,
        kind=TransferKind.TRANSFER.value,
        from_account=sender.code,
        to_account=recipient.code,
        from_user_id=sender_id,
        to_user_id=to_user_id,
        amount=amount,
        fee=fee,
        actor_id=sender_id,
    )
    outbox, dispatch = bus.outbox_row(event, now)
    accounts = {sender.id, recipient.id, fees} if fee > 0 else {sender.id, recipient.id}
    cap = None if exempt_from_daily_limit else parse_units(settings.buz_daily_send_limit)
    args = [
        TRANSFER_ACTION,
        signatures_valid_from(now),
        now,
        now.date(),
        sender_id,
        to_user_id,
        sender.id,
        recipient.id,
        fees,
        sorted(accounts, key=ledger.lock_order),
        amount,
        fee,
        parse_units(settings.buz_transfer_min),
        parse_units(settings.buz_transfer_max),
        cap,
        transfer_key(sender_id, idempotency_key),
        "transfer",
        request_hash(to_user_id, amount, memo),
        group_id,
        uuid.uuid4(),
        memo,
        outbox["id"],
        outbox["name"],
        outbox["version"],
        json.dumps(outbox["payload"]),
        outbox["dispatched_at"] is not None,
    ]
    rows = await _call(session, args)
    outcome = rows[0]["r_outcome"] if rows else "replay"
    if outcome not in ("ok", "replay"):
        raise _refusal(outcome, rows[0]["r_missing"], amount=amount, cap=cap, settings=settings)
    if not rows:
        raise TransferNotFound()
    legs = [_leg(row) for row in rows]
    if outcome == "ok" and dispatch:
        bus.dispatch_after_commit(session, event)
    unknown = {r[side] for r in legs for side in ("debit_account_id", "credit_account_id")}
    unknown -= set(refs)
    if unknown:  # a replay of a transfer whose accounts are not the ones derived above
        refs |= await ledger.account_refs(session, unknown)
    return Posted(transfer_read(legs, refs), created=outcome == "ok")


async def _call(session: AsyncSession, args: list[Any]) -> list[Mapping[str, Any]]:
    """The function's rows, the call retried on a deadlock or serialization failure as
    `ledger.atomic` retries (in autocommit nothing of a failed call remains). In a caller's
    transaction (`db.call_function` without the read pool) an error is the caller's."""
    for attempt in range(1, ledger.MAX_ATTEMPTS + 1):
        try:
            return await db.call_function(session, _CALL, args)
        except asyncpg.PostgresError as exc:
            if attempt == ledger.MAX_ATTEMPTS or exc.sqlstate not in _RETRYABLE:
                raise
            log.info("buz_transfer retried after a transient conflict (try %d): %s", attempt, exc)
            await asyncio.sleep(0.005 * 2**attempt)
    raise AssertionError("unreachable")


_LEG_COLUMNS = {
    "r_id": "id",
    "r_group_id": "group_id",
    "r_kind": "kind",
    "r_debit": "debit_account_id",
    "r_credit": "credit_account_id",
    "r_amount": "amount",
    "r_debit_balance_after": "debit_balance_after",
    "r_debit_version": "debit_version",
    "r_credit_balance_after": "credit_balance_after",
    "r_credit_version": "credit_version",
    "r_memo": "memo",
    "r_reference": "reference",
    "r_created_at": "created_at",
}


def _leg(row: Mapping[str, Any]) -> dict[str, Any]:
    """A returned row as the leg row `ledger.post` returns."""
    return {name: row[column] for column, name in _LEG_COLUMNS.items()}


def _refusal(
    outcome: str,
    missing: Sequence[str] | None,
    *,
    amount: int,
    cap: int | None,
    settings: Settings,
) -> BrainError:
    """The Python path's error for a refusal the function reported, with its message."""
    if outcome == "compliance_required":
        return ComplianceRequired(action=TRANSFER_ACTION, missing=list(missing or ()))
    if outcome == "amount_out_of_range":
        try:
            require_between(amount, settings.buz_transfer_min, settings.buz_transfer_max,
                            "A transfer")  # fmt: skip
        except InvalidTransfer as exc:
            return exc
    if outcome == "self_transfer":
        return InvalidTransfer("You cannot send BUZ to yourself.")
    if outcome == "idempotency_conflict":
        return IdempotencyConflict(
            "This Idempotency-Key was used for a different request; use a new key."
        )
    if outcome == "recipient_not_found":
        return UserNotFound()
    if outcome == "recipient_not_active":
        return RecipientNotActive()
    if outcome == "amount_over_daily_limit" and cap is not None:
        return DailyLimitExceeded(f"At most {cap // 100} BUZ can be sent per day.")
    if outcome == "daily_limit_exceeded" and cap is not None:
        return DailyLimitExceeded(
            f"At most {cap // 100} BUZ can be sent per UTC day; this transfer would pass it."
        )
    if outcome == "wallet_not_found":
        return WalletNotFound("The account does not exist (has the user been set up?).")
    if outcome == "insufficient_funds":
        return InsufficientFunds("The balance is too low for this amount (and its fee).")
    raise RuntimeError(f"{FUNCTION_NAME} returned an unknown outcome {outcome!r}")
