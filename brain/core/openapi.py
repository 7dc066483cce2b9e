"""The OpenAPI contract as client generators and linters read it (docs/reference/contract.md).

`build_openapi` turns FastAPI's schema into the Brain's contract, for every router alike:

- operation ids `"{tag}-{function}"`; the route's one-line docstring is its summary, and every
  operation has a description;
- component names readable and unique (`XPage`, `LegalAuditEntryRead`), each schema titled
  with its name: a generator names classes after titles, and two schemas both titled
  `AuditEntryRead` made one client silently drop the operations of the other;
- `security: []` on public operations, `[{}, {"OAuth2PasswordBearer": []}]` on those where a
  token is optional (a dependency marked with `optional_auth`);
- every error response problem+json, listing the stable `code`s it may carry
  (`x-error-codes` and its description): those a route names with `problems(...)`, those its
  dependencies declare with `declares(...)`, and those every route of its kind can answer;
- the response headers declared: `X-Request-ID` on every response, `Retry-After` on 429 and
  503, `WWW-Authenticate` on 401, `Location` on 201 and `Idempotent-Replayed` on the success
  responses of an operation that takes an `Idempotency-Key`;
- `servers`, `info.contact` and `info.license`.

tests/core/test_openapi.py checks each rule against the whole app, and `make lint-openapi`
runs Redocly and Spectral over the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from brain.core.errors import (
    _STATUS_CODES,
    PROBLEM_CONTENT_TYPE,
    AuthRequired,
    BrainError,
    RateLimited,
    ServiceUnavailable,
)
from brain.core.routes import app_routes
from brain.core.schemas import ProblemDetails

PROBLEM_REF = "#/components/schemas/ProblemDetails"
# Error responses documented with these (or with no body) are sent as problem+json.
_PROBLEM_SHAPED = {None, PROBLEM_REF, "#/components/schemas/HTTPValidationError"}
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

CONTACT = {"name": "SmartStart", "url": "https://smartstart.dev", "email": "dev@smartstart.dev"}
LICENSE = {"name": "Proprietary", "url": "https://smartstart.dev/license"}
SERVERS = [{"url": "/", "description": "The Brain serving this schema"}]
SECURITY_SCHEME = "OAuth2PasswordBearer"

ERROR_CODES_KEY = "x-error-codes"
_PROBLEMS_ATTR = "__brain_problems__"
_OPTIONAL_AUTH_ATTR = "__brain_optional_auth__"

HEADERS: dict[str, dict[str, Any]] = {
    "X-Request-ID": {
        "description": "The request's id (yours if you sent a valid `X-Request-ID`, else a new "
        "one); quote it when reporting a problem.",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    },
    "WWW-Authenticate": {
        "description": "The scheme to authenticate with: `Bearer`.",
        "schema": {"type": "string"},
    },
    "Location": {
        "description": "The URL of the resource this request created.",
        "schema": {"type": "string", "format": "uri-reference"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored result of an earlier request with the "
        "same `Idempotency-Key` (nothing was done again).",
        "schema": {"type": "string", "enum": ["true"]},
    },
}

F = TypeVar("F", bound=Callable[..., Any])


def operation_id(route: APIRoute) -> str:
    tag = str(route.tags[0]) if route.tags else "default"
    return f"{tag}-{route.name}"


def problems(*errors: type[BrainError]) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for the errors a route answers on purpose: the `BrainError`
    classes, whose codes are listed in the schema. Classes only, not bare statuses: a status
    alone told a client `CONFLICT` where the route answers `ALREADY_MEMBER`.

    Every route also gets the errors its dependencies declare (`declares`) and those of its
    kind (401 and 429 when it is authenticated, 422 and 400 when it takes input, 431, 500,
    503) from `build_openapi`.
    """
    found: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        entry = found.setdefault(
            error.status,
            {
                "model": ProblemDetails,
                "description": HTTPStatus(error.status).phrase,
                ERROR_CODES_KEY: [],
            },
        )
        if error.code not in entry[ERROR_CODES_KEY]:
            entry[ERROR_CODES_KEY].append(error.code)
    return found


def declares(*errors: type[BrainError]) -> Callable[[F], F]:
    """Marks a dependency as raising `errors`: every route using it lists them."""

    def mark(function: F) -> F:
        setattr(function, _PROBLEMS_ATTR, (*getattr(function, _PROBLEMS_ATTR, ()), *errors))
        return function

    return mark


def optional_auth(function: F) -> F:
    """Marks a dependency that reads a token if one is sent: its routes are public too."""
    setattr(function, _OPTIONAL_AUTH_ATTR, True)
    return function


# -- readable component names ----------------------------------------------------------------


def _camel(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text))


def _readable(name: str) -> str:
    """`Page_UserRead_` -> `UserReadPage`; `brain__domains__legal__schemas__AuditEntryRead`
    (FastAPI's name when two models share one) -> `LegalAuditEntryRead`; `Body_auth-token` ->
    `AuthTokenForm`. Page names of module-qualified items are settled later, from the items."""
    if match := re.fullmatch(r"Page_(\w+?)_", name):
        return f"{_readable(match.group(1))}Page"
    if match := re.fullmatch(r"brain__domains__([a-z_]+?)__\w+__([A-Za-z0-9]+)", name):
        return _camel(match.group(1)) + match.group(2)
    if match := re.fullmatch(r"Body_(.+)", name):
        return f"{_camel(match.group(1))}Form"
    return _camel(name)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _rename_components(schema: dict[str, Any]) -> None:
    components: dict[str, Any] = schema["components"]["schemas"]
    prefix = "#/components/schemas/"
    renames = {name: _readable(name) for name in components}
    for name in renames:
        # A generic page of a module-qualified model: named after its items' readable name.
        items = components[name].get("properties", {}).get("items", {}).get("items", {})
        item = str(items.get("$ref", ""))[len(prefix) :]
        if name.startswith("brain__") and "Page_" in name and item in renames:
            renames[name] = renames[item] + "Page"
    names = list(renames.values())
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise ValueError(f"two OpenAPI components would both be named {clashes}: rename a model")
    for node in _walk(schema):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix) and ref[len(prefix) :] in renames:
            node["$ref"] = prefix + renames[ref[len(prefix) :]]
    schema["components"]["schemas"] = {
        renames[name]: {**body, "title": renames[name]} for name, body in components.items()
    }


# -- per operation -----------------------------------------------------------------------------


def _dependency_calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _dependency_calls(dependency)


def _route_facts(app: FastAPI) -> dict[tuple[str, str], tuple[list[type[BrainError]], bool]]:
    """(path, method) -> (errors its dependencies declare, whether a token is optional)."""
    facts: dict[tuple[str, str], tuple[list[type[BrainError]], bool]] = {}
    for info in app_routes(app):
        if not info.in_schema:
            continue
        calls = list(_dependency_calls(info.route.dependant))
        errors = [e for call in calls for e in getattr(call, _PROBLEMS_ATTR, ())]
        optional = any(getattr(call, _OPTIONAL_AUTH_ATTR, False) for call in calls)
        for method in info.methods:
            facts[(info.path, method.lower())] = (errors, optional)
    return facts


def _titles() -> dict[str, str]:
    """code -> title of every BrainError class (and the framework statuses)."""
    titles: dict[str, str] = {}
    pending: list[type[BrainError]] = [BrainError]
    while pending:
        cls = pending.pop()
        titles.setdefault(cls.code, cls.title)
        pending += cls.__subclasses__()
    for status, code in _STATUS_CODES.items():
        titles.setdefault(code, HTTPStatus(status).phrase)
    return titles


def _add_error(responses: dict[str, Any], status: int, code: str) -> None:
    response = responses.setdefault(str(status), {"description": HTTPStatus(status).phrase})
    codes = response.setdefault(ERROR_CODES_KEY, [])
    if code not in codes:
        codes.append(code)


def _errors(
    operation: dict[str, Any], declared: list[type[BrainError]], authenticated: bool
) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for error in declared:
        _add_error(responses, error.status, error.code)
    if authenticated:
        _add_error(responses, AuthRequired.status, AuthRequired.code)
        _add_error(responses, RateLimited.status, RateLimited.code)
    if "requestBody" in operation:
        # FastAPI answers 400 itself when it cannot read the body at all (bytes that are not
        # UTF-8, a broken form), and the body limits answer 413 and 408.
        for code in (400, 413, 408):
            _add_error(responses, code, _STATUS_CODES[code])
    if "requestBody" in operation or operation.get("parameters"):
        _add_error(responses, 422, "VALIDATION_ERROR")
    for code in (431, 500):  # headers over the limit; anything unforeseen
        _add_error(responses, code, _STATUS_CODES[code])
    if "503" not in responses:  # the database unreachable (the health report has its own)
        _add_error(responses, ServiceUnavailable.status, ServiceUnavailable.code)
    titles = _titles()
    for status, response in responses.items():
        if not (status.isdigit() and int(status) >= 400):
            continue
        declared_body = response.get("content", {}).get("application/json", {})
        if declared_body.get("schema", {}).get("$ref") not in _PROBLEM_SHAPED:
            # The route answers this status with a body of its own (the health report's
            # 503); documenting it as a problem would be wrong.
            response.pop(ERROR_CODES_KEY, None)
            continue
        # A status declared without its error classes gets the generic code the error handler
        # gives it (brain/core/errors.py): 410 is GONE.
        codes = response.get(ERROR_CODES_KEY) or [
            _STATUS_CODES.get(int(status), HTTPStatus(int(status)).name)
        ]
        response[ERROR_CODES_KEY] = codes
        response["description"] = "; ".join(f"`{c}`: {titles.get(c, c)}" for c in codes)
        response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": PROBLEM_REF}}}


def _headers(operation: dict[str, Any]) -> None:
    idempotent = any(
        p.get("in") == "header" and p.get("name") == "Idempotency-Key"
        for p in operation.get("parameters", [])
    )
    for status, response in operation["responses"].items():
        names = ["X-Request-ID"]
        if status in ("429", "503"):
            names.append("Retry-After")
        if status == "401":
            names.append("WWW-Authenticate")
        if status == "201":
            names.append("Location")
        if idempotent and status in ("200", "201"):
            names.append("Idempotent-Replayed")
        headers = response.setdefault("headers", {})
        for name in names:
            headers[name] = {"$ref": f"#/components/headers/{name}"}


def _security(operation: dict[str, Any], optional: bool) -> bool:
    """Marks public and optionally-authenticated operations; True if a token is required."""
    if not operation.get("security"):
        operation["security"] = []
        return False
    if optional:
        operation["security"] = [{}, {SECURITY_SCHEME: []}]
        return False
    return True


def _describe(operation: dict[str, Any], path: str) -> None:
    """A route's one-line docstring is its summary (house style); further lines, if any, are
    its description, else the summary and who may call it."""
    doc = str(operation.get("description") or "").strip()
    first, _, rest = doc.partition("\n")
    if first.strip():
        operation["summary"] = first.strip()
    security = operation.get("security")
    who = (
        "Public: no token needed."
        if security == []
        else "A token is optional: signed in, you may see more."
        if security and {} in security
        else "Needs `Authorization: Bearer <access token>`."
    )
    body = rest.strip() or str(operation.get("summary") or path)
    operation["description"] = f"{body}\n\n{who}"


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's contract: FastAPI's schema with the conventions above applied."""
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        servers=app.servers or SERVERS,
        contact=CONTACT,
        license_info=LICENSE,
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["ProblemDetails"] = ProblemDetails.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    schemas.update(schemas["ProblemDetails"].pop("$defs", {}))
    components["headers"] = HEADERS
    facts = _route_facts(app)
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            declared, optional = facts.get((path, method), ([], False))
            authenticated = _security(operation, optional)
            _describe(operation, path)
            _errors(operation, declared, authenticated or optional)
            _headers(operation)
    # FastAPI's own validation-error shapes are never sent (see errors.py).
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    _rename_components(schema)
    return schema
