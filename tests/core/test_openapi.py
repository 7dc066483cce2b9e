"""The OpenAPI schema follows the house conventions, and the docs pages are served."""

from __future__ import annotations

import ast
import inspect
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from typer.testing import CliRunner

from brain import cli
from brain.core import openapi
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


# -- the contract as client generators and linters read it (brain/core/openapi.py) ------------


def test_component_names_are_readable_and_each_schema_is_titled_with_its_name(
    schema: dict[str, Any],
) -> None:
    # A generator names a class after the title: two schemas titled alike lose operations.
    for name, component in schema["components"]["schemas"].items():
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", name), f"unreadable component name {name!r}"
        assert component.get("title") == name, f"{name} is titled {component.get('title')!r}"


def test_the_schema_names_its_servers_contact_and_license(schema: dict[str, Any]) -> None:
    assert schema["servers"]
    assert schema["info"]["contact"]["url"]
    assert schema["info"]["license"]["name"]


def test_every_operation_has_a_description_and_says_who_may_call_it(
    schema: dict[str, Any],
) -> None:
    for path, method, operation in operations(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("description", "").strip(), f"{where} has no description"
        assert "security" in operation, f"{where}: public or not, say so (`security: []`)"


def test_public_and_optionally_authenticated_operations_are_marked(
    schema: dict[str, Any],
) -> None:
    paths = schema["paths"]
    assert paths["/api/auth/login"]["post"]["security"] == []
    assert paths["/api/health/live"]["get"]["security"] == []
    assert {} in paths["/api/users/{user_id}/profile"]["get"]["security"]
    assert paths["/api/auth/me"]["get"]["security"] == [{"OAuth2PasswordBearer": []}]


def test_every_error_response_lists_its_codes(schema: dict[str, Any]) -> None:
    known = openapi._titles()  # every BrainError's code and the framework ones
    for path, method, operation in operations(schema):
        for status, response in operation["responses"].items():
            if int(status) < 400 or (path, method, status) in OWN_ERROR_BODIES:
                continue
            codes = response.get("x-error-codes")
            assert codes, f"{method.upper()} {path} {status} lists no error code"
            for code in codes:
                assert f"`{code}`" in response["description"]
                assert code in known, f"{code} is no BrainError's code"


def test_a_client_can_tell_compliance_from_permissions(schema: dict[str, Any]) -> None:
    transfer = schema["paths"]["/api/buz/transfer"]["post"]["responses"]
    assert {"COMPLIANCE_REQUIRED", "INSUFFICIENT_PERMISSIONS"} <= set(
        transfer["403"]["x-error-codes"]
    )
    problem = schema["components"]["schemas"]["ProblemDetails"]["properties"]
    assert problem["missing"]["anyOf"][0] == {"type": "array", "items": {"type": "string"}}
    assert problem["action"]["anyOf"][0] == {"type": "string"}


def _problem_keywords() -> Iterator[tuple[str, str]]:
    """(file, keyword) of every keyword an error is raised with (`raise X(..., missing=...)`)
    or a BrainError subclass passes on (`super().__init__(..., missing=...)`)."""
    root = Path(__file__).resolve().parents[2] / "brain"
    skip = {"detail", "headers", "retry_after"}
    for source in [*(root / "core").rglob("*.py"), *(root / "domains").rglob("*.py")]:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        calls = [n.exc for n in ast.walk(tree) if isinstance(n, ast.Raise)]
        for cls in ast.walk(tree):
            if isinstance(cls, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id in _ERROR_BASES for b in cls.bases
            ):
                calls += [
                    n
                    for n in ast.walk(cls)
                    if isinstance(n, ast.Call)
                    and isinstance(n.func, ast.Attribute)
                    and n.func.attr == "__init__"
                ]
        for call in calls:
            # An error class is called by its name; `raise _refusal(..., amount=...)` is a
            # factory whose keywords are its own arguments, not the problem's fields.
            func = getattr(call, "func", None)
            name = str(getattr(func, "id", None) or getattr(func, "attr", ""))
            if isinstance(call, ast.Call) and (name[:1].isupper() or name == "__init__"):
                for keyword in call.keywords:
                    if keyword.arg and keyword.arg not in skip:
                        yield source.relative_to(root).as_posix(), keyword.arg


_ERROR_BASES = {"BrainError", "NotFound", "Conflict", "PermissionDenied", "ValidationFailed"}


def test_every_extra_field_of_a_problem_is_typed(schema: dict[str, Any]) -> None:
    problem = set(schema["components"]["schemas"]["ProblemDetails"]["properties"])
    found = set(_problem_keywords())
    assert ("core/errors.py", "missing") in found  # ComplianceRequired
    untyped = {(source, keyword) for source, keyword in found if keyword not in problem}
    assert not untyped, f"add these to ProblemDetails (brain/core/schemas.py): {untyped}"


def test_response_headers_are_declared(schema: dict[str, Any]) -> None:
    for path, method, operation in operations(schema):
        idempotent = any(
            p["in"] == "header" and p["name"] == "Idempotency-Key"
            for p in operation.get("parameters", [])
        )
        for status, response in operation["responses"].items():
            where = f"{method.upper()} {path} {status}"
            headers = set(response.get("headers", {}))
            assert "X-Request-ID" in headers, where
            if status in ("429", "503"):
                assert "Retry-After" in headers, where
            if status == "401":
                assert "WWW-Authenticate" in headers, where
            if status == "201":
                assert "Location" in headers, where
            if idempotent and status in ("200", "201"):
                assert "Idempotent-Replayed" in headers, where
    assert set(schema["components"]["headers"]) >= {
        "X-Request-ID",
        "Retry-After",
        "WWW-Authenticate",
        "Location",
        "Idempotent-Replayed",
    }


DECIMAL_EXAMPLE = re.compile(r"-?[0-9]+\.[0-9]+")


def test_amounts_are_decimal_strings_with_a_declared_format(schema: dict[str, Any]) -> None:
    for node in _nodes(schema["components"]["schemas"]):
        examples = node.get("examples") or []
        pattern = str(node.get("pattern", ""))
        looks_decimal = any(
            isinstance(e, str) and DECIMAL_EXAMPLE.fullmatch(e) for e in examples
        ) or (r"(\.[0-9]" in pattern)
        if node.get("type") == "string" and looks_decimal:
            assert node.get("format") == "decimal", node
        assert not (looks_decimal and node.get("type") == "number"), node


def test_consent_flags_are_const_true(schema: dict[str, Any]) -> None:
    found = 0
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("Request"):
            continue
        for field, prop in component.get("properties", {}).items():
            if field in ("consent_given", "terms_accepted"):
                found += 1
                assert prop.get("const") is True, f"{name}.{field}"
    assert found >= 4


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


async def test_a_malformed_json_body_says_where_it_broke_in_words(client: AsyncClient) -> None:
    response = await client.post(
        "/api/auth/login",
        content=b'{"email": "a@b.co",\n "password": }',
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "body"
    assert "line 2, column 14" in error["message"], error
    assert "not valid JSON" in error["message"]


def test_every_route_answering_201_sets_its_location(app: object) -> None:
    # The schema declares `Location` on every 201; brain.core.routes.set_location sends it.
    assert isinstance(app, FastAPI)
    created = [
        info.route for info in app_routes(app) if info.in_schema and info.route.status_code == 201
    ]
    assert created
    for route in created:
        source = inspect.getsource(route.endpoint)
        assert "set_location(" in source or "_locate_" in source, (
            f"{route.path} answers 201 without `set_location(response, ...)`"
        )


async def test_a_created_resource_is_where_location_says(client: AsyncClient) -> None:
    email = f"located-{uuid.uuid4().hex[:8]}@example.com"
    registered = await client.post(
        "/api/auth/register",
        json={"email": email, "password": "correct horse battery staple 42", "display_name": "L"},
    )
    assert registered.status_code == 201, registered.text
    token = registered.json()["access_token"]

    found = await client.get(
        registered.headers["location"], headers={"Authorization": f"Bearer {token}"}
    )

    assert found.status_code == 200, found.text
    assert found.json()["email"] == email


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/buz/transfer"),
        ("post", "/api/buz/stake"),
        ("post", "/api/ventures"),
        ("post", "/api/ventures/invitations/{invitation_id}/accept"),
        ("put", "/api/auth/users/{user_id}/role"),
    ],
)
def test_a_compliance_gated_route_tells_its_two_403s_apart(
    schema: dict[str, Any], method: str, path: str
) -> None:
    """A client tells unsigned documents (sign them) from a missing permission (give up)."""
    codes = schema["paths"][path][method]["responses"]["403"]["x-error-codes"]
    assert {"COMPLIANCE_REQUIRED", "INSUFFICIENT_PERMISSIONS"} <= set(codes)
