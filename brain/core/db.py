"""The database: one async engine per process and one session per unit of work.

A unit of work (`session_scope`) commits at the end and rolls back on error. Services only
flush. Work that must happen after a successful commit (dispatching outbox events) registers
an `after_commit` callback on the session; rollback discards them, so a rolled-back
transaction delivers nothing.

A request with a safe method (GET, HEAD, OPTIONS) gets a read-only unit of work: on Postgres
its statements run without BEGIN and COMMIT (autocommit: each SELECT sees the data committed
when it starts, which is what READ COMMITTED, Postgres's default, gives every statement inside
a transaction too); on SQLite it begins a deferred transaction, so a read does not queue for
the write lock. Two of the four round trips of an authenticated read go. Any write in it is
refused (`ReadOnlyViolation`, a 500), so a handler that writes uses a POST, PUT, PATCH or
DELETE route, or says that it writes with `@writes` (a GET that audits a first view). The
access-matrix test calls every route, so a GET that writes unmarked fails it.
"""

from __future__ import annotations

import asyncio
import logging
import re
import select
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import asyncpg
import sqlalchemy as sa
from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.engine import Dialect, ExceptionContext, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql import Executable
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.core.internals import (
    ROUTE_SCOPE_KEY,
    asyncpg_socket_fd,
    result_column_types,
    statement_writes,
)

log = logging.getLogger(__name__)

AfterCommit = Callable[[], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None
_read_sessionmaker: async_sessionmaker[AsyncSession] | None = None
_settings: Settings | None = None
# Postgres only: plain asyncpg connections for `FastSelect` in read-only units of work (see
# there). Opened on first use, None while tests bind sessions to one connection.
_read_pool: asyncpg.Pool | None = None
_read_pool_enabled = False
_read_pool_lock = asyncio.Lock()

_READ_CONNECTION = "brain_read_connection"
READ_POOL_APPLICATION_NAME = "brain-read-pool"

# True inside a read-only unit of work. A context variable rather than a session attribute
# because the guard below sees a cursor, not a session (and SQLAlchemy carries the context
# into the greenlet that runs the driver).
_read_only: ContextVar[bool] = ContextVar("brain_read_only", default=False)

# Statements that change data or schema, by their first word (text statements included).
_WRITE_SQL = re.compile(
    r"\s*(insert|update|delete|merge|upsert|replace|create|alter|drop|truncate|grant|revoke"
    r"|lock|copy|vacuum|reindex|cluster|refresh|comment)\b",
    re.IGNORECASE,
)


class ReadOnlyViolation(RuntimeError):
    """A statement that writes, run in a read-only unit of work: a programming error."""


def create_engine(settings: Settings) -> AsyncEngine:
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url,
            echo=settings.db_echo,
            connect_args={"timeout": settings.db_connect_timeout},
        )
        _configure_sqlite(engine)
        _refuse_writes_when_read_only(engine)
        return engine
    engine = create_async_engine(
        url,
        echo=settings.db_echo,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        connect_args={"timeout": settings.db_connect_timeout},
    )
    _replace_closed_connections(engine)
    _refuse_writes_when_read_only(engine)
    return engine


def _refuse_writes_when_read_only(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _guard(
        _conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool
    ) -> None:
        if not _read_only.get():
            return
        writes = context is not None and statement_writes(context)
        if writes or _WRITE_SQL.match(statement):
            raise ReadOnlyViolation(
                "a write in a read-only unit of work (a GET, HEAD or OPTIONS request): "
                f"{statement[:120]!r}"
            )


def _replace_closed_connections(engine: AsyncEngine) -> None:
    """A connection that died with a database restart is replaced at checkout instead of
    failing a request, so the pool recovers without restarting the process.

    Not `pool_pre_ping`: SQLAlchemy's asyncpg ping is three round trips (BEGIN, `;`,
    ROLLBACK) on every checkout, a quarter of the CPU of a small authenticated read. asyncpg
    reads every pooled connection's socket, so it knows at once when the server has closed
    one (a restart, `pg_terminate_backend`), and asking it costs no round trip.
    """

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(_dbapi: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        driver = record.driver_connection
        if driver is not None and (driver.is_closed() or _has_unread_data(driver)):
            # The pool discards this connection and checks out (or opens) another.
            raise DisconnectionError("the server closed this connection")

    @event.listens_for(engine.sync_engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        # What the checkout could not see (the goodbye arrived during the first statement):
        # a disconnect, so SQLAlchemy invalidates the connection and the error handlers
        # answer 503 with Retry-After, not 500.
        if not context.is_disconnect and _driver_lost_connection(context.original_exception):
            context.is_disconnect = True


def _driver_lost_connection(exc: BaseException | None) -> bool:
    """The driver's error (or what caused it) says the connection is gone: asyncpg's
    `ConnectionDoesNotExistError` and `InternalClientError` (what a statement on a connection
    whose goodbye asyncpg had not read yet raised) and the connection-exception SQLSTATEs."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, asyncpg.ConnectionDoesNotExistError | asyncpg.InternalClientError):
            return True
        if isinstance(exc, asyncpg.PostgresError) and _broken_connection(exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _has_unread_data(driver: Any) -> bool:
    """An idle pooled connection with bytes waiting in its socket: the server spoke while
    nobody asked, which on a connection the Brain never LISTENs on means its goodbye (a
    restart, a terminated backend). asyncpg reads it only when the event loop next runs, so a
    checkout right after it got the connection as open, and the first statement failed with
    a 500. One `select()` with no wait: a syscall, not a round trip."""
    fd = asyncpg_socket_fd(driver)
    if fd is None:
        return False
    readable, _, _ = select.select([fd], [], [], 0)
    return bool(readable)


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN: the driver's implicit transactions break
        # SAVEPOINT and start writes lazily.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front. A deferred transaction that reads and then
        # writes fails at once (SQLITE_BUSY, no waiting) when another writer got in between;
        # an immediate one waits its turn under busy_timeout instead. A read-only unit of work
        # never writes, so it begins deferred and reads beside the writer (WAL).
        conn.exec_driver_sql("BEGIN" if _read_only.get() else "BEGIN IMMEDIATE")


def configure(settings: Settings) -> AsyncEngine:
    """Create this process's engine and session factory (called from the app's lifespan,
    the worker's startup and the CLI)."""
    global _engine, _settings
    _engine = create_engine(settings)
    _settings = settings
    use_engine_sessionmakers()
    return _engine


def use_engine_sessionmakers() -> None:
    """Session factories on this process's engine (after `configure`, or to undo a test's
    `use_sessionmaker`)."""
    global _sessionmaker, _read_sessionmaker, _read_pool_enabled, _read_pool_lock
    engine = get_engine()
    _read_pool_enabled = engine.dialect.name == "postgresql"
    _read_pool_lock = asyncio.Lock()  # new with each engine: a lock serves one event loop
    _sessionmaker = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
    # Same pool; on Postgres a connection checked out for a read runs in autocommit (asyncpg
    # then sends no BEGIN/COMMIT; set and reset at checkout and return without a round trip).
    # Not on SQLite: the driver's isolation reset would switch its implicit transactions on.
    reads = (
        engine.execution_options(isolation_level="AUTOCOMMIT")
        if engine.dialect.name == "postgresql"
        else engine
    )
    _read_sessionmaker = async_sessionmaker(reads, class_=AsyncSession, expire_on_commit=False)


def use_sessionmaker(
    factory: async_sessionmaker[AsyncSession] | None,
    *,
    reads: async_sessionmaker[AsyncSession] | None = None,
) -> None:
    """Swap the session factories (tests bind them to a connection that is rolled back).
    Read-only units of work use `reads`, by default the same factory."""
    global _sessionmaker, _read_sessionmaker, _read_pool_enabled
    _sessionmaker = factory
    _read_sessionmaker = reads or factory
    # What the test's sessions see (an uncommitted transaction) only their connection sees.
    _read_pool_enabled = False


def get_engine() -> AsyncEngine:
    if _engine is None:
        raise RuntimeError("database not configured: call brain.core.db.configure() first")
    return _engine


def is_configured() -> bool:
    return _engine is not None


def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    if _sessionmaker is None:
        raise RuntimeError("database not configured: call brain.core.db.configure() first")
    return _sessionmaker


async def dispose() -> None:
    global _engine, _sessionmaker, _read_sessionmaker, _read_pool, _read_pool_enabled
    if _read_pool is not None:
        await _read_pool.close()
    if _engine is not None:
        await _engine.dispose()
    _engine = None
    _sessionmaker = None
    _read_sessionmaker = None
    _read_pool = None
    _read_pool_enabled = False


async def execute(
    session: AsyncSession,
    statement: Executable,
    params: dict[str, Any] | list[dict[str, Any]] | None = None,
) -> Any:
    """Run a Core statement (a `select`/`insert`/`update` of columns or tables, not of ORM
    entities) on the session's connection, in its transaction. Not through `session.exec`:
    the ORM execution layer costs about a third more CPU per statement, and four times more
    for the principal lookup every authenticated request makes."""
    connection = await session.connection()
    return await connection.execute(statement, params)


def _plain_type(type_: Any) -> bool:
    """A type whose values asyncpg reads and writes as SQLAlchemy would, with no codec. A
    TypeDecorator counts by what it stores (SQLModel's `AutoString` is a String); whether it
    processes values is checked separately (bind and result processors)."""
    if isinstance(type_, sa.types.TypeDecorator):
        type_ = type_.impl_instance
    plain = isinstance(type_, sa.String | sa.Integer | sa.Boolean | sa.Uuid | sa.Numeric)
    return plain and not isinstance(type_, sa.Enum)


class FastSelect:
    """A SELECT built once (at import) and run per request, the cheapest way it can be:

        _BALANCES = db.FastSelect(sa.select(...).where(ACCOUNTS.c.id == sa.bindparam("wallet")))
        rows = await _BALANCES.all(session, {"wallet": wallet})   # mappings: row["balance"]

    In a read-only unit of work on Postgres it runs on a plain asyncpg connection from the
    read pool (`BRAIN_DB_READ_POOL_SIZE`), taken once per unit of work, with asyncpg's own
    prepared-statement cache. Why: on the 2-core bench machine a statement through
    SQLAlchemy cost ~250 us of CPU against ~100 us on asyncpg, and checking a connection out
    of SQLAlchemy's async pool and opening and closing an ORM session another ~370 us; an
    authenticated balance read (the caller's session, then the wallet) now needs neither.
    Only when SQLAlchemy would not change a value on the way in or out (checked once, on
    first use): a column or parameter of another type than a string, number, boolean or
    UUID, or one whose type needs processing (a TypeDecorator, JSON, an Enum), keeps the
    SQLAlchemy path, as do expanding IN parameters. In a transaction, and on SQLite, it
    always goes through SQLAlchemy, so it takes part in the transaction as any other
    statement does. (Tests that bind sessions to one connection get that connection's
    asyncpg connection instead of the pool, so it sees what the test wrote.)
    """

    def __init__(self, statement: sa.Select[*tuple[Any, ...]]) -> None:
        self.statement = statement
        self._asyncpg: tuple[str, tuple[str, ...]] | None = None
        self._checked = False

    def _for_asyncpg(self, dialect: Dialect) -> tuple[str, tuple[str, ...]] | None:
        """The statement's SQL and its parameter order for asyncpg, or None when a value
        would need SQLAlchemy's type processing."""
        if not self._checked:
            compiled = self.statement.compile(dialect=dialect)
            order = tuple(compiled.positiontup or ())
            # Expanding (IN) and literal-execute parameters are rendered per call by
            # SQLAlchemy: not plain either.
            columns = result_column_types(compiled)
            binds = [compiled.binds[name].type for name in order]
            plain = (
                not compiled.post_compile_params
                and all(_plain_type(t) for t in columns)
                and all(_plain_type(t) for t in binds)
                and all(t.dialect_impl(dialect).bind_processor(dialect) is None for t in binds)
                and all(
                    t.dialect_impl(dialect).result_processor(dialect, None) is None for t in columns
                )
            )
            self._asyncpg = (str(compiled), order) if plain else None
            self._checked = True
        return self._asyncpg

    async def all(self, session: AsyncSession, params: dict[str, Any]) -> list[Mapping[str, Any]]:
        if _read_only.get() and _read_pool_enabled:
            prepared = self._for_asyncpg(get_engine().dialect)
            if prepared is not None:
                sql, order = prepared
                records = await _fetch_from_read_pool(session, sql, [params[n] for n in order])
                return cast(list[Mapping[str, Any]], records)
        connection = await session.connection()
        if _read_only.get() and connection.dialect.name == "postgresql":
            prepared = self._for_asyncpg(connection.dialect)
            if prepared is not None:
                sql, order = prepared
                # The asyncpg connection under the session's (already checked out) one.
                bound: Any = cast(Any, connection.sync_connection).connection.driver_connection
                records = await bound.fetch(sql, *[params[name] for name in order])
                return cast(list[Mapping[str, Any]], records)
        result = await connection.execute(self.statement, params)
        return cast(list[Mapping[str, Any]], result.mappings().all())

    async def first(
        self, session: AsyncSession, params: dict[str, Any]
    ) -> Mapping[str, Any] | None:
        rows = await self.all(session, params)
        return rows[0] if rows else None


async def _read_connection(session: AsyncSession) -> asyncpg.Connection:
    """The unit of work's plain asyncpg connection, taken from the read pool on first use and
    given back when the unit of work ends (`session_scope`)."""
    held: asyncpg.Connection | None = session.info.get(_READ_CONNECTION)
    if held is None:
        pool = await _open_read_pool()
        settings = _settings
        timeout = settings.db_pool_timeout if settings is not None else None
        held = await pool.acquire(timeout=timeout)
        session.info[_READ_CONNECTION] = held
    return held


def _broken_connection(exc: BaseException) -> bool:
    """The connection failed, not the statement: the server closed it (a restart, a
    terminated backend) or it is in no state to run one."""
    if isinstance(exc, asyncpg.PostgresError):
        sqlstate = exc.sqlstate or ""
        return sqlstate.startswith("08") or sqlstate in {"57P01", "57P02", "57P03"}
    return isinstance(exc, asyncpg.InterfaceError | asyncpg.InternalClientError | OSError)


def _lost(exc: BaseException) -> ConnectionError:
    """A read-pool connection that failed, as the error the app answers 503 to (a
    `ConnectionError`, like asyncpg's own refused connects), not asyncpg's (a 500)."""
    return ConnectionError(f"the database connection was lost: {exc!r}")


async def _fetch_from_read_pool(session: AsyncSession, sql: str, args: list[Any]) -> list[Any]:
    """Run a SELECT on the unit of work's read connection, once more on a fresh connection
    if the first one turns out dead. A SELECT in autocommit changes nothing, so running it
    again is safe; and a pooled connection the server ended while it sat idle is found out
    only on use (asyncpg may not have read the server's goodbye yet), which would otherwise
    fail one request after every database restart."""
    for attempt in (1, 2):
        driver = await _read_connection(session)
        try:
            return cast(list[Any], await driver.fetch(sql, *args))
        except Exception as exc:
            if not _broken_connection(exc):
                raise
            session.info.pop(_READ_CONNECTION, None)
            await _drop_read_connection(driver)
            # What ended one idle connection (a restart) ended the others too: the retry (and
            # the next requests) must not take another dead one from a warm pool.
            if _read_pool is not None:
                await _read_pool.expire_connections()
            if attempt == 2:
                raise _lost(exc) from exc
            log.info("read pool: a dead connection was replaced (%r)", exc)
    raise AssertionError("unreachable")


async def _drop_read_connection(driver: Any) -> None:
    """Terminate a dead read connection and hand it back (the pool replaces it). asyncpg may
    have given it back itself when it saw the connection die (seen under load in CI: the
    proxy then refuses both calls with InterfaceError): nothing is left to do then."""
    try:
        driver.terminate()
        if _read_pool is not None:
            await _read_pool.release(driver)
    except asyncpg.InterfaceError:
        log.info("read pool: the dead connection was already back in the pool")


async def _release_read_connection(session: AsyncSession, *, cancelled: bool) -> None:
    held = session.info.pop(_READ_CONNECTION, None)
    if held is None or _read_pool is None:
        return
    if cancelled:
        # Maybe in the middle of a query (the client went away): a connection in that
        # state is not handed out again; the pool opens another.
        held.terminate()
    await _read_pool.release(held)


async def _nothing_to_reset(_connection: asyncpg.Connection) -> None:
    return None


async def _open_read_pool() -> asyncpg.Pool:
    global _read_pool
    async with _read_pool_lock:
        if _read_pool is None:
            engine = get_engine()
            settings = _settings
            assert settings is not None
            dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            _read_pool = await asyncpg.create_pool(
                dsn,
                min_size=0,
                max_size=settings.db_read_pool_size,
                timeout=settings.db_connect_timeout,
                # Idle connections are closed after a while, as the engine's pool recycles.
                max_inactive_connection_lifetime=300,
                # asyncpg resets every connection it takes back (advisory locks, cursors,
                # LISTEN, settings: one more round trip per request). A FastSelect leaves none
                # of them behind, so there is nothing to reset.
                reset=_nothing_to_reset,
                # Named, so pg_stat_activity tells this pool's connections from the engine's.
                server_settings={"application_name": READ_POOL_APPLICATION_NAME},
            )
        return _read_pool


def after_commit(session: AsyncSession, callback: AfterCommit, *, key: str | None = None) -> None:
    """Run `callback` once the session's transaction has committed.

    With a `key`, the callback is registered at most once per unit of work.
    """
    callbacks: dict[str, AfterCommit] = session.info.setdefault("brain_after_commit", {})
    callbacks.setdefault(key or f"cb-{len(callbacks)}", callback)


async def _run_after_commit(session: AsyncSession) -> None:
    callbacks: dict[str, AfterCommit] = session.info.pop("brain_after_commit", {})
    for callback in callbacks.values():
        try:
            await callback()
        except Exception:
            # The transaction is committed; what failed here is delivered later (the outbox
            # sweeper), so the caller's success stands.
            log.exception("after-commit callback failed")


@asynccontextmanager
async def session_scope(*, read_only: bool = False) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on error, then run after-commit work.

    `read_only=True`: no BEGIN/COMMIT on Postgres, a deferred transaction on SQLite, and any
    write raises `ReadOnlyViolation` (see the module's docstring)."""
    factory = get_sessionmaker()
    if read_only:
        factory = _read_sessionmaker or factory
    token = _read_only.set(read_only)
    session = factory()
    try:
        try:
            yield session
            if not read_only:
                await session.commit()
            # A read-only unit of work has nothing to commit: closing the session ends it
            # (no round trip in autocommit) for ~5 % less CPU per read than commit.
        except BaseException as exc:
            session.info.pop("brain_after_commit", None)
            # A cancellation may stop a query halfway; an error (a 404...) comes after the
            # read connection's query finished, or from it, and leaves it usable.
            await _release_read_connection(session, cancelled=not isinstance(exc, Exception))
            if session.in_transaction():
                await session.rollback()
            raise
        await _release_read_connection(session, cancelled=False)
        await _run_after_commit(session)
    finally:
        # A session that never took a connection nor loaded an object (a read answered from
        # the read pool) has nothing to close; closing it anyway was ~5 % of such a read.
        if session.in_transaction() or session.sync_session.identity_map:
            await session.close()
        try:
            _read_only.reset(token)
        except ValueError:
            # Closed from another context (a generator finalised elsewhere): that context
            # ends with it, so there is nothing to restore.
            pass


Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def writes(endpoint: Endpoint) -> Endpoint:
    """Mark a GET route whose handler writes (it audits a first view, stores a definition on
    first use): its requests get a transactional unit of work like a POST's. Put it under the
    route decorator:

        @router.get("/documents/{document_id}")
        @writes
        async def read_document(...): ...
    """
    endpoint.__brain_writes__ = True  # type: ignore[attr-defined]
    return endpoint


def autocommit(endpoint: Endpoint) -> Endpoint:
    """Mark a POST (PUT, PATCH, DELETE) route whose writes are ONE statement that commits on
    its own (a database function's call, `call_function`): on Postgres its unit of work is
    read-only, like a GET's (the principal lookup from the read pool, no BEGIN or COMMIT),
    and the call runs in autocommit on the same plain connection. Where the read pool does
    not serve (SQLite, tests that bind sessions to one connection) it changes nothing: the
    route's unit of work is a transaction as any POST's. Under the route decorator, as
    `@writes`."""
    endpoint.__brain_autocommit__ = True  # type: ignore[attr-defined]
    return endpoint


async def call_function(
    session: AsyncSession, sql: str, args: Sequence[Any]
) -> list[Mapping[str, Any]]:
    """Run `sql` (one statement, `$1`-style parameters: a database function's call) and
    return its rows. In a read-only unit of work on Postgres (an `@autocommit` route) it runs
    in autocommit on the unit of work's read-pool connection: the statement is its own
    transaction, committed when the rows come back (asyncpg's errors are raised as they
    are). Otherwise in the session's transaction, on its connection (SQLAlchemy's errors),
    committed with it."""
    if _read_only.get() and _read_pool_enabled:
        driver = await _read_connection(session)
        try:
            return cast(list[Mapping[str, Any]], await driver.fetch(sql, *args))
        except Exception as exc:
            if not _broken_connection(exc):
                raise
            # Not retried: the call may have committed before the connection went. The client
            # gets a 503 and retries with its idempotency key, which finds out.
            session.info.pop(_READ_CONNECTION, None)
            await _drop_read_connection(driver)
            if _read_pool is not None:
                await _read_pool.expire_connections()
            raise _lost(exc) from exc
    connection = await session.connection()
    result = await connection.exec_driver_sql(sql, tuple(args))
    return cast(list[Mapping[str, Any]], result.mappings().all())


def _read_only_request(request: Request) -> bool:
    endpoint = getattr(request.scope.get(ROUTE_SCOPE_KEY), "endpoint", None)
    if request.method not in SAFE_METHODS:
        return _read_pool_enabled and getattr(endpoint, "__brain_autocommit__", False)
    return not getattr(endpoint, "__brain_writes__", False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with session_scope(read_only=_read_only_request(request)) as session:
        yield session


# scope="function": the commit happens after the handler returns and before the response is
# sent, so a failed commit becomes an error response, never a 2xx for lost work.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
