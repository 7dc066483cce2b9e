"""The ledger: its write primitive, its reads and its invariant check. The one module that
queries the ledger's tables (accounts, legs, idempotency keys, daily sends); the buz service
modules call it with legs and get rows and figures back.

`post()` moves money: for each account a transfer group touches it runs ONE conditional
update, `balance = balance + :delta, version = version + :legs ... WHERE balance + :delta >=
0` (RETURNING the new balance and version), in a fixed global order, then inserts the legs
with the balance and version each account reached. No balance is read before it is written:
a debit that would take an account below zero matches no row and becomes `InsufficientFunds`
(the `balance_not_negative` CHECK constraint is the second line). The order is "user
accounts by id, then the hot sinks (fees, burn) by id": any fixed order rules out deadlocks
between ledger writes, and putting the fees account (credited by every user transfer) last
keeps its row lock for the shortest time.

`atomic()` runs an operation in a savepoint, so a refused operation leaves nothing behind even
inside a caller's larger transaction, and retries it on a deadlock or serialization failure
(which can only come from outside the ledger's own ordering, e.g. a caller's SERIALIZABLE
transaction): those are retried, never reported as insufficient funds.

Where Postgres and SQLite need different SQL, the statement is looked up by
`dialect_name(session)` in a table built at import (`_INSERT`, `_CLAIM_KEY`, `_DAY`, ...);
the one algorithmic difference is how `post()` writes (one statement on Postgres, one per
account on SQLite), and both refuse through `_refuse`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.buz.errors import (
    DailyLimitExceeded,
    IdempotencyConflict,
    InsufficientFunds,
    SupplyCapExceeded,
    WalletNotFound,
)
from brain.domains.buz.models import (
    BuzAccount,
    BuzDailySend,
    BuzIdempotencyKey,
    BuzTransfer,
)
from brain.domains.buz.rules import (
    HOT_SINK_IDS,
    MAX_SUPPLY_UNITS,
    AccountKind,
    SystemAccount,
    TransferKind,
    account_id,
    staking_code,
    system_id,
    wallet_code,
)
from brain.domains.buz.schemas import AccountRef

log = logging.getLogger(__name__)

T = TypeVar("T")

ACCOUNTS = BuzAccount.__table__  # type: ignore[attr-defined]
TRANSFERS = BuzTransfer.__table__  # type: ignore[attr-defined]
KEYS = BuzIdempotencyKey.__table__  # type: ignore[attr-defined]
DAILY = BuzDailySend.__table__  # type: ignore[attr-defined]

ISSUANCE_ID = system_id(SystemAccount.ISSUANCE)
# The floor passed for a credit: an account being credited is never refused.
_NO_FLOOR = -(2**62)

# --- statements ----------------------------------------------------------------------------
# The hot-path statements are built once, with bound parameters, and executed with a dict of
# values. Building a SQLAlchemy statement and its cache key on every call cost more CPU than
# sending it (measured with bench/profile_transfer.py: about half of a transfer's CPU went
# to statement construction before this).

_INSERT: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}

_CLAIM_KEY = {
    name: insert(KEYS).on_conflict_do_nothing(index_elements=["key"]).returning(KEYS.c.key)
    for name, insert in _INSERT.items()
}
_READ_KEY = sa.select(KEYS.c.operation, KEYS.c.request_hash, KEYS.c.result_id).where(
    KEYS.c.key == sa.bindparam("key")
)


def _daily_send_upsert(insert: Any) -> Any:
    stmt = insert(DAILY)
    return stmt.on_conflict_do_update(
        index_elements=["account_id", "day"],
        set_={"amount": DAILY.c.amount + stmt.excluded.amount},
        where=DAILY.c.amount + stmt.excluded.amount <= sa.bindparam("cap", type_=sa.BigInteger),
    ).returning(DAILY.c.amount)


_ADD_DAILY_SEND = {name: _daily_send_upsert(insert) for name, insert in _INSERT.items()}

# `balance += change, version += legs`, matching no row when the balance would go below
# `floor` (0, the issuance account's -max supply, or _NO_FLOOR for a credit).
_ACCOUNT_UPDATE = (
    sa.update(ACCOUNTS)
    .where(
        ACCOUNTS.c.id == sa.bindparam("account"),
        ACCOUNTS.c.balance + sa.bindparam("change", type_=sa.BigInteger)
        >= sa.bindparam("floor", type_=sa.BigInteger),
    )
    .values(
        balance=ACCOUNTS.c.balance + sa.bindparam("change", type_=sa.BigInteger),
        version=ACCOUNTS.c.version + sa.bindparam("legs", type_=sa.BigInteger),
    )
    .returning(ACCOUNTS.c.balance, ACCOUNTS.c.version)
)
_INSERT_LEGS = sa.insert(TRANSFERS)
_ACCOUNT_EXISTS = sa.select(ACCOUNTS.c.id).where(ACCOUNTS.c.id == sa.bindparam("account"))
_ACCOUNT_IDS = sa.select(ACCOUNTS.c.id).where(
    ACCOUNTS.c.id.in_(sa.bindparam("accounts", expanding=True))
)
# The one statement of an authenticated balance read (a FastSelect: see brain.core.db).
_BALANCES = db.FastSelect(
    sa.select(ACCOUNTS.c.id, ACCOUNTS.c.balance, ACCOUNTS.c.version).where(
        sa.or_(ACCOUNTS.c.id == sa.bindparam("wallet"), ACCOUNTS.c.id == sa.bindparam("staking"))
    )
)
# A leg's UTC calendar day (Postgres' `date()` of a timestamptz would use the session's zone).
_DAY = {
    "postgresql": sa.func.date(sa.func.timezone("UTC", TRANSFERS.c.created_at)),
    "sqlite": sa.func.date(TRANSFERS.c.created_at),
}
# A user's history, newest first.
HISTORY = Keyset("buz.transactions", TRANSFERS.c.created_at, TRANSFERS.c.id)

# Deadlock / serialization failure (Postgres), database locked (SQLite).
_RETRYABLE_SQLSTATES = {"40001", "40P01"}
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Leg:
    kind: TransferKind
    debit: uuid.UUID
    credit: uuid.UUID
    amount: int


def lock_order(account: uuid.UUID) -> tuple[bool, str]:
    """The one global order in which accounts are written."""
    return (account in HOT_SINK_IDS, str(account))


def is_retryable(exc: DBAPIError) -> bool:
    orig = exc.orig
    for candidate in (orig, getattr(orig, "__cause__", None)):
        if getattr(candidate, "sqlstate", None) in _RETRYABLE_SQLSTATES:
            return True
    return "database is locked" in str(orig)


async def atomic(session: AsyncSession, operation: Callable[[], Awaitable[T]]) -> T:
    """Run `operation` all or nothing (a savepoint), retrying transient conflicts."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            async with session.begin_nested():
                return await operation()
        except DBAPIError as exc:
            if attempt == MAX_ATTEMPTS or not is_retryable(exc):
                raise
            log.info(
                "ledger write retried after a transient conflict (try %d): %s", attempt, exc.orig
            )
            await asyncio.sleep(0.005 * 2**attempt)
    raise AssertionError("unreachable")


async def dialect_name(session: AsyncSession) -> str:
    """ "postgresql" or "sqlite": the key of the per-dialect statements above."""
    return (await session.connection()).dialect.name


# --- accounts ------------------------------------------------------------------------------


async def open_accounts(session: AsyncSession, user_ids: Sequence[uuid.UUID]) -> None:
    """Create the wallet and staking account of each user that has none (idempotent)."""
    if not user_ids:
        return
    now = utcnow()
    rows = []
    for user_id in user_ids:
        for kind, code in (
            (AccountKind.WALLET, wallet_code(user_id)),
            (AccountKind.STAKING, staking_code(user_id)),
        ):
            rows.append(
                {
                    "id": account_id(code),
                    "code": code,
                    "kind": kind.value,
                    "user_id": user_id,
                    "balance": 0,
                    "version": 0,
                    "created_at": now,
                }
            )
    insert = _INSERT[await dialect_name(session)]
    await session.exec(
        insert(ACCOUNTS).values(rows).on_conflict_do_nothing(index_elements=["code"])
    )


async def account_exists(session: AsyncSession, account: uuid.UUID) -> bool:
    found = await db.execute(session, _ACCOUNT_EXISTS, {"account": account})
    return found.first() is not None


async def account_refs(
    session: AsyncSession, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, AccountRef]:
    """The accounts with these ids, by id."""
    rows = (
        await db.execute(
            session,
            sa.select(ACCOUNTS.c.id, ACCOUNTS.c.code, ACCOUNTS.c.kind, ACCOUNTS.c.user_id).where(
                ACCOUNTS.c.id.in_(set(ids))
            ),
        )
    ).all()
    return {r.id: AccountRef(id=r.id, code=r.code, kind=r.kind, user_id=r.user_id) for r in rows}


async def balances(
    session: AsyncSession, *, wallet: uuid.UUID, staking: uuid.UUID
) -> dict[uuid.UUID, tuple[int, int]]:
    """(balance, version) of a user's wallet and staking account, of those that exist."""
    rows = await _BALANCES.all(session, {"wallet": wallet, "staking": staking})
    return {r["id"]: (int(r["balance"]), int(r["version"])) for r in rows}


async def balances_of(
    session: AsyncSession, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int]]:
    """(balance, version) of the accounts with these ids, of those that exist: one query for
    any number (the worker's batches of transfer reactions)."""
    rows = (
        await db.execute(
            session,
            sa.select(ACCOUNTS.c.id, ACCOUNTS.c.balance, ACCOUNTS.c.version).where(
                ACCOUNTS.c.id.in_(set(ids))
            ),
        )
    ).all()
    return {r.id: (int(r.balance), int(r.version)) for r in rows}


# --- idempotency and the daily cap ---------------------------------------------------------


async def claim_key(
    session: AsyncSession, *, key: str, operation: str, request_hash: str, result_id: uuid.UUID
) -> uuid.UUID | None:
    """Claim `key` for this request. Returns None when claimed (go ahead), or the id of the
    original result when the same request was made before. A different request with the
    same key is `IdempotencyConflict`. On Postgres a concurrent claim of the same key waits
    for the other transaction and then sees its outcome."""
    dialect = await dialect_name(session)
    params = {
        "key": key,
        "operation": operation,
        "request_hash": request_hash,
        "result_id": result_id,
        "created_at": utcnow(),
    }
    if (await db.execute(session, _CLAIM_KEY[dialect], params)).first() is not None:
        return None
    row = (await db.execute(session, _READ_KEY, {"key": key})).one()
    if row.operation != operation or row.request_hash != request_hash:
        raise IdempotencyConflict(
            "This Idempotency-Key was used for a different request; use a new key."
        )
    result_id_: uuid.UUID = row.result_id
    return result_id_


async def add_daily_send(
    session: AsyncSession, *, account: uuid.UUID, day: date, amount: int, cap: int
) -> None:
    """Count `amount` against the account's cap for `day`, or raise `DailyLimitExceeded`.
    The check is the upsert's own condition, so concurrent transfers cannot both pass."""
    if amount > cap:
        raise DailyLimitExceeded(f"At most {cap // 100} BUZ can be sent per day.")
    params = {"account_id": account, "day": day, "amount": amount, "cap": cap}
    found = await db.execute(session, _ADD_DAILY_SEND[await dialect_name(session)], params)
    if found.first() is None:
        raise DailyLimitExceeded(
            f"At most {cap // 100} BUZ can be sent per UTC day; this transfer would pass it."
        )


# --- posting -------------------------------------------------------------------------------


async def post(
    session: AsyncSession,
    legs: Sequence[Leg],
    *,
    group_id: uuid.UUID,
    memo: str | None = None,
    reference: str | None = None,
    actor_id: uuid.UUID | None = None,
    created_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """Apply `legs` (all or nothing, within the caller's savepoint) and return the leg rows.
    The first leg's id is `group_id`."""
    legs = [leg for leg in legs if leg.amount > 0]
    if not legs:
        raise ValueError("a transfer needs at least one leg with an amount")
    delta: dict[uuid.UUID, int] = {}
    count: dict[uuid.UUID, int] = {}
    for leg in legs:
        if leg.debit == leg.credit:
            raise ValueError("a leg needs two different accounts")
        delta[leg.debit] = delta.get(leg.debit, 0) - leg.amount
        delta[leg.credit] = delta.get(leg.credit, 0) + leg.amount
        count[leg.debit] = count.get(leg.debit, 0) + 1
        count[leg.credit] = count.get(leg.credit, 0) + 1
    order = sorted(delta, key=lock_order)
    shared = {
        "group_id": group_id,
        "memo": memo,
        "reference": reference,
        "actor_id": actor_id,
        "created_at": created_at or utcnow(),
    }
    if await dialect_name(session) == "postgresql":
        # ONE statement updates every account, in `order`, and inserts the legs
        # (`_post_statement`). The accounts' new figures are not known yet: the legs carry
        # offsets from each account's new balance and version, which the insert adds in SQL.
        offsets = {a: (-delta[a], -count[a]) for a in order}
        rows = _leg_rows(legs, offsets, shared)
        return await _post_in_one_statement(session, rows, order, delta, count)
    # SQLite has one writer at a time: one conditional update per account, then the insert,
    # with the figures each update returned.
    before = await _update_each_account(session, order, delta, count)
    rows = _leg_rows(legs, before, shared)
    await db.execute(session, _INSERT_LEGS, rows)
    return rows


def _leg_rows(
    legs: Sequence[Leg], before: dict[uuid.UUID, tuple[int, int]], shared: dict[str, Any]
) -> list[dict[str, Any]]:
    """The legs' rows, walking each account forward from its (balance, version) `before`
    this group; `shared` holds the columns every leg of the group has alike."""
    running = dict(before)
    group_id = shared["group_id"]
    rows: list[dict[str, Any]] = []
    for n, leg in enumerate(legs):
        d_bal, d_ver = running[leg.debit]
        c_bal, c_ver = running[leg.credit]
        running[leg.debit] = (d_bal - leg.amount, d_ver + 1)
        running[leg.credit] = (c_bal + leg.amount, c_ver + 1)
        rows.append(
            {
                **shared,
                "id": group_id if n == 0 else uuid.uuid4(),
                "kind": leg.kind.value,
                "debit_account_id": leg.debit,
                "credit_account_id": leg.credit,
                "amount": leg.amount,
                "debit_balance_after": d_bal - leg.amount,
                "debit_version": d_ver + 1,
                "credit_balance_after": c_bal + leg.amount,
                "credit_version": c_ver + 1,
            }
        )
    return rows


async def _update_each_account(
    session: AsyncSession,
    order: list[uuid.UUID],
    delta: dict[uuid.UUID, int],
    count: dict[uuid.UUID, int],
) -> dict[uuid.UUID, tuple[int, int]]:
    """Run `_ACCOUNT_UPDATE` for each account in `order`; each account's (balance, version)
    before this group."""
    before: dict[uuid.UUID, tuple[int, int]] = {}
    for account in order:
        params = _account_params(account, delta[account], count[account])
        row = (await db.execute(session, _ACCOUNT_UPDATE, params)).first()
        if row is None:
            await _refuse(session, [account], delta)
        before[account] = (int(row.balance) - delta[account], int(row.version) - count[account])
    return before


def _account_params(account: uuid.UUID, change: int, legs: int) -> dict[str, Any]:
    """`_ACCOUNT_UPDATE`'s values: a debit is refused below the account's floor."""
    if change >= 0:
        floor = _NO_FLOOR
    else:
        floor = -MAX_SUPPLY_UNITS if account == ISSUANCE_ID else 0
    return {"account": account, "change": change, "legs": legs, "floor": floor}


_LEG_COLUMNS = (
    "id", "group_id", "kind", "debit_account_id", "credit_account_id", "amount",
    "debit_balance_after", "debit_version", "credit_balance_after", "credit_version", "memo",
    "reference", "actor_id", "created_at",
)  # fmt: skip
# A leg's figures, and which figure of its account each is.
_RELATIVE = {
    "debit_balance_after": "balance",
    "debit_version": "version",
    "credit_balance_after": "balance",
    "credit_version": "version",
}


@functools.cache
def _post_statement(accounts: int, legs: tuple[tuple[int, int], ...]) -> Any:
    """The Postgres posting statement for `accounts` accounts and legs whose debit and credit
    are `legs[n]` (indexes into the accounts, which come in lock order):

        WITH a0 AS (UPDATE buz_accounts SET balance = balance + :a0_change, version = ...
                    WHERE id = :a0_account AND balance + :a0_change >= :a0_floor
                    RETURNING balance, version),
             a1 AS (UPDATE ... WHERE id = :a1_account AND ... AND EXISTS (SELECT FROM a0) ...),
             ...
        INSERT INTO buz_transfers SELECT <leg 0> FROM a0, a1, ... UNION ALL <leg 1> ...

    Each update waits for the one before it (its EXISTS needs that CTE's result before the
    row is locked), so the row locks are taken in the fixed global order within the one
    statement, as they would be by separate statements, and a refused update stops the ones
    after it and inserts no leg. A leg's balance and version figures are the CTE's new
    values plus the leg's offset (the `l<n>_<column>` parameters). Built once per shape: a
    user transfer with its fee is one shape."""
    ctes: list[Any] = []
    for k in range(accounts):
        change = sa.bindparam(f"a{k}_change", type_=sa.BigInteger)
        update = sa.update(ACCOUNTS).where(
            ACCOUNTS.c.id == sa.bindparam(f"a{k}_account"),
            ACCOUNTS.c.balance + change >= sa.bindparam(f"a{k}_floor", type_=sa.BigInteger),
        )
        if ctes:
            update = update.where(sa.select(ctes[-1].c.version).exists())
        update = update.values(
            balance=ACCOUNTS.c.balance + change,
            version=ACCOUNTS.c.version + sa.bindparam(f"a{k}_legs", type_=sa.BigInteger),
        ).returning(ACCOUNTS.c.balance, ACCOUNTS.c.version)
        ctes.append(update.cte(f"a{k}"))
    # Each CTE returns one row (or none: refused), so the legs select from their cross join.
    source_rows = ctes[0]
    for cte in ctes[1:]:
        source_rows = source_rows.join(cte, sa.true())
    selects = []
    for n, (debit, credit) in enumerate(legs):
        columns = []
        for name in _LEG_COLUMNS:
            value = sa.bindparam(f"l{n}_{name}", type_=TRANSFERS.c[name].type)
            figure = _RELATIVE.get(name)
            if figure is not None:
                cte = ctes[debit] if name.startswith("debit") else ctes[credit]
                columns.append((cte.c[figure] + value).label(name))
            else:
                columns.append(value.label(name))
        selects.append(sa.select(*columns).select_from(source_rows))
    source = selects[0] if len(selects) == 1 else sa.union_all(*selects)
    return (
        sa.insert(TRANSFERS)
        .from_select(list(_LEG_COLUMNS), source)
        .add_cte(*ctes)
        .returning(*(TRANSFERS.c[name] for name in ("id", *_RELATIVE)))
    )


async def _post_in_one_statement(
    session: AsyncSession,
    rows: list[dict[str, Any]],
    order: list[uuid.UUID],
    delta: dict[uuid.UUID, int],
    count: dict[uuid.UUID, int],
) -> list[dict[str, Any]]:
    """Run `_post_statement` for `rows` (whose figures are offsets) and fill in the figures."""
    index = {account: k for k, account in enumerate(order)}
    legs = tuple((index[r["debit_account_id"]], index[r["credit_account_id"]]) for r in rows)
    params: dict[str, Any] = {}
    for k, account in enumerate(order):
        for name, value in _account_params(account, delta[account], count[account]).items():
            params[f"a{k}_{name}"] = value
    for n, row in enumerate(rows):
        for name in _LEG_COLUMNS:
            params[f"l{n}_{name}"] = row[name]
    statement = _post_statement(len(order), legs)
    inserted = {r.id: r for r in (await db.execute(session, statement, params)).all()}
    if not inserted:
        await _refuse(session, order, delta)
    for row in rows:
        got = inserted[row["id"]]
        for name in _RELATIVE:
            row[name] = int(getattr(got, name))
    return rows


async def _refuse(
    session: AsyncSession, accounts: list[uuid.UUID], delta: dict[uuid.UUID, int]
) -> NoReturn:
    """Why a posting matched no row, for both ways of posting: SQLite passes the account
    whose update matched nothing, Postgres every account of the statement. Only a missing
    account or a debit can refuse (credits have no floor). On Postgres the updates before the
    refused one did apply, so balances read now cannot tell which debit refused; no posting
    debits the issuance account together with another, so "only issuance was debited" is the
    supply cap and anything else is a short balance. (The caller's savepoint rolls the
    applied updates back.)"""
    found = await db.execute(session, _ACCOUNT_IDS, {"accounts": accounts})
    existing = {r.id for r in found.all()}
    if any(account not in existing for account in accounts):
        raise WalletNotFound("The account does not exist (has the user been set up?).")
    if [account for account in accounts if delta[account] < 0] == [ISSUANCE_ID]:
        raise SupplyCapExceeded(f"The max supply is {MAX_SUPPLY_UNITS // 100:,} BUZ.")
    raise InsufficientFunds("The balance is too low for this amount (and its fee).")


# --- reads ---------------------------------------------------------------------------------


async def transfer_group(session: AsyncSession, transfer_id: uuid.UUID) -> list[dict[str, Any]]:
    """The legs of the group that `transfer_id` (the group's id or any leg's) belongs to, the
    group's first leg first; empty when there is none."""
    group = sa.select(TRANSFERS.c.group_id).where(TRANSFERS.c.id == transfer_id).scalar_subquery()
    found = await db.execute(session, sa.select(TRANSFERS).where(TRANSFERS.c.group_id == group))
    rows = [dict(r._mapping) for r in found.all()]
    rows.sort(key=lambda r: (r["id"] != r["group_id"], r["debit_version"]))
    return rows


async def history(
    session: AsyncSession,
    *,
    accounts: list[uuid.UUID],
    page: PageParams,
    kinds: list[TransferKind] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the legs that debited or credited any of `accounts`, newest first
    (`HISTORY`), and the cursor of the next page."""
    query = sa.select(TRANSFERS).where(
        sa.or_(
            TRANSFERS.c.debit_account_id.in_(accounts),
            TRANSFERS.c.credit_account_id.in_(accounts),
        )
    )
    if kinds:
        query = query.where(TRANSFERS.c.kind.in_([k.value for k in kinds]))
    if since is not None:
        query = query.where(TRANSFERS.c.created_at >= since)
    if until is not None:
        query = query.where(TRANSFERS.c.created_at < until)
    found = await db.execute(session, HISTORY.apply(query, page))
    return HISTORY.page([dict(r._mapping) for r in found.all()], page)


async def legs_by_actor(
    session: AsyncSession, *, actor: uuid.UUID, besides: list[uuid.UUID], page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the legs `actor` made that touch none of `besides` (an admin's mints and
    burns: the legs of the actor's own accounts are their `history`), newest first."""
    query = sa.select(TRANSFERS).where(
        TRANSFERS.c.actor_id == actor,
        TRANSFERS.c.debit_account_id.not_in(besides),
        TRANSFERS.c.credit_account_id.not_in(besides),
    )
    found = await db.execute(session, HISTORY.apply(query, page))
    return HISTORY.page([dict(r._mapping) for r in found.all()], page)


async def daily_sends(session: AsyncSession, account: uuid.UUID) -> list[tuple[date, int]]:
    """What `account` sent to other users each UTC day it sent any (the daily cap's count)."""
    query = sa.select(DAILY.c.day, DAILY.c.amount).where(DAILY.c.account_id == account)
    found = await db.execute(session, query.order_by(DAILY.c.day))
    return [(r.day, int(r.amount)) for r in found.all()]


async def balances_by_kind(session: AsyncSession) -> dict[str, int]:
    """The sum of the balances of each kind of user account (WALLET, STAKING)."""
    found = await db.execute(
        session,
        sa.select(ACCOUNTS.c.kind, sa.func.sum(ACCOUNTS.c.balance).label("total"))
        .where(ACCOUNTS.c.kind != AccountKind.SYSTEM.value)
        .group_by(ACCOUNTS.c.kind),
    )
    return {r.kind: int(r.total or 0) for r in found.all()}


async def system_balances(session: AsyncSession) -> dict[str, int]:
    """Each system account's balance, by code."""
    found = await db.execute(
        session,
        sa.select(ACCOUNTS.c.code, ACCOUNTS.c.balance).where(
            ACCOUNTS.c.kind == AccountKind.SYSTEM.value
        ),
    )
    return {r.code: int(r.balance) for r in found.all()}


def _user_transfers_since(since: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(TRANSFERS.c.kind == TransferKind.TRANSFER.value, TRANSFERS.c.created_at >= since)


async def daily_volume(session: AsyncSession, *, since: datetime) -> list[tuple[date, int, int]]:
    """(UTC day, number, amount) of the user-to-user transfers of each day since `since`."""
    day = _DAY[await dialect_name(session)]
    found = await db.execute(
        session,
        sa.select(
            day.label("day"),
            sa.func.count().label("n"),
            sa.func.sum(TRANSFERS.c.amount).label("volume"),
        )
        .where(_user_transfers_since(since))
        .group_by(day)
        .order_by(day),
    )
    # SQLite's date() is a string.
    return [
        (
            r.day if isinstance(r.day, date) else date.fromisoformat(str(r.day)),
            int(r.n),
            int(r.volume),
        )
        for r in found.all()
    ]


async def active_accounts(session: AsyncSession, *, since: datetime) -> int:
    """How many accounts sent or received a user-to-user transfer since `since`."""
    user_transfers = _user_transfers_since(since)
    sides = sa.union(
        sa.select(TRANSFERS.c.debit_account_id.label("a")).where(user_transfers),
        sa.select(TRANSFERS.c.credit_account_id.label("a")).where(user_transfers),
    ).subquery()
    found = await db.execute(session, sa.select(sa.func.count()).select_from(sides))
    return int(found.one()[0])


async def fees_collected(session: AsyncSession, *, since: datetime) -> int:
    """Transfer fees and early-unstake penalties paid since `since`."""
    found = await db.execute(
        session,
        sa.select(sa.func.coalesce(sa.func.sum(TRANSFERS.c.amount), 0)).where(
            TRANSFERS.c.kind.in_([TransferKind.FEE.value, TransferKind.PENALTY.value]),
            TRANSFERS.c.created_at >= since,
        ),
    )
    return int(found.one()[0])


async def top_holders(session: AsyncSession, *, top: int) -> list[tuple[uuid.UUID, int]]:
    """(user id, balance) of the `top` largest non-empty wallets, largest first."""
    found = await db.execute(
        session,
        sa.select(ACCOUNTS.c.user_id, ACCOUNTS.c.balance)
        .where(ACCOUNTS.c.kind == AccountKind.WALLET.value, ACCOUNTS.c.balance > 0)
        .order_by(ACCOUNTS.c.balance.desc(), ACCOUNTS.c.user_id)
        .limit(top),
    )
    return [(r.user_id, int(r.balance)) for r in found.all()]


# --- the invariant check -------------------------------------------------------------------

_ENTRIES = """
SELECT account_id, SUM(delta) AS total, COUNT(*) AS n, COUNT(DISTINCT version) AS nv,
       MAX(version) AS mv
FROM (
    SELECT credit_account_id AS account_id, amount AS delta, credit_version AS version
    FROM buz_transfers
    UNION ALL
    SELECT debit_account_id, -amount, debit_version FROM buz_transfers
) entries
GROUP BY account_id
"""

_LAST_ENTRY_MISMATCH = """
SELECT a.code FROM buz_accounts a
WHERE a.version > 0 AND NOT EXISTS (
    SELECT 1 FROM buz_transfers t
    WHERE t.debit_account_id = a.id AND t.debit_version = a.version
      AND t.debit_balance_after = a.balance
) AND NOT EXISTS (
    SELECT 1 FROM buz_transfers t
    WHERE t.credit_account_id = a.id AND t.credit_version = a.version
      AND t.credit_balance_after = a.balance
)
LIMIT 50
"""


@dataclass
class CheckResult:
    accounts: int
    transfers: int
    minted: int
    burned: int
    violations: list[str]

    @property
    def ok(self) -> bool:
        return not self.violations


async def check(session: AsyncSession) -> CheckResult:
    """Every ledger invariant, computed from the tables (read only)."""
    violations: list[str] = []
    accounts = (
        await db.execute(
            session,
            sa.select(ACCOUNTS.c.id, ACCOUNTS.c.code, ACCOUNTS.c.balance, ACCOUNTS.c.version),
        )
    ).all()
    transfers = int(
        (await db.execute(session, sa.select(sa.func.count()).select_from(TRANSFERS))).one()[0]
    )
    by_id = {row.id: row for row in accounts}
    total = sum(int(row.balance) for row in accounts)
    if total != 0:
        violations.append(f"the balances sum to {total} units, not 0")
    issuance = next((r for r in accounts if r.code == SystemAccount.ISSUANCE.value), None)
    burn = next((r for r in accounts if r.code == SystemAccount.BURN.value), None)
    minted = -int(issuance.balance) if issuance is not None else 0
    burned = int(burn.balance) if burn is not None else 0
    if issuance is None or burn is None:
        violations.append("a system account is missing (issuance or burn)")
    outside = sum(
        int(r.balance)
        for r in accounts
        if r.code not in (SystemAccount.ISSUANCE.value, SystemAccount.BURN.value)
    )
    if outside != minted - burned:
        violations.append(f"minted - burned = {minted - burned} but {outside} is held")
    if minted > MAX_SUPPLY_UNITS:
        violations.append(f"minted {minted} exceeds the max supply {MAX_SUPPLY_UNITS}")
    for row in accounts:
        if int(row.balance) < 0 and row.code != SystemAccount.ISSUANCE.value:
            violations.append(f"{row.code} is below zero ({row.balance})")

    entries = {
        _as_uuid(row.account_id): row
        for row in (await db.execute(session, sa.text(_ENTRIES))).all()
    }
    for entry_account in entries:
        if entry_account not in by_id:
            violations.append(f"entries for unknown account {entry_account}")
    for account in accounts:
        entry = entries.get(account.id)
        total_, n, nv, mv = (
            (int(entry.total), int(entry.n), int(entry.nv), int(entry.mv))
            if entry
            else (0, 0, 0, 0)
        )
        if total_ != int(account.balance):
            violations.append(
                f"{account.code}: balance {account.balance} but its entries sum to {total_}"
            )
        if not (n == nv == mv == int(account.version)):
            violations.append(
                f"{account.code}: version {account.version} but {n} entries with {nv} distinct "
                f"versions up to {mv}"
            )
    for row in (await db.execute(session, sa.text(_LAST_ENTRY_MISMATCH))).all():
        violations.append(f"{row.code}: its last entry's balance-after is not its balance")
    return CheckResult(len(accounts), transfers, minted, burned, violations[:200])


def _as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
