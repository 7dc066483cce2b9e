"""Every error a client can meet is RFC 9457 problem details with a stable code."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from httpx import AsyncClient, Response
from pydantic import BaseModel

from brain.core.db import SessionDep
from brain.core.errors import PROBLEM_CONTENT_TYPE, BrainError, RateLimited

SECRET_TEXT = "db password is hunter2"


class InsufficientFunds(BrainError):
    status = 409
    code = "INSUFFICIENT_FUNDS"
    title = "Insufficient funds"


class TransferIn(BaseModel):
    recipient: str
    amount: int


def add_test_routes(app: FastAPI) -> FastAPI:
    """Routes that exist only in these tests, each failing in one way."""

    @app.get("/api/test-errors/crash")
    async def crash() -> dict[str, str]:
        raise RuntimeError(SECRET_TEXT)

    @app.post("/api/test-errors/transfers")
    async def transfer(body: TransferIn) -> dict[str, Any]:
        return body.model_dump()

    @app.get("/api/test-errors/broke")
    async def broke() -> dict[str, str]:
        raise InsufficientFunds("Your balance is 3 BUZ; the transfer needs 5.", balance="3")

    @app.get("/api/test-errors/busy")
    async def busy() -> dict[str, str]:
        raise RateLimited(retry_after=42, detail="Slow down.")

    @app.get("/api/test-errors/refused/{why}")
    async def refused(why: str) -> dict[str, str]:
        # What asyncpg raises for a new connection while Postgres starts or stops, or when
        # it has no connection slot left.
        from asyncpg import exceptions
        from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi

        cause = (
            exceptions.CannotConnectNowError("the database system is shutting down")
            if why == "restarting"
            else exceptions.TooManyConnectionsError("sorry, too many clients already")
        )
        orig = AsyncAdapt_asyncpg_dbapi.Error(str(cause), cause)  # type: ignore[no-untyped-call]
        raise sa.exc.DBAPIError("SELECT 1", None, orig)

    @app.get("/api/test-errors/rows")
    async def rows(session: SessionDep) -> dict[str, int]:
        value = await session.scalar(sa.select(sa.literal(1)))
        return {"value": int(value or 0)}

    return app


@pytest.fixture
def errors_app(app: object) -> FastAPI:
    # The same instance the `client` fixture serves.
    assert isinstance(app, FastAPI)
    return add_test_routes(app)


def assert_problem(response: Response, *, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_CONTENT_TYPE)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"].startswith("https://")
    assert body["title"]
    assert body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    return body


async def test_unknown_route_is_a_404_problem_with_the_request_id(client: AsyncClient) -> None:
    response = await client.get("/api/no-such-thing", headers={"X-Request-ID": "req-404"})

    body = assert_problem(response, status=404, code="RESOURCE_NOT_FOUND")
    assert body["request_id"] == "req-404"


async def test_wrong_method_is_a_405_problem(client: AsyncClient) -> None:
    response = await client.delete("/api/health")

    assert_problem(response, status=405, code="METHOD_NOT_ALLOWED")
    assert "GET" in response.headers["allow"]


async def test_unexpected_exception_is_a_500_without_internals(
    errors_app: FastAPI, client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        response = await client.get("/api/test-errors/crash")

    body = assert_problem(response, status=500, code="INTERNAL_ERROR")
    assert SECRET_TEXT not in response.text
    assert "RuntimeError" not in response.text
    assert "Traceback" not in response.text
    assert set(body) == {"type", "title", "status", "detail", "code", "request_id"}
    # The operators get what the client does not: the traceback, in the log.
    logged = [r for r in caplog.records if r.exc_info and SECRET_TEXT in str(r.exc_info[1])]
    assert logged, "the unexpected exception was not logged with its traceback"


async def test_malformed_body_is_a_422_naming_each_bad_field(
    errors_app: FastAPI, client: AsyncClient
) -> None:
    response = await client.post("/api/test-errors/transfers", json={"amount": "lots"})

    body = assert_problem(response, status=422, code="VALIDATION_ERROR")
    fields = {error["field"]: error for error in body["errors"]}
    assert set(fields) == {"body.recipient", "body.amount"}
    assert all(error["message"] and error["type"] for error in body["errors"])
    assert "body.amount" in body["detail"]


async def test_body_that_is_not_json_is_a_422_problem(
    errors_app: FastAPI, client: AsyncClient
) -> None:
    response = await client.post(
        "/api/test-errors/transfers",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )

    body = assert_problem(response, status=422, code="VALIDATION_ERROR")
    assert body["errors"]


async def test_domain_error_answers_its_own_status_and_code(
    errors_app: FastAPI, client: AsyncClient
) -> None:
    response = await client.get("/api/test-errors/broke")

    body = assert_problem(response, status=409, code="INSUFFICIENT_FUNDS")
    assert body["title"] == "Insufficient funds"
    assert body["detail"] == "Your balance is 3 BUZ; the transfer needs 5."
    assert body["type"].endswith("/insufficient-funds")
    # Extra facts given to the error are problem-details extension members.
    assert body["balance"] == "3"


async def test_rate_limited_is_a_429_with_retry_after(
    errors_app: FastAPI, client: AsyncClient
) -> None:
    response = await client.get("/api/test-errors/busy")

    body = assert_problem(response, status=429, code="RATE_LIMITED")
    assert response.headers["retry-after"] == "42"
    assert body["detail"] == "Slow down."


@pytest.fixture
def unreachable_app(errors_app: FastAPI) -> FastAPI:
    return errors_app


async def test_unreachable_database_is_a_503_problem(
    unreachable_db_client: AsyncClient,
) -> None:
    response = await unreachable_db_client.get("/api/test-errors/rows")

    body = assert_problem(response, status=503, code="SERVICE_UNAVAILABLE")
    assert response.headers["retry-after"].isdigit()
    # Neither the address nor the driver's message reaches the client.
    assert "127.0.0.1" not in response.text
    assert "nonexistent-brain-test-dir" not in response.text
    assert "unable to open" not in body["detail"]


@pytest.mark.parametrize("why", ["restarting", "full"])
async def test_database_refusing_new_connections_is_a_503_problem(
    errors_app: FastAPI, client: AsyncClient, why: str
) -> None:
    # During a Postgres restart every new connection fails with SQLSTATE 57P03 (found by the
    # fault tests, tests/faults), and on a server out of connection slots with 53300 (found
    # on a busy shared server); asyncpg reports both as a plain DBAPIError: both were a 500.
    response = await client.get(f"/api/test-errors/refused/{why}")

    assert_problem(response, status=503, code="SERVICE_UNAVAILABLE")
    assert "shutting down" not in response.text
    assert "too many" not in response.text


async def test_reachable_database_answers_through_the_same_route(
    errors_app: FastAPI, client: AsyncClient
) -> None:
    # The control for the test above: the route itself works.
    response = await client.get("/api/test-errors/rows")

    assert response.status_code == 200
    assert response.json() == {"value": 1}


async def test_wrong_method_lists_every_method_of_the_path_in_allow(client: AsyncClient) -> None:
    # Found by the API fuzzer: `/api/users/{user_id}` has four routes, and the 405 named only
    # the method of the first one.
    response = await client.post(f"/api/users/{uuid.uuid4()}")

    assert_problem(response, status=405, code="METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "DELETE, GET, PATCH, PUT"
