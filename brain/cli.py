"""`brain serve | worker | migrate | create-admin | check-ledger | openapi | docs | version`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from brain import __version__

if TYPE_CHECKING:
    from brain.domains.buz.schemas import LedgerReport

app = typer.Typer(help="The Brain: SmartStart's backend.", no_args_is_help=True)


def alembic_config(database_url: str | None = None) -> object:
    """The Alembic config of this checkout (`alembic.ini` in the working directory, or next to
    the `brain` package for an editable install)."""
    from alembic.config import Config

    candidates = [Path.cwd() / "alembic.ini", Path(__file__).resolve().parents[1] / "alembic.ini"]
    ini = next((p for p in candidates if p.is_file()), None)
    if ini is None:
        raise typer.BadParameter("alembic.ini not found; run from the project folder")
    config = Config(str(ini))
    config.set_main_option("script_location", str(ini.parent / "migrations"))
    if database_url:
        config.attributes["database_url"] = database_url
    return config


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (BRAIN_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (BRAIN_PORT).")] = None,
    workers: Annotated[int | None, typer.Option(help="Processes (BRAIN_WORKERS).")] = None,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
) -> None:
    """Serve the API with uvicorn."""
    import uvicorn

    from brain.core.config import get_settings

    settings = get_settings()
    workers = workers or settings.workers
    uvicorn.run(
        "brain.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=None if reload else workers,
        reload=reload,
        # The client's address behind proxies is the Brain's job (BRAIN_TRUSTED_PROXY_HOPS,
        # brain/core/middleware.py): uvicorn's proxy headers take the leftmost X-Forwarded-For
        # entry for trusted peers, which the client writes.
        proxy_headers=False,
        # Under h11 (no httptools) uvicorn itself refuses oversized headers; the middleware
        # bounds them for both parsers (brain/core/limits.py).
        h11_max_incomplete_event_size=settings.max_header_bytes,
        access_log=settings.access_logs,  # BRAIN_ACCESS_LOG; off in production by default
        log_config=None,  # the Brain configures logging itself (request ids, JSON)
        # The maintained websockets implementation (the default one is deprecated); it waits
        # for a slow client's socket to drain, which the realtime domain's send deadline uses.
        ws="websockets-sansio",
    )


@app.command()
def worker(
    burst: Annotated[bool, typer.Option(help="Exit once the queue is empty.")] = False,
) -> None:
    """Run background jobs from Redis (needs BRAIN_REDIS_URL)."""
    from brain.worker import run_worker

    run_worker(burst=burst)


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Apply database migrations (alembic upgrade)."""
    from alembic import command

    command.upgrade(alembic_config(), revision)  # type: ignore[arg-type]


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(help="The admin's email (sign-in name).")],
    password: Annotated[
        str | None,
        typer.Option(help="The password; prompted for (twice) when left out.", show_default=False),
    ] = None,
    display_name: Annotated[str, typer.Option(help="Name shown to others.")] = "Administrator",
) -> None:
    """Create a SUPER_ADMIN, or promote the account with this email and set its password."""
    import asyncio

    from brain.domains.auth.passwords import policy_problem
    from brain.domains.users.errors import InvalidEmail
    from brain.domains.users.service import normalize_email

    # The rule sign-in applies (`users.normalize_email`), checked before asking for a
    # password: an admin who could not sign in with this address is no admin.
    try:
        email = normalize_email(email).address
    except InvalidEmail as exc:
        raise typer.BadParameter(exc.detail, param_hint="--email") from exc
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = policy_problem(password)
    if problem is not None:
        raise typer.BadParameter(f"the password {problem}", param_hint="--password")
    user_id = asyncio.run(_create_admin(email, display_name, password))
    sys.stdout.write(f"SUPER_ADMIN {email} ({user_id}) is ready.\n")


async def _create_admin(email: str, display_name: str, password: str) -> str:
    from brain import handlers
    from brain.core import db, jobs
    from brain.core.config import get_settings
    from brain.domains.auth import service

    settings = get_settings()
    db.configure(settings)
    backend = jobs.configure(settings, autostart=False)
    handlers.register()
    try:
        async with db.session_scope() as session:
            user_id = await service.create_admin(
                session, email=email, display_name=display_name, password=password
            )
        if isinstance(backend, jobs.InProcessJobs):
            await backend.run_until_idle()  # the welcome email, written to the outbox
        return str(user_id)
    finally:
        await backend.stop()
        jobs.use_backend(None)
        await db.dispose()


@app.command("check-ledger")
def check_ledger() -> None:
    """Check every BUZ ledger invariant; exit 1 on any violation."""
    import asyncio

    report = asyncio.run(_check_ledger())
    if report.ok:
        sys.stdout.write(
            f"ledger ok: {report.accounts} accounts, {report.transfers} transfers, "
            f"minted {report.minted / 100:,.2f} BUZ, burned {report.burned / 100:,.2f} BUZ\n"
        )
        return
    for violation in report.violations:
        sys.stderr.write(f"violation: {violation}\n")
    raise typer.Exit(code=1)


async def _check_ledger() -> LedgerReport:
    from brain.core import db
    from brain.core.config import get_settings
    from brain.domains.buz import service

    db.configure(get_settings())
    try:
        async with db.session_scope() as session:
            return await service.verify(session)
    finally:
        await db.dispose()


@app.command()
def openapi(
    indent: Annotated[int, typer.Option(help="JSON indentation.")] = 2,
) -> None:
    """Print the OpenAPI schema as JSON."""
    from brain.app import create_app

    os.environ.setdefault("BRAIN_LOG_LEVEL", "WARNING")
    schema = create_app().openapi()
    sys.stdout.write(json.dumps(schema, indent=indent, sort_keys=False) + "\n")


@app.command()
def docs(
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a page is stale.")
    ] = False,
) -> None:
    """Write the generated documentation (configuration, API reference, domain sections)."""
    from brain import docgen

    if check:
        stale = docgen.stale_pages()
        for page in stale:
            sys.stderr.write(f"stale: {page}\n")
        if stale:
            sys.stderr.write("run `brain docs` (make docs-generate) and commit the result\n")
            raise typer.Exit(code=1)
        sys.stdout.write(f"{len(docgen.generated_pages())} generated pages are up to date\n")
        return
    written = docgen.write_pages()
    for page in written:
        sys.stdout.write(f"wrote {page}\n")
    if not written:
        sys.stdout.write(f"{len(docgen.generated_pages())} generated pages are up to date\n")


@app.command()
def version() -> None:
    """Print the Brain's version."""
    sys.stdout.write(f"{__version__}\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
