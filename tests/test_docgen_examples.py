"""The request and response examples of the API reference (brain/docgen_examples.py): every
one is valid under the schema it illustrates, so a client can send the request examples as
they are."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # via openapi-spec-validator
import pytest

from brain import docgen
from brain.docgen_examples import example, operation_examples
from brain.domains.buz.schemas import TransferCreate


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return docgen.app_schema()


def _examples(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(where, the schema) of each example the reference shows."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path, method, op in docgen._operations(schema):
        content = (op.get("requestBody") or {}).get("content") or {}
        if "application/json" in content:
            found.append((f"{method} {path} request", content["application/json"]["schema"]))
        for status in sorted(s for s in op["responses"] if s.startswith("2")):
            media = (op["responses"][status].get("content") or {}).get("application/json")
            if media and media.get("schema"):
                found.append((f"{method} {path} {status}", media["schema"]))
                break
    return found


def test_every_example_is_valid_under_its_schema(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    found = _examples(schema)
    assert len(found) > 100
    invalid = []
    for where, fragment in found:
        validator = jsonschema.Draft202012Validator(
            {**fragment, "components": schema["components"]},
            format_checker=jsonschema.FormatChecker(),
        )
        errors = list(validator.iter_errors(example(fragment, components)))
        if errors:
            invalid.append(f"{where}: {errors[0].message}")
    assert not invalid, "\n".join(invalid)


def test_the_transfer_request_example_is_a_transfer_the_api_accepts(
    schema: dict[str, Any],
) -> None:
    page = (docgen.project_root() / "docs/reference/api.md").read_text(encoding="utf-8")
    section = page.split("### `POST /api/buz/transfer`", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"Request example:\n\n```json\n(.*?)\n```", section, re.S)
    assert block is not None, "the transfer operation has no request example"
    body = json.loads(block.group(1))
    assert isinstance(body["amount"], str)  # a decimal string, never a float
    assert Decimal(body["amount"]) > 0
    transfer = TransferCreate.model_validate(body)
    assert str(transfer.to_user_id) == body["to_user_id"]
    assert "Response example (200):" in section


def test_an_example_follows_the_schema_rules() -> None:
    components = {
        "Node": {
            "type": "object",
            "required": ["id", "child"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "child": {"anyOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]},
                "kind": {"enum": ["a", "b"]},
                "count": {"type": "integer", "minimum": 3},
                "on": {"type": "boolean"},
                "at": {"type": "string", "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string", "format": "email"}},
            },
        }
    }
    value = example({"$ref": "#/components/schemas/Node"}, components)
    assert value["id"] == "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    assert value["kind"] == "a"
    assert value["count"] == 3
    assert value["on"] is True
    assert value["at"] == "2026-12-06T12:00:00Z"
    assert value["tags"] == ["ada@example.com"]
    assert value["child"] is None  # the recursion is cut where the schema meets itself
    assert example({"type": "string", "examples": ["x1"], "default": "d"}, {}) == "d"
    assert operation_examples({"responses": {"204": {"description": "gone"}}}, {}) == []
