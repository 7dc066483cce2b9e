"""OpenAPI conventions: operation ids `"{tag}-{function}"` and problem+json error responses."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from brain.core.errors import PROBLEM_CONTENT_TYPE
from brain.core.schemas import ProblemDetails

PROBLEM_REF = "#/components/schemas/ProblemDetails"
# Error responses documented with these (or with no body) are sent as problem+json.
_PROBLEM_SHAPED = {None, PROBLEM_REF, "#/components/schemas/HTTPValidationError"}


def operation_id(route: APIRoute) -> str:
    tag = str(route.tags[0]) if route.tags else "default"
    return f"{tag}-{route.name}"


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for the error statuses a route answers on purpose.

    Every route also gets 422 (when it takes input), 400 (when it takes a body) and 500 from
    `build_openapi`.
    """
    return {
        status: {"model": ProblemDetails, "description": HTTPStatus(status).phrase}
        for status in statuses
    }


def _summary_from_docstring(operation: dict[str, Any]) -> None:
    """A route's one-line docstring is its summary (house style); further lines, if any, stay
    its description. FastAPI would otherwise title it after the function's name."""
    doc = str(operation.get("description") or "").strip()
    if not doc:
        return
    first, _, rest = doc.partition("\n")
    operation["summary"] = first.strip()
    if rest.strip():
        operation["description"] = rest.strip()
    else:
        operation.pop("description", None)


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's schema, with every error response described as problem+json."""
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        servers=app.servers,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ProblemDetails"] = ProblemDetails.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    defs = components["ProblemDetails"].pop("$defs", {})
    components.update(defs)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            _summary_from_docstring(operation)
            responses: dict[str, Any] = operation.setdefault("responses", {})
            responses.setdefault("500", {"description": HTTPStatus.INTERNAL_SERVER_ERROR.phrase})
            if "requestBody" in operation:
                # FastAPI answers 400 itself when it cannot read the body at all (bytes that
                # are not UTF-8, a broken form): possible on every route that takes one.
                responses.setdefault("400", {"description": "The body could not be read"})
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400:
                    declared = response.get("content", {}).get("application/json", {})
                    if declared.get("schema", {}).get("$ref") not in _PROBLEM_SHAPED:
                        # The route answers this status with a body of its own (the health
                        # report's 503); documenting it as a problem would be wrong.
                        continue
                    if status == "422":
                        response["description"] = "Validation error"
                    response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": PROBLEM_REF}}}
    # FastAPI's own validation-error shapes are never sent (see errors.py).
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema
