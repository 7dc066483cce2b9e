"""The OpenAPI schema follows the house conventions, and the docs pages are served."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from typer.testing import CliRunner

from brain import cli
from brain.core.config import Settings
from brain.core.logging import configure_logging
from brain.core.openapi import PROBLEM_REF
from brain.core.routes import app_routes

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

# Error responses that answer a documented body of their own instead of a problem.
OWN_ERROR_BODIES = {("/api/health", "get", "503"): "#/components/schemas/Health"}


@pytest.fixture
def schema(app: object) -> dict[str, Any]:
    assert isinstance(app, FastAPI)
    return app.openapi()


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def test_schema_has_title_version_and_description(schema: dict[str, Any]) -> None:
    info = schema["info"]
    assert info["title"] == "SmartStart Brain"
    assert info["version"]
    assert "problem+json" in info["description"]


def test_schema_describes_the_health_routes(schema: dict[str, Any]) -> None:
    assert "get" in schema["paths"]["/api/health"]
    assert "get" in schema["paths"]["/api/health/live"]


def test_operation_ids_are_unique(schema: dict[str, Any]) -> None:
    ids = Counter(operation["operationId"] for _, _, operation in operations(schema))

    assert ids
    assert [op_id for op_id, count in ids.items() if count > 1] == []


def test_operation_ids_are_tag_dash_function_name(app: object, schema: dict[str, Any]) -> None:
    assert isinstance(app, FastAPI)
    expected: dict[tuple[str, str], str] = {}
    for info in app_routes(app):
        if not info.in_schema:
            continue
        for method in info.methods - {"HEAD", "OPTIONS"}:
            expected[(info.path, method.lower())] = f"{info.route.tags[0]}-{info.name}"

    actual = {(path, method): op["operationId"] for path, method, op in operations(schema)}

    assert actual == expected


def test_every_operation_has_one_declared_and_described_tag(schema: dict[str, Any]) -> None:
    declared = {tag["name"]: tag.get("description", "") for tag in schema.get("tags", [])}
    for path, method, operation in operations(schema):
        where = f"{method.upper()} {path}"
        assert len(operation.get("tags", [])) == 1, f"{where} needs exactly one tag"
        tag = operation["tags"][0]
        assert tag in declared, f"{where}: tag {tag!r} is not declared in openapi_tags"
        assert declared[tag].strip(), f"tag {tag!r} has no description"


def test_every_declared_tag_is_used(schema: dict[str, Any]) -> None:
    used = {operation["tags"][0] for _, _, operation in operations(schema)}
    declared = [tag["name"] for tag in schema.get("tags", [])]

    assert len(declared) == len(set(declared))
    assert set(declared) <= used


def test_every_operation_has_a_summary(schema: dict[str, Any]) -> None:
    # A route's one-line docstring; FastAPI falls back to the function name without one.
    for path, method, operation in operations(schema):
        function = (
            operation["operationId"].split("-", 1)[1]
            if "-" in operation["operationId"]
            else operation["operationId"]
        )
        fallback = function.replace("_", " ").title()
        assert operation.get("summary"), f"{method.upper()} {path} has no summary"
        assert operation["summary"] != fallback, f"{method.upper()} {path} has no docstring"


def test_error_responses_are_problem_details(schema: dict[str, Any]) -> None:
    assert "ProblemDetails" in schema["components"]["schemas"]
    for path, method, operation in operations(schema):
        assert "500" in operation["responses"], f"{method.upper()} {path} lacks a 500"
        for status, response in operation["responses"].items():
            if not (status.isdigit() and int(status) >= 400):
                continue
            where = f"{method.upper()} {path} {status}"
            own = OWN_ERROR_BODIES.get((path, method, status))
            if own is not None:
                assert response["content"] == {"application/json": {"schema": {"$ref": own}}}
                continue
            assert response["content"] == {
                "application/problem+json": {"schema": {"$ref": PROBLEM_REF}}
            }, where


async def test_an_unreadable_body_is_a_declared_400_problem(
    client: AsyncClient, schema: dict[str, Any]
) -> None:
    # Found by the API fuzzer: FastAPI answers 400 to a body that is not UTF-8, and no route
    # declared it. Every operation that takes a body now does.
    response = await client.post(
        "/api/auth/login", content=b"\xa1\x03\xff", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "BAD_REQUEST"
    for path, method, operation in operations(schema):
        if "requestBody" in operation:
            assert "400" in operation["responses"], f"{method.upper()} {path} lacks a 400"


def test_framework_validation_shapes_are_not_in_the_schema(schema: dict[str, Any]) -> None:
    # 422s are problem details too; FastAPI's own shape is never sent.
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert "HTTPValidationError" not in json.dumps(schema)


async def test_openapi_json_is_served(client: AsyncClient) -> None:
    response = await client.get("/openapi.json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "SmartStart Brain"


async def test_swagger_ui_is_served_at_docs(client: AsyncClient) -> None:
    response = await client.get("/docs")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "swagger-ui" in response.text
    assert "/openapi.json" in response.text


async def test_redoc_is_served_at_redoc(client: AsyncClient) -> None:
    response = await client.get("/redoc")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "redoc" in response.text.lower()
    assert "/openapi.json" in response.text


@pytest.fixture
def restore_logging(settings: Settings) -> Iterator[None]:
    # The CLI configures logging onto the runner's captured stderr, which closes afterwards.
    yield
    configure_logging(level=settings.log_level, json_lines=settings.json_logs)


def test_brain_openapi_cli_prints_the_schema_as_json(
    restore_logging: None, schema: dict[str, Any]
) -> None:
    result = CliRunner().invoke(cli.app, ["openapi"])

    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == json.loads(json.dumps(schema))
