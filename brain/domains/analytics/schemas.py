"""Request and response models of `/api/analytics`. BUZ amounts are decimal strings."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from brain.domains.analytics.rules import (
    CLIENT_NAME_PATTERN,
    TRACK_MAX_BATCH,
    Interval,
    ReportKind,
    ReportStatus,
)

Period = Literal["7d", "30d", "90d", "1y"]


def _time_text(value: Any) -> Any:
    # The schema says an RFC 3339 string: a number (which pydantic would read as epoch
    # seconds) is refused, as the schema would.
    if not isinstance(value, str | datetime):
        raise ValueError("must be an RFC 3339 date-time string with a time zone")
    return value


Time = Annotated[AwareDatetime, BeforeValidator(_time_text)]


class TrackEvent(BaseModel):
    event_id: uuid.UUID = Field(description="Your id for the event: sending it again is a no-op.")
    name: str = Field(
        pattern=CLIENT_NAME_PATTERN,
        description="What happened (`$pageview`, `signup_form_opened`); no dots, which are for "
        "the server's own events.",
    )
    timestamp: Time | None = Field(
        default=None,
        description="When it happened by the client's clock (corrected with `sent_at`); "
        "absent: when it arrives.",
    )
    properties: dict[str, Any] = Field(
        default_factory=dict, description="Up to 8 KB of JSON; `ip`-like keys are dropped."
    )


class TrackBatch(BaseModel):
    events: list[TrackEvent] = Field(min_length=1, max_length=TRACK_MAX_BATCH)
    sent_at: Time | None = Field(
        default=None,
        description="When the client sent the batch, by its own clock: the server shifts every "
        "timestamp by (its time of receipt - sent_at), correcting the device's clock skew.",
    )


class TrackError(BaseModel):
    index: int
    event_id: uuid.UUID
    code: str = Field(
        description="`TIMESTAMP_IN_FUTURE`, `TIMESTAMP_TOO_OLD`, "
        "`PROPERTIES_TOO_LARGE` or `DUPLICATE_IN_BATCH`."
    )
    detail: str


class TrackResult(BaseModel):
    accepted: int
    duplicate: int = Field(description="Events whose id was stored before: nothing changed.")
    rejected: int
    errors: list[TrackError]


class DayCount(BaseModel):
    day: date
    count: int


class UserAnalytics(BaseModel):
    user_id: uuid.UUID
    period: Period
    start: date = Field(description="The period's first UTC day.")
    end: date = Field(description="Its last UTC day (today).")
    events: int = Field(description="Events the user did (as actor, or sent from a client).")
    active_days: int
    last_active: date | None
    xp: int
    buz_sent: str
    buz_received: str
    buz_earned: str
    buz_spent: str
    buz_staked: str
    documents_signed: int
    ventures: int = Field(description="ventures_created + ventures_joined.")
    ventures_created: int
    ventures_joined: int
    daily: list[DayCount] = Field(description="Events per UTC day with any.")


class TeamFigures(BaseModel):
    size: int = Field(description="Members now: 1 (the creator) + joined - left, all time.")
    joined: int
    left: int
    growth: int = Field(description="joined - left in the period.")


class StageSpan(BaseModel):
    stage: str
    entered_at: datetime
    left_at: datetime | None
    days: float


class MetricValue(BaseModel):
    metric: str
    value: str
    unit: str
    as_of: str


class VentureAnalytics(BaseModel):
    venture_id: uuid.UUID
    period: Period
    start: date
    end: date
    events: int = Field(description="Events about the venture in the period.")
    team: TeamFigures
    current_stage: str | None
    stages: list[StageSpan]
    metrics_recorded: int
    metrics: list[MetricValue] = Field(description="The latest value of each metric.")
    buz_raised: str = Field(description="BUZ of transfers naming the venture, in the period.")
    buz_raised_total: str


class RetentionWeek(BaseModel):
    week: int = Field(description="Weeks after the signup week (0: the signup week).")
    retained: int
    rate: float


class Cohort(BaseModel):
    week: date = Field(description="The cohort: Monday (UTC) of its signup week.")
    size: int
    weeks: list[RetentionWeek]


class BuzFigures(BaseModel):
    volume: str
    transfers: int
    circulating: str
    velocity: float | None = Field(description="volume / circulating; null with none.")
    staked: str = Field(description="Staked in the period.")
    tvl: str = Field(description="Principal staked now (all staked - all unstaked).")


class SeriesPoint(BaseModel):
    start: datetime
    events: int


class PlatformAnalytics(BaseModel):
    period: Period
    start: date
    end: date
    dau: int
    wau: int
    mau: int
    daily_active: list[DayCount]
    signups: int
    retention: list[Cohort]
    ventures_by_stage: dict[str, int]
    buz: BuzFigures
    events: int
    interval: Interval
    tz: str
    series: list[SeriesPoint]


class ReportCreate(BaseModel):
    kind: ReportKind
    period: Period


class ReportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: ReportKind
    period: Period
    status: ReportStatus
    progress: int = Field(description="0 to 100.")
    scope: Literal["platform", "own"]
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ReportData(ReportRead):
    columns: list[str]
    rows: list[dict[str, Any]]
