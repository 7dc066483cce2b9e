"""Gamification's policy as data (domain rules, "Gamification"): the XP rules keyed by the
domain events that trigger them, the levels, the badge catalogue and the BUZ rewards. Pure
data and arithmetic, no I/O; docs/services/gamification.md's tables are generated from here.

An XP amount here is a default: an admin may change it (`PUT /admin/rules/{rule}`, stored in
`gamification_rule_settings`), which applies to events handled afterwards. BUZ amounts are
minor units (1 BUZ = 100).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

UNITS_PER_BUZ = 100


class Rule(StrEnum):
    DAILY_LOGIN = "daily_login"
    PROFILE_COMPLETED = "profile_completed"
    LEGAL_DOCUMENT_SIGNED = "legal_document_signed"
    TEAM_JOINED = "team_joined"
    REFERRAL_ACTIVATED = "referral_activated"
    VENTURE_CREATED = "venture_created"
    FIRST_VENTURE_BONUS = "first_venture_bonus"
    VENTURE_STAGE_ADVANCED = "venture_stage_advanced"
    BADGE_EARNED = "badge_earned"
    BUZ_STAKED = "buz_staked"
    FILE_SHARED = "file_shared"


# The rule of a reversing row (an admin's `POST /admin/xp/reverse`): its source is the award
# it reverses, so the unique (user, rule, source) key lets an award be reversed only once.
REVERSAL = "reversal"


@dataclass(frozen=True)
class XpRule:
    rule: Rule
    event: str  # the domain event that triggers it
    xp: int  # the default amount
    daily_cap: int | None  # awards per user per UTC day; None: no cap
    when: str  # what earns it, for the docs


XP_RULES: dict[Rule, XpRule] = {
    r.rule: r
    for r in (
        XpRule(Rule.DAILY_LOGIN, "auth.logged_in", 50, 1, "signing in (once per UTC day)"),
        XpRule(
            Rule.PROFILE_COMPLETED,
            "users.updated",
            100,
            None,
            "the profile first has a headline, bio, location and a skill (once per user)",
        ),
        XpRule(
            Rule.LEGAL_DOCUMENT_SIGNED, "legal.document_signed", 150, None, "signing a document"
        ),
        XpRule(Rule.TEAM_JOINED, "ventures.member_joined", 200, None, "joining a venture's team"),
        XpRule(
            Rule.REFERRAL_ACTIVATED,
            "umbrella.referral_activated",
            200,
            None,
            "a referral becomes ACTIVE (to the referrer)",
        ),
        XpRule(Rule.VENTURE_CREATED, "ventures.created", 500, None, "creating a venture"),
        XpRule(
            Rule.FIRST_VENTURE_BONUS,
            "ventures.created",
            1000,
            None,
            "creating one's first venture (on top of `venture_created`)",
        ),
        XpRule(
            Rule.VENTURE_STAGE_ADVANCED,
            "ventures.stage_changed",
            300,
            None,
            "advancing a venture one stage (`advance`, not a revert or archive)",
        ),
        XpRule(
            Rule.BADGE_EARNED, "gamification.badge_earned", 100, None, "earning a badge (once each)"
        ),
        XpRule(Rule.BUZ_STAKED, "buz.staked", 50, None, "opening a staking position"),
        XpRule(Rule.FILE_SHARED, "files.shared", 25, 10, "sharing a file (at most 10 per UTC day)"),
    )
}


class Level(StrEnum):
    OWLET = "OWLET"
    NIGHT_WATCHER = "NIGHT_WATCHER"
    WISE_OWL = "WISE_OWL"
    SKY_MASTER = "SKY_MASTER"


@dataclass(frozen=True)
class LevelSpec:
    level: Level
    min_xp: int
    buz_reward: int  # units, paid once when the level is first reached


LEVELS: tuple[LevelSpec, ...] = (
    LevelSpec(Level.OWLET, 0, 0),
    LevelSpec(Level.NIGHT_WATCHER, 1_000, 100 * UNITS_PER_BUZ),
    LevelSpec(Level.WISE_OWL, 5_000, 500 * UNITS_PER_BUZ),
    LevelSpec(Level.SKY_MASTER, 20_000, 2_000 * UNITS_PER_BUZ),
)
LEVEL_INDEX: dict[Level, int] = {spec.level: i for i, spec in enumerate(LEVELS)}


def level_for(xp: int) -> LevelSpec:
    current = LEVELS[0]
    for spec in LEVELS:
        if xp >= spec.min_xp:
            current = spec
    return current


def next_level(level: Level) -> LevelSpec | None:
    i = LEVEL_INDEX[level] + 1
    return LEVELS[i] if i < len(LEVELS) else None


class Rarity(StrEnum):
    COMMON = "COMMON"
    UNCOMMON = "UNCOMMON"
    RARE = "RARE"
    EPIC = "EPIC"
    LEGENDARY = "LEGENDARY"


RARITY_BUZ: dict[Rarity, int] = {
    Rarity.COMMON: 0,
    Rarity.UNCOMMON: 0,
    Rarity.RARE: 100 * UNITS_PER_BUZ,
    Rarity.EPIC: 250 * UNITS_PER_BUZ,
    Rarity.LEGENDARY: 500 * UNITS_PER_BUZ,
}


class Metric(StrEnum):
    """What a badge measures; `awards.snapshot` computes each for a user."""

    XP = "xp"
    PLATFORM_AND_BUZ_TERMS = "platform_and_buz_terms_signed"
    VENTURES_JOINED = "ventures_joined"
    VENTURES_CREATED = "ventures_created"
    LOGIN_STREAK = "best_login_streak"
    BUZ_HELD = "buz_held"
    ACTIVE_REFERRALS = "active_referrals"
    VENTURES_LAUNCHED = "ventures_launched"


class Fact(StrEnum):
    """What gamification remembers of the events it heard (`gamification_facts`): a fact is
    kept once per (user, kind, key), so a redelivered event counts once."""

    SIGNED = "signed"  # key: the template type
    VENTURE_MEMBER = "venture_member"  # key: the venture (removed when the member leaves)
    VENTURE_CREATED = "venture_created"  # key: the venture
    REFERRAL = "referral"  # key: the relationship
    VENTURE_LAUNCHED = "venture_launched"  # key: the venture


# Legal Eagle: the platform pack and the BUZ terms.
LEGAL_EAGLE_TEMPLATES: frozenset[str] = frozenset({"PPA", "ESCA", "PNA", "BTS", "BPP"})


class BadgeCode(StrEnum):
    FIRST_STEPS = "FIRST_STEPS"
    LEGAL_EAGLE = "LEGAL_EAGLE"
    TEAM_PLAYER = "TEAM_PLAYER"
    VENTURE_FOUNDER = "VENTURE_FOUNDER"
    CONSISTENT_PERFORMER = "CONSISTENT_PERFORMER"
    XP_HUNTER = "XP_HUNTER"
    BUZ_MASTER = "BUZ_MASTER"
    CONNECTOR = "CONNECTOR"
    PROJECT_CHAMPION = "PROJECT_CHAMPION"
    LEGEND = "LEGEND"


@dataclass(frozen=True)
class Badge:
    code: BadgeCode
    name: str
    rarity: Rarity
    metric: Metric
    target: int  # earned when the metric reaches it
    description: str


BADGES: dict[BadgeCode, Badge] = {
    b.code: b
    for b in (
        Badge(BadgeCode.FIRST_STEPS, "First Steps", Rarity.COMMON, Metric.XP, 1, "Earn XP once."),
        Badge(
            BadgeCode.LEGAL_EAGLE,
            "Legal Eagle",
            Rarity.RARE,
            Metric.PLATFORM_AND_BUZ_TERMS,
            len(LEGAL_EAGLE_TEMPLATES),
            "Sign the platform pack (PPA, ESCA, PNA) and the BUZ terms (BTS, BPP).",
        ),
        Badge(
            BadgeCode.TEAM_PLAYER,
            "Team Player",
            Rarity.UNCOMMON,
            Metric.VENTURES_JOINED,
            3,
            "Be a member of 3 ventures' teams.",
        ),
        Badge(
            BadgeCode.VENTURE_FOUNDER,
            "Venture Founder",
            Rarity.RARE,
            Metric.VENTURES_CREATED,
            1,
            "Create a venture.",
        ),
        Badge(
            BadgeCode.CONSISTENT_PERFORMER,
            "Consistent Performer",
            Rarity.RARE,
            Metric.LOGIN_STREAK,
            7,
            "Sign in on 7 consecutive UTC days.",
        ),
        Badge(BadgeCode.XP_HUNTER, "XP Hunter", Rarity.RARE, Metric.XP, 1_000, "Reach 1,000 XP."),
        Badge(
            BadgeCode.BUZ_MASTER,
            "BUZ Master",
            Rarity.RARE,
            Metric.BUZ_HELD,
            10_000 * UNITS_PER_BUZ,
            "Hold 10,000 BUZ (wallet and staked).",
        ),
        Badge(
            BadgeCode.CONNECTOR,
            "Connector",
            Rarity.UNCOMMON,
            Metric.ACTIVE_REFERRALS,
            5,
            "Have 5 referrals become ACTIVE.",
        ),
        Badge(
            BadgeCode.PROJECT_CHAMPION,
            "Project Champion",
            Rarity.EPIC,
            Metric.VENTURES_LAUNCHED,
            1,
            "Advance a venture to LAUNCH.",
        ),
        Badge(
            BadgeCode.LEGEND,
            "Legend",
            Rarity.LEGENDARY,
            Metric.XP,
            LEVELS[-1].min_xp,
            "Reach the SKY_MASTER level.",
        ),
    )
}


# -- sources ----------------------------------------------------------------------------------

_NAMESPACE = uuid.UUID("5f0c2d4e-9a55-4a8e-b7c1-3f6a2d1e0b99")


def once_source(user_id: uuid.UUID, what: str) -> uuid.UUID:
    """A fixed source id for what a user earns once ever (a badge's XP, a completed profile):
    the same (user, rule, source) key every time, so it never pays twice."""
    return uuid.uuid5(_NAMESPACE, f"{user_id}:{what}")


def buz_reward_key(user_id: uuid.UUID, what: str) -> str:
    """The BUZ ledger's idempotency key for a gamification reward (`level:X`, `badge:Y`)."""
    return f"gamification:{user_id}:{what}"


def format_units(units: int) -> str:
    sign = "-" if units < 0 else ""
    whole, cents = divmod(abs(units), UNITS_PER_BUZ)
    return f"{sign}{whole}.{cents:02d}"


# -- periods ----------------------------------------------------------------------------------


class Period(StrEnum):
    ALL_TIME = "all_time"
    WEEK = "week"
    MONTH = "month"


class Category(StrEnum):
    XP = "xp"
    BUZ = "buz"
    BADGES = "badges"


def period_start(period: Period, now: datetime) -> datetime | None:
    """The UTC start of the period containing `now` (weeks start on Monday); None for all time."""
    day = now.astimezone(UTC).date()
    if period is Period.WEEK:
        day = day - timedelta(days=day.weekday())
    elif period is Period.MONTH:
        day = day.replace(day=1)
    else:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def period_key(period: Period, now: datetime) -> str:
    """The name of the period containing `now`: `all`, `2026-W49`, `2026-12`."""
    if period is Period.WEEK:
        year, week, _ = now.astimezone(UTC).isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.MONTH:
        return now.astimezone(UTC).strftime("%Y-%m")
    return "all"


def streaks(days: list[date]) -> tuple[int, int]:
    """(current, best) runs of consecutive days in `days` (any order, no duplicates needed);
    `current` is the run that ends on the latest day."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return run, best
