"""Response shapes shared by every domain: problem details and cursor pages."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
)

T = TypeVar("T")


# The largest value an INTEGER column holds on Postgres (and SQLite's 64-bit bound is above it):
# an integer input that reaches a query is bounded by it, or the database refuses with a 500.
MAX_INT32 = 2**31 - 1


def trimmed_at_least(min_length: int) -> AfterValidator:
    """For a string kept without its surrounding whitespace: trims it and requires
    `min_length` characters after that. Use with `StringConstraints(strip_whitespace=False,
    min_length=..., max_length=...)`: the schema states the raw limits, and "long enough once
    trimmed" is a rule (a `value_error`), because a schema cannot say "3 characters besides
    whitespace". With the trimming done first, `"  ab "` passed the schema's `minLength` and
    then failed it (found by the API fuzzer)."""

    def check(value: str) -> str:
        value = value.strip()
        if len(value) < min_length:
            raise ValueError(f"needs at least {min_length} characters besides surrounding spaces")
        return value

    return AfterValidator(check)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return any(_has_nul(v) for v in value)
    return False


class InputModel(BaseModel):
    """Base of every request body: unknown fields are refused, and so is a NUL character in
    any string (Postgres text cannot hold one: it was a 500 there and stored on SQLite, found
    by the API fuzzer)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul_character(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("must not contain a NUL character")
        return value


class FieldError(BaseModel):
    field: str = Field(description="Dotted location of the bad input, e.g. `body.amount`.")
    message: str
    type: str


class ProblemDetails(BaseModel):
    """RFC 9457 problem details, the body of every error response."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str
    code: str = Field(description="Stable upper-snake error code, e.g. `INSUFFICIENT_FUNDS`.")
    request_id: str | None = Field(default=None, description="Quote it when reporting.")
    errors: list[FieldError] | None = Field(
        default=None, description="For validation failures: one entry per bad field."
    )
    # The extra fields some codes carry, typed (tests/core/test_openapi.py finds every
    # keyword a BrainError is raised with and checks it is one of these).
    missing: list[str] | None = Field(
        default=None,
        description="`COMPLIANCE_REQUIRED`: the document types still to sign (template types).",
    )
    action: str | None = Field(
        default=None,
        description="`COMPLIANCE_REQUIRED`: the action that needs them, e.g. `buz.transfer`.",
    )
    state: str | None = Field(
        default=None, description="`INVALID_TRANSITION`: the instance's current state."
    )
    allowed_events: list[str] | None = Field(
        default=None, description="`INVALID_TRANSITION`: the events allowed in that state."
    )
    guard: str | None = Field(
        default=None, description="`GUARD_REJECTED`: the guard that refused the transition."
    )
    status_now: str | None = Field(
        default=None, description="`DOCUMENT_NOT_SIGNABLE`: the document's status."
    )
    document_id: str | None = Field(
        default=None, description="`ALREADY_SIGNED`: the document holding your signature."
    )
    venture_id: str | None = Field(
        default=None, description="`IDEMPOTENCY_CONFLICT`: the venture the key created."
    )
    your_role: str | None = Field(
        default=None, description="Ventures' `INSUFFICIENT_PERMISSIONS`: your team role."
    )
    current_version: int | None = Field(
        default=None, description="`CONCURRENT_TRANSITION`: the instance's version now."
    )


class Page(BaseModel, Generic[T]):
    """One page of a list. Pass `next_cursor` back as `cursor` for the next page."""

    items: list[T]
    next_cursor: str | None = None
