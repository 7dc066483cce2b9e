"""Request and response examples for the API reference, built from the OpenAPI schema alone.

Deterministic (the page is checked for drift): a schema's own `example`/`examples` first, then
`default`, `const`, the first `enum` value, a fixed value per `format`, the lower bound of a
number; arrays get one item and objects their properties (the required ones, or all when there
are few). `$ref`s are resolved, `anyOf`/`oneOf` with `null` take the other branch, and a schema
met again inside itself (recursion) is cut short.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 12
# Objects with at most this many properties show them all; larger ones show the required ones.
ALL_PROPERTIES_UP_TO = 8

FORMATS: dict[str, Any] = {
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "date-time": "2026-12-06T12:00:00Z",
    "date": "2026-12-06",
    "time": "12:00:00",
    "email": "ada@example.com",
    "decimal": "10.00",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "ipv4": "192.0.2.1",
    "password": "correct-horse-battery-staple",
    "binary": "<bytes>",
}


def example(schema: dict[str, Any], components: dict[str, Any], refs: tuple[str, ...] = ()) -> Any:
    """An example value for `schema` (a fragment of an OpenAPI schema); `refs` are the
    components being expanded (a schema met again inside itself is cut short)."""
    for key in ("example", "default", "const"):
        if key in schema:
            return schema[key]
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0]
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        if name in refs or len(refs) >= MAX_DEPTH:
            return None
        return example(components.get(name, {}), components, (*refs, name))
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            variants = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example(variants[0], components, refs)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example(part, components, refs)
            if isinstance(value, dict):
                merged.update(value)
            else:
                return value
        return merged
    return _by_type(schema, components, refs)


def _by_type(schema: dict[str, Any], components: dict[str, Any], refs: tuple[str, ...]) -> Any:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    fmt = schema.get("format")
    if kind == "string" or (kind is None and fmt in FORMATS):
        if fmt in FORMATS:
            return FORMATS[fmt]
        low, high = int(schema.get("minLength", 0)), int(schema.get("maxLength", 64))
        return "string" if low <= 6 <= high else "x" * max(low, 1)
    if kind in ("integer", "number"):
        bound = schema.get("minimum", schema.get("exclusiveMinimum"))
        if bound is None:
            return 0
        if "minimum" not in schema:  # exclusive: the next value above it
            return bound + 1 if kind == "integer" else bound + 0.5
        return bound
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    if kind == "array":
        return [example(schema.get("items", {}), components, refs)]
    if kind == "object" or "properties" in schema:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        shown = [
            name
            for name in properties
            if len(properties) <= ALL_PROPERTIES_UP_TO or name in required
        ]
        return {name: example(properties[name], components, refs) for name in shown}
    return None


def json_block(value: Any) -> list[str]:
    """A fenced JSON block for Markdown."""
    return ["```json", json.dumps(value, indent=2, ensure_ascii=False), "```"]


def operation_examples(op: dict[str, Any], components: dict[str, Any]) -> list[str]:
    """The request example (JSON bodies) and the response example (the first 2xx JSON
    response) of an operation, as Markdown lines; nothing when it has neither."""
    lines: list[str] = []
    body = op.get("requestBody") or {}
    body_schema = (body.get("content") or {}).get("application/json", {}).get("schema")
    if body_schema is not None:
        lines += ["Request example:", "", *json_block(example(body_schema, components)), ""]
    responses: dict[str, Any] = op.get("responses", {})
    for status in sorted(s for s in responses if s.startswith("2")):
        content = responses[status].get("content") or {}
        media = content.get("application/json")
        if media is not None and media.get("schema"):
            value = example(media["schema"], components)
            lines += [f"Response example ({status}):", "", *json_block(value), ""]
            break
    return lines
