"""API fuzzing: schemathesis against the live OpenAPI schema of a real Brain process.

Why a real process and not the ASGI app in this process: the suite's database wraps every
test in a rolled-back transaction, while a fuzzer's requests must commit (a signed agreement
promotes a GUEST to MEMBER through an event after the commit; the welcome bonus is paid by a
handler in a session of its own). A uvicorn process on loopback, on a fresh database migrated
by `brain migrate`, is the Brain as it runs in production, and nothing the fuzzer writes can
leak into the other tests. Rate limits are off, so the fuzzer is not throttled into 429s;
jobs run in-process (no Redis), as in the embedded default.

The database is a fresh SQLite file, and in CI's second pass (`BRAIN_TEST_DATABASE_URL` on
Postgres) a fresh Postgres database created and dropped here: Postgres refuses input that
SQLite stores (a NUL byte in text, a string over a column's length), so both are fuzzed.

Two identities: a MEMBER who signed the platform pack (PPA, ESCA, PNA) and the BUZ terms
(BTS, BPP) and holds the welcome bonus, and a SUPER_ADMIN made by `brain create-admin`. Each
test gets identities of its own, and gets a new one when a request ended the old one (a
logout, an account closed, a password changed): the response is still checked, and the next
case runs signed in again.

Every check schemathesis has runs (`not_a_server_error`, `status_code_conformance`,
`content_type_conformance`, `response_schema_conformance`, `response_headers_conformance`,
`negative_data_rejection`, `positive_data_acceptance`, ...), over the examples, coverage and
fuzzing phases per operation, then the stateful phase over the links schemathesis infers
from the schema. `BRAIN_FUZZ_EXAMPLES` sets the examples per operation (a few in `make test`,
many in `make fuzz`).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import httpx
import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, settings
from hypothesis.errors import Flaky
from schemathesis.config import PositiveDataAcceptanceConfig
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    negative_data_rejection,
    unsupported_method,
    use_after_free,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from brain.core.errors import PROBLEM_CONTENT_TYPE
from tests.conftest import TEST_DATABASE_URL

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("BRAIN_FUZZ_EXAMPLES", "5"))
# Scenarios (each up to STATEFUL_STEPS calls) per identity in the stateful run.
STATEFUL_EXAMPLES = int(os.environ.get("BRAIN_FUZZ_SCENARIOS", str(EXAMPLES * 4)))
STATEFUL_STEPS = 10
PASSWORD = "plum-cellar-48-violin-tide"
PLATFORM_PACK = ("PPA", "ESCA", "PNA")
BUZ_TERMS = ("BTS", "BPP")
BIN = Path(sys.executable).parent
Case: TypeAlias = schemathesis.Case[Any]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until(what: str, ready: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {timeout} s")
        time.sleep(0.1)


@dataclass
class Server:
    url: str
    env: dict[str, str]
    http: httpx.Client = field(repr=False)

    def create_admin(self) -> dict[str, str]:
        email = f"fuzz-admin-{uuid.uuid4().hex[:10]}@example.com"
        subprocess.run(
            [BIN / "brain", "create-admin", "--email", email, "--password", PASSWORD],
            env=self.env, check=True, capture_output=True,
        )  # fmt: skip
        return self.login(email)

    def login(self, email: str) -> dict[str, str]:
        response = self.http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def create_member(self) -> dict[str, str]:
        """Register (GUEST), sign the platform pack (promoted to MEMBER, welcome bonus paid),
        then the BUZ terms: everything through the API, as a person would."""
        email = f"fuzz-member-{uuid.uuid4().hex[:10]}@example.com"
        registered = self.http.post(
            "/api/auth/register",
            json={"email": email, "password": PASSWORD, "display_name": "Fuzz Member"},
        )
        assert registered.status_code == 201, registered.text
        user_id = registered.json()["user"]["id"]
        headers = {"Authorization": f"Bearer {registered.json()['access_token']}"}
        self._sign(headers, *PLATFORM_PACK)
        _wait_until("promotion to MEMBER", lambda: self._me(headers)["role"] == "MEMBER")
        self._sign(headers, *BUZ_TERMS)

        def has_bonus() -> bool:
            balance = self.http.get(f"/api/buz/balance/{user_id}", headers=headers)
            return balance.status_code == 200 and float(balance.json()["available"]) > 0

        _wait_until("the welcome bonus", has_bonus)
        return headers

    def _sign(self, headers: dict[str, str], *types: str) -> None:
        for template_type in types:
            signed = self.http.post(
                f"/api/legal/templates/{template_type}/sign",
                json={"consent_given": True, "terms_accepted": True, "method": "click"},
                headers=headers,
            )
            assert signed.status_code == 201, signed.text

    def _me(self, headers: dict[str, str]) -> dict[str, Any]:
        me = self.http.get("/api/auth/me", headers=headers)
        assert me.status_code == 200, me.text
        body: dict[str, Any] = me.json()
        return body

    def signed_in(self, headers: dict[str, str]) -> bool:
        return self.http.get("/api/auth/me", headers=headers).status_code == 200


@contextmanager
def _database(tmp: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a Postgres database on CI's second pass."""
    if not TEST_DATABASE_URL.startswith("postgresql"):
        yield f"sqlite+aiosqlite:///{tmp / 'fuzz.db'}"
        return
    name = f"brain_fuzz_{uuid.uuid4().hex[:8]}"
    asyncio.run(_postgres(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _postgres(statement: str) -> None:
    engine = create_async_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text(statement))
    finally:
        await engine.dispose()


@contextmanager
def _serve(tmp: Path) -> Iterator[Server]:
    """`brain migrate` and `brain serve` on a fresh database and a free loopback port."""
    with _database(tmp) as database_url:
        env = os.environ | {
            "BRAIN_DATABASE_URL": database_url,
            "BRAIN_DATA_DIR": str(tmp / "data"),
            "BRAIN_RATE_LIMITS_ENABLED": "false",
            "BRAIN_LOG_LEVEL": "WARNING",
        }
        env.pop("BRAIN_REDIS_URL", None)  # in-process jobs
        subprocess.run([BIN / "brain", "migrate"], env=env, check=True, capture_output=True)
        port = _free_port()
        proc = subprocess.Popen(
            [BIN / "brain", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=env,
        )
        url = f"http://127.0.0.1:{port}"

        def live() -> bool:
            try:
                return httpx.get(f"{url}/api/health/live", timeout=1).status_code == 200
            except httpx.HTTPError:
                return proc.poll() is not None  # died: stop waiting, the assert below says so

        try:
            _wait_until("the server start", live)
            assert proc.poll() is None, "the server exited"
            with httpx.Client(base_url=url, timeout=30) as http:
                yield Server(url=url, env=env, http=http)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


class Identity:
    """Headers of a signed-in user that renew themselves when a request ended the session."""

    def __init__(self, server: Server, kind: str) -> None:
        self.server = server
        self.kind = kind
        self.headers = self._make()

    def _make(self) -> dict[str, str]:
        return self.server.create_member() if self.kind == "member" else self.server.create_admin()

    def after(self, status: int) -> None:
        if status == 401 and not self.server.signed_in(self.headers):
            self.headers = self._make()


# A server each: what the admin does (replace the compliance rules, publish template
# versions, mint) changes the platform for everyone, and the member must keep becoming one.
@pytest.fixture(scope="module")
def member(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Identity]:
    with _serve(tmp_path_factory.mktemp("fuzz-member")) as server:
        yield Identity(server, "member")


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Identity]:
    with _serve(tmp_path_factory.mktemp("fuzz-admin")) as server:
        yield Identity(server, "admin")


def _openapi() -> dict[str, Any]:
    from brain.app import create_app

    return create_app().openapi()


# Loaded at import from the same code the server runs (schemathesis parametrizes at
# collection; its fixture-based loader does not work with pytest 9). The first test checks
# that the server serves exactly this schema.
OPENAPI = _openapi()
api_schema = schemathesis.openapi.from_dict(OPENAPI)
api_schema.config.generation.update(max_examples=EXAMPLES)
# `positive_data_acceptance` expects schema-valid input to be accepted. Some input cannot be
# told apart by a schema: an opaque cursor or token the API did not issue (400/422), a
# password the policy refuses, a stake outside its tier's range (422 without an `errors`
# list, or with a `value_error`). Those answers are expected; a schema-valid request that
# fails FastAPI's own validation is not, and `request_validation_agrees_with_the_schema`
# below catches it.
# An upload's bytes are not described by a schema either: random content is not an allowed
# type (415) and a quota or size is not in it (413); a signed link may be used up (410).
api_schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=["2XX", "400", "401", "403", "404", "409", "410", "413", "415", "422", "429"]
)


@schemathesis.check
def request_validation_agrees_with_the_schema(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: Case
) -> bool | None:
    """A request the schema allows must not fail a constraint the schema could have stated
    (a length, a range, a format, a required field): that is a schema the code disagrees with.
    Business rules (a `value_error` from a validator, a `ValidationFailed`) are not schema."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code != 422:
        return None
    errors = response.json().get("errors") or []
    framework = [e for e in errors if e.get("type") != "value_error"]
    assert not framework, f"schema-valid input failed request validation: {framework}"
    return None


def _shadowing(path: str) -> bool:
    """True for a literal path that a templated one also matches (`/api/users/me` and
    `/api/users/{user_id}`): another method there reaches the templated route (422 for the bad
    id, not 405; `Allow` names the templated route's methods too), so `unsupported_method`
    and `allow_header_conformance`, which judge by the schema's path, do not apply."""
    parts = path.split("/")
    for other in OPENAPI["paths"]:
        theirs = other.split("/")
        if (
            other != path
            and len(theirs) == len(parts)
            and all(
                t == p or (t.startswith("{") and t.endswith("}"))
                for t, p in zip(theirs, parts, strict=True)
            )
        ):
            return True
    return False


SHADOWING = {path for path in OPENAPI["paths"] if _shadowing(path)}
SHADOWED_CHECKS = [unsupported_method, allow_header_conformance]
FILE_DOWNLOADS = {"/api/files/{file_id}/content", "/api/files/public/links/{link_id}/content"}


def _excluded_checks(case: Case) -> list[Any]:
    excluded: list[Any] = []
    if case.operation.path in SHADOWING:
        excluded += SHADOWED_CHECKS
    if case.operation.path.startswith("/api/users/{user_id}"):
        # `DELETE /api/users/{id}` closes an account and keeps the id (ledger entries and
        # signatures point at it): admins still read it, as DEACTIVATED. `use_after_free`
        # expects a hard delete.
        excluded.append(use_after_free)
    if case.media_type and case.media_type.startswith("multipart/"):
        # A form field is text: the fuzzer's "null" or 42 for a string field arrives as the
        # string "null" or "42", which is valid; it is not the negative data the check thinks.
        excluded.append(negative_data_rejection)
    if case.operation.path in FILE_DOWNLOADS:
        # The bytes come with the type the file was stored with (image/png, application/pdf),
        # declared as the generic application/octet-stream (`*/*` would be dropped by client
        # generators).
        excluded.append(content_type_conformance)
    return excluded


def test_the_server_serves_the_fuzzed_schema(member: Identity) -> None:
    assert member.server.http.get("/openapi.json").json() == OPENAPI


def _validate(
    case: Case,
    response: schemathesis.Response,
    identity: Identity,
    **kwargs: Any,
) -> None:
    try:
        case.validate_response(response, excluded_checks=_excluded_checks(case), **kwargs)
        if response.status_code >= 400:
            content_type = response.headers.get("content-type", [""])[0]
            assert content_type == PROBLEM_CONTENT_TYPE, (
                f"{case.method} {case.formatted_path} answered {response.status_code} "
                f"with {content_type!r}, not problem details"
            )
    finally:
        identity.after(response.status_code)


def _call(case: Case, identity: Identity) -> None:
    kwargs: dict[str, Any] = {"base_url": identity.server.url, "headers": identity.headers}
    response = case.call(**kwargs)
    _validate(case, response, identity, headers=identity.headers, transport_kwargs=kwargs)


NO_DEADLINE = settings(deadline=None, suppress_health_check=list(HealthCheck))


@api_schema.parametrize()
@NO_DEADLINE
def test_every_operation_as_a_member(case: Case, member: Identity) -> None:
    _call(case, member)


@api_schema.parametrize()
@NO_DEADLINE
def test_every_operation_as_an_admin(case: Case, admin: Identity) -> None:
    _call(case, admin)


def _run_stateful(identity: Identity) -> None:
    """Sequences of calls along the links schemathesis infers from the schema (a created
    document's id into its send, sign and void; a user id into the profile and wallet)."""
    base: Any = api_schema.as_state_machine()
    failures: list[BaseException] = []
    steps: list[int] = []

    class Workflow(base):  # type: ignore[misc]
        def get_call_kwargs(self, case: Case) -> dict[str, Any]:  # noqa: ARG002
            return {"base_url": identity.server.url, "headers": identity.headers}

        def validate_response(
            self,
            response: schemathesis.Response,
            case: Case,
            additional_checks: Any = None,
            **kwargs: Any,
        ) -> None:
            try:
                _validate(
                    case,
                    response,
                    identity,
                    additional_checks=additional_checks,
                    headers=kwargs.get("headers"),
                    transport_kwargs=kwargs or None,
                    recorder=self.recorder,
                )
            except BaseException as exc:
                failures.append(exc)
                raise
            steps.append(response.status_code)

    run_settings = settings(
        NO_DEADLINE,
        max_examples=STATEFUL_EXAMPLES,
        stateful_step_count=STATEFUL_STEPS,
        # Generation only, no example database: the server keeps what each scenario did, so
        # a replayed or shrunk scenario meets another state (other ids in the bundles).
        phases=[Phase.generate],
        database=None,
    )
    for _ in range(3):
        try:
            Workflow.run(settings=run_settings)
            return
        except Flaky:
            # The rules a scenario may take depend on what the server answered before, so
            # Hypothesis can find that a prefix it saw draws differently now, or that the
            # failing scenario it replays (to report it) no longer fails the same way. A
            # failure found is reported; without one, the run starts over (as schemathesis's
            # own runner does).
            if failures:
                raise failures[0] from None
    assert steps, "the stateful run never got a response checked"


def test_workflows_as_a_member(member: Identity) -> None:
    _run_stateful(member)


def test_workflows_as_an_admin(admin: Identity) -> None:
    _run_stateful(admin)
