"""Request and response models of `/api/ventures`. Money and metric values are decimal
strings on the wire (`"250000.00"`), never floats."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from brain.core.schemas import InputModel, Page, trimmed_at_least
from brain.domains.ventures.rules import (
    DESCRIPTION_MIN,
    NAME_MAX,
    TAG_MAX,
    TAGS_MAX,
    Industry,
    InvitationStatus,
    Stage,
    StageEvent,
    TeamRole,
    Visibility,
)

__all__ = [
    "ComputedMetrics",
    "HistoryEntry",
    "Industry",
    "InvitationCreate",
    "InvitationRead",
    "InvitationStatus",
    "MemberRead",
    "MemberUpdate",
    "MetricCreate",
    "MetricRead",
    "MetricsRead",
    "NameCheck",
    "OwnershipTransfer",
    "Stage",
    "StageChange",
    "StageEvent",
    "StageStatus",
    "TeamRole",
    "TimelineEntry",
    "VentureCreate",
    "VentureRead",
    "VentureUpdate",
    "Visibility",
]


def _decimal_text(value: Decimal) -> str:
    """Without trailing zeros or an exponent: the same text for what was sent and what the
    database gives back (`Numeric(24, 6)` pads to six places)."""
    return format(value.normalize(), "f")


def _money(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(Decimal("0.01")), "f")


# What the columns hold: Numeric(16, 2) for money, Numeric(24, 6) for metric values.
FUNDING_PATTERN = r"^[0-9]{1,14}(\.[0-9]{1,2})?$"
METRIC_PATTERN = r"^-?[0-9]{1,18}(\.[0-9]{1,6})?$"


def _decimal(pattern: str, example: str) -> Callable[[Any], Decimal]:
    def parse(value: Any) -> Decimal:
        # A JSON number would arrive as a float and lose digits before we see it.
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise ValueError(f'must be a decimal string such as "{example}"')
        return Decimal(value)

    return parse


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise ValueError("must be more than zero")
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=1, max_length=NAME_MAX),
    trimmed_at_least(1),
]
Description = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=DESCRIPTION_MIN, max_length=10_000),
    trimmed_at_least(DESCRIPTION_MIN),
]
Tag = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, min_length=1, max_length=TAG_MAX,
        pattern=r"^[a-z0-9][a-z0-9 _.+-]*$",
    ),
]  # fmt: skip
FundingGoal = Annotated[
    Decimal,
    BeforeValidator(_decimal(FUNDING_PATTERN, "250000.00")),
    AfterValidator(_positive),
    WithJsonSchema(
        {
            "type": "string",
            "format": "decimal",
            "pattern": FUNDING_PATTERN,
            "examples": ["250000.00"],
            "description": "USD as a decimal string, at most two places, more than zero.",
        }
    ),
]
MetricValue = Annotated[
    Decimal,
    BeforeValidator(_decimal(METRIC_PATTERN, "1520.5")),
    WithJsonSchema(
        {
            "type": "string",
            "format": "decimal",
            "pattern": METRIC_PATTERN,
            "examples": ["1520.5"],
            "description": "A decimal string, at most six places.",
        }
    ),
]
# Kept as sent (an http(s) address without spaces): a URL type would normalise it (a trailing
# slash) past the length the schema promised.
Website = Annotated[
    str,
    StringConstraints(min_length=8, max_length=500, pattern=r"^https?://[^\s/?#]+[^\s]*$"),
    Field(examples=["https://example.com/"]),
]
Money = Annotated[Decimal | None, PlainSerializer(_money, return_type=str | None)]


def _distinct_tags(value: list[str]) -> list[str]:
    return list(dict.fromkeys(value))


class VentureCreate(InputModel):
    name: Name
    description: Description = Field(description=f"At least {DESCRIPTION_MIN} characters.")
    industry: Industry
    visibility: Visibility = Visibility.PUBLIC
    tags: Annotated[list[Tag], AfterValidator(_distinct_tags)] = Field(
        default_factory=list, max_length=TAGS_MAX
    )
    website: Website | None = None
    funding_goal: FundingGoal | None = None


class VentureUpdate(InputModel):
    """Only the fields sent change; `null` clears `website` and `funding_goal`."""

    name: Name | None = None
    description: Description | None = None
    industry: Industry | None = None
    visibility: Visibility | None = None
    tags: Annotated[list[Tag], AfterValidator(_distinct_tags)] | None = Field(
        default=None, max_length=TAGS_MAX
    )
    website: Website | None = None
    funding_goal: FundingGoal | None = None

    @field_validator("name", "description", "industry", "visibility", "tags")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("cannot be null")
        return value


class VentureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    description: str
    industry: Industry
    visibility: Visibility
    tags: list[str]
    website: str | None
    funding_goal: Money
    stage: Stage
    stage_entered_at: datetime
    owner_id: uuid.UUID
    archived_at: datetime | None
    archive_reason: str | None
    created_at: datetime
    updated_at: datetime
    my_role: TeamRole | None = Field(default=None, description="Your role in its team, if any.")


class NameCheck(BaseModel):
    name: str
    available: bool
    suggestion: str | None = Field(description="A free name close to the one asked, if taken.")


class StageChange(InputModel):
    event: StageEvent
    reason: str | None = Field(default=None, max_length=1000)
    from_stage: Stage | None = Field(
        default=None,
        description="The stage you saw. If the venture has moved since, the change is refused "
        "with 409 `CONCURRENT_TRANSITION` instead of applied to the new stage.",
    )


class StageStatus(BaseModel):
    venture_id: uuid.UUID
    stage: Stage
    stage_entered_at: datetime
    days_in_stage: int
    allowed_events: list[StageEvent] = Field(description="What you may send now, by your role.")


class HistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    event: StageEvent
    from_stage: Stage
    to_stage: Stage
    actor_id: uuid.UUID | None
    reason: str | None
    changed_at: datetime
    seconds_in_stage: int = Field(description="Time the venture spent in `from_stage`.")


class MemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    user_id: uuid.UUID
    display_name: str
    role: TeamRole
    joined_at: datetime
    invited_by: uuid.UUID | None


class MemberUpdate(InputModel):
    role: TeamRole


class InvitationCreate(InputModel):
    user_id: uuid.UUID
    role: TeamRole = TeamRole.MEMBER


class InvitationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    venture_id: uuid.UUID
    venture_name: str
    user_id: uuid.UUID
    role: TeamRole
    invited_by: uuid.UUID
    status: InvitationStatus
    expires_at: datetime
    responded_at: datetime | None
    created_at: datetime


class OwnershipTransfer(InputModel):
    user_id: uuid.UUID


class MetricCreate(InputModel):
    name: Annotated[
        str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$")
    ] = Field(description="A series name in lower_snake_case: `monthly_revenue`.")
    value: MetricValue
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    as_of: date
    source: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ] = "manual"


class MetricRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    value: Annotated[Decimal, PlainSerializer(_decimal_text, return_type=str)]
    unit: str
    as_of: date
    source: str
    recorded_by: uuid.UUID
    created_at: datetime


class ComputedMetrics(BaseModel):
    """Computed from the data when asked, never stored."""

    team_size: int
    documents_signed: int = Field(description="Completed legal documents signed for the venture.")
    buz_raised: str = Field(
        description="BUZ moved by transfers that name the venture.",
        json_schema_extra={"format": "decimal", "examples": ["1000.50"]},
    )
    days_in_stage: int


class MetricsRead(Page[MetricRead]):
    computed: ComputedMetrics


class TimelineEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str = Field(description="The event's name: `ventures.stage_changed`, ...")
    actor_id: uuid.UUID | None
    occurred_at: datetime
    data: dict[str, Any]
