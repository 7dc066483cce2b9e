"""The auth and users routes are fully described in OpenAPI, and Swagger can sign in."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def _operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    schema = app.openapi()
    return [
        (path, method, op)
        for path, item in schema["paths"].items()
        if path.startswith(("/api/auth", "/api/users"))
        for method, op in item.items()
    ]


def test_every_route_has_a_summary_a_response_and_its_errors(app: FastAPI) -> None:
    operations = _operations(app)
    assert len(operations) == 39
    for path, method, op in operations:
        where = f"{method.upper()} {path}"
        assert op.get("summary"), where
        assert op.get("summary"), where  # the route's one-line docstring
        responses = op["responses"]
        ok = [s for s in responses if s.startswith("2")]
        assert len(ok) == 1, where
        if ok[0] != "204":
            assert "content" in responses[ok[0]], where
        errors = [s for s in responses if int(s) >= 400 and s not in ("422", "500")]
        if path not in ("/api/auth/verify",):
            assert errors, f"{where} declares no error responses"
        if method == "post" and ok[0] == "201":
            assert path in ("/api/auth/register", "/api/users"), where
        if method == "delete":
            assert ok[0] == "204", where


def test_swagger_authorize_uses_the_token_form(app: FastAPI) -> None:
    schema = app.openapi()
    schemes = schema["components"]["securitySchemes"]
    flows = next(iter(schemes.values()))["flows"]
    assert flows["password"]["tokenUrl"] == "/api/auth/token"
    token_body = schema["paths"]["/api/auth/token"]["post"]["requestBody"]["content"]
    assert "application/x-www-form-urlencoded" in token_body
