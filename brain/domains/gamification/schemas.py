"""Request and response models of `/api/gamification`. There is no request that awards XP:
XP comes only from domain events (handlers.py)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field

from brain.core.schemas import InputModel
from brain.domains.gamification.rules import BadgeCode, Category, Level, Period, Rarity


def _not_a_bool(value: Any) -> Any:
    # JSON's true is not the number 1 (pydantic's lax int would take it); 587.0 is 587.
    if isinstance(value, bool):
        raise ValueError("must be an integer")
    return value


WholeNumber = Annotated[int, BeforeValidator(_not_a_bool)]
Reason = Field(min_length=1, max_length=500, description="Why; kept in the audit trail.")


class StreakRead(BaseModel):
    current: int = Field(description="Consecutive UTC days signed in, ending today or yesterday.")
    best: int
    last_login_day: date | None


class EarnedBadge(BaseModel):
    badge: BadgeCode
    name: str
    rarity: Rarity
    earned_at: datetime


class ProfileRead(BaseModel):
    user_id: uuid.UUID
    display_name: str
    xp: int
    level: Level
    next_level: Level | None
    next_level_xp: int | None = Field(description="The XP the next level starts at.")
    xp_to_next_level: int | None
    progress: float = Field(ge=0, le=1, description="Of the way from this level to the next.")
    badges: list[EarnedBadge]
    streak: StreakRead


class XpAwardRead(BaseModel):
    id: uuid.UUID
    rule: str
    xp: int
    source_event_id: uuid.UUID = Field(
        description="The event that earned it; for a reversal, the award it reverses."
    )
    occurred_at: datetime
    reason: str | None = None


class BadgeRead(BaseModel):
    badge: BadgeCode
    name: str
    rarity: Rarity
    description: str
    target: int
    xp: int = Field(description="XP for earning it (the `badge_earned` rule).")
    buz_reward: str = Field(description="BUZ paid on earning it, a decimal string.")


class BadgeCatalogue(BaseModel):
    items: list[BadgeRead]


class BadgeProgress(BaseModel):
    badge: BadgeCode
    name: str
    rarity: Rarity
    earned: bool
    earned_at: datetime | None
    revoked: bool
    current: int = Field(description="The measure's value now (BUZ in minor units).")
    target: int
    progress: float = Field(ge=0, le=1)


class UserBadges(BaseModel):
    user_id: uuid.UUID
    items: list[BadgeProgress]


class LeaderboardRow(BaseModel):
    rank: int
    user_id: uuid.UUID
    display_name: str
    score: str = Field(
        description="XP or badges as a whole number, BUZ as a decimal string with two places."
    )
    xp: int | None = Field(default=None, description="The user's total XP (the XP board only).")


class LeaderboardRead(BaseModel):
    category: Category
    period: Period
    period_key: str = Field(description="`all`, the ISO week (`2026-W49`) or month (`2026-12`).")
    items: list[LeaderboardRow]
    me: LeaderboardRow | None = Field(description="The caller's own row, if on the board.")


class Ranking(BaseModel):
    category: Category
    period: Period
    rank: int | None
    score: str


class RankingsRead(BaseModel):
    user_id: uuid.UUID
    items: list[Ranking]


class BadgeAdminAction(InputModel):
    user_id: uuid.UUID
    badge: BadgeCode
    reason: str = Reason


class UserBadgeRead(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    badge: BadgeCode
    earned_at: datetime
    awarded_by: uuid.UUID | None
    revoked_at: datetime | None
    revoke_reason: str | None


class XpReverse(InputModel):
    award_id: uuid.UUID
    reason: str = Reason


class RuleUpdate(InputModel):
    xp: WholeNumber = Field(ge=0, le=100_000, description="The new amount; 0 turns the rule off.")
    reason: str = Reason


class RuleRead(BaseModel):
    rule: str
    event: str
    xp: int
    default_xp: int
    daily_cap: int | None
    updated_at: datetime | None
