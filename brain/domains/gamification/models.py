"""The gamification domain's tables. Only the gamification domain writes them.

`gamification_xp_awards` is the XP ledger: append-only, one row per (user, rule, source event),
unique, so the same event never pays twice; an admin's reversal is another row (rule
`reversal`, source the reversed award), never an edit. `gamification_user_stats` holds the
running totals the profile and the all-time leaderboards read (kept in the same transaction as
the rows they sum; its row is also the per-user lock every award takes first).

A user's rows go with the user (`ON DELETE CASCADE`, as users' and auth's do): users are closed,
not deleted, in production; tests that commit remove theirs.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class XpAward(SQLModel, table=True):
    __tablename__ = "gamification_xp_awards"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    rule: str = Field(max_length=40)
    xp: int
    source_event_id: uuid.UUID
    # When the source event happened (its `occurred_at`): periods, caps and history use it.
    occurred_at: datetime = Field(sa_column=utc_column())
    day: date  # the UTC day of `occurred_at`, for the per-rule daily caps
    reverses_id: uuid.UUID | None = Field(
        default=None, foreign_key="gamification_xp_awards.id", ondelete="CASCADE"
    )
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    reason: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint(
            "user_id", "rule", "source_event_id", name="gamification_xp_awards_source_key"
        ),
        sa.Index("ix_gamification_xp_awards_user_rule_day", "user_id", "rule", "day"),
        sa.Index("ix_gamification_xp_awards_user_occurred", "user_id", "occurred_at", "id"),
        sa.Index("ix_gamification_xp_awards_occurred_at", "occurred_at"),
    )


class UserStats(SQLModel, table=True):
    __tablename__ = "gamification_user_stats"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    xp: int = 0
    level: str = Field(default="OWLET", max_length=20)
    badges: int = 0  # badges held (revoked ones not counted)
    buz_held: int = 0  # wallet + staked, units, as of the last BUZ movement heard
    current_streak: int = 0
    best_streak: int = 0
    last_login_day: date | None = None
    version: int = 0
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.Index("ix_gamification_user_stats_xp", "xp", "user_id"),
        sa.Index("ix_gamification_user_stats_badges", "badges", "user_id"),
        sa.Index("ix_gamification_user_stats_buz_held", "buz_held", "user_id"),
    )


class UserBadge(SQLModel, table=True):
    __tablename__ = "gamification_user_badges"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    badge: str = Field(max_length=40)
    earned_at: datetime = Field(sa_column=utc_column())
    # Set when an admin awarded it rather than the rules.
    awarded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    revoked_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    revoke_reason: str | None = Field(default=None, max_length=500)

    __table_args__ = (
        sa.UniqueConstraint("user_id", "badge", name="gamification_user_badges_user_badge_key"),
        sa.Index("ix_gamification_user_badges_earned_at", "earned_at"),
    )


class UserFact(SQLModel, table=True):
    """Something the user did that a badge counts (`rules.Fact`), once per key."""

    __tablename__ = "gamification_facts"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    kind: str = Field(primary_key=True, max_length=40)
    key: str = Field(primary_key=True, max_length=100)
    occurred_at: datetime = Field(sa_column=utc_column())


class LoginDay(SQLModel, table=True):
    """A UTC day on which the user signed in: the streaks are computed from these."""

    __tablename__ = "gamification_login_days"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    day: date = Field(primary_key=True)


class BuzChange(SQLModel, table=True):
    """A movement of the user's BUZ (wallet and staked), heard from `buz.transfer_completed`:
    the week and month BUZ leaderboards sum these."""

    __tablename__ = "gamification_buz_changes"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    transfer_id: uuid.UUID = Field(primary_key=True)
    delta: int
    occurred_at: datetime = Field(sa_column=utc_column())

    __table_args__ = (sa.Index("ix_gamification_buz_changes_occurred_at", "occurred_at"),)


class RuleSetting(SQLModel, table=True):
    """An admin's XP amount for a rule (`rules.XP_RULES` holds the defaults)."""

    __tablename__ = "gamification_rule_settings"

    rule: str = Field(primary_key=True, max_length=40)
    xp: int
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_by: uuid.UUID = Field(foreign_key="users.id")


class AdminAction(SQLModel, table=True):
    """The audit trail of every admin action on gamification: append-only."""

    __tablename__ = "gamification_admin_actions"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    actor_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    action: str = Field(max_length=40)
    user_id: uuid.UUID | None = Field(
        default=None, foreign_key="users.id", ondelete="CASCADE", index=True
    )
    subject: str = Field(max_length=100)  # the badge, rule or award concerned
    reason: str = Field(max_length=500)
    detail: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    occurred_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
