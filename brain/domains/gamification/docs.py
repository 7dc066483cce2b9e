"""The parts of docs/services/gamification.md that come from code: the XP rules, the levels and
the badge catalogue (rules.py), and the events. The manifest names this section; `brain docs`
writes it and `brain docs --check` fails when the committed page differs."""

from __future__ import annotations

from brain.domains.gamification import events
from brain.domains.gamification.rules import (
    BADGES,
    LEVELS,
    RARITY_BUZ,
    XP_RULES,
    Badge,
    Metric,
    format_units,
)


def _cap(cap: int | None) -> str:
    return "" if cap is None else f"{cap} a day"


def _target(badge: Badge) -> str:
    # BUZ is kept in minor units; the page shows BUZ.
    if badge.metric is Metric.BUZ_HELD:
        return f"{format_units(badge.target)} BUZ"
    return f"{badge.target:,}"


def generated_section() -> str:
    lines = [
        "### XP rules",
        "",
        "Default amounts; an admin may change one (`PUT /api/gamification/admin/rules/{rule}`).",
        "",
        "| rule | event | XP | cap | earned by |",
        "|---|---|---|---|---|",
    ]
    for rule in XP_RULES.values():
        lines.append(
            f"| `{rule.rule.value}` | `{rule.event}` | {rule.xp:,} | {_cap(rule.daily_cap)} "
            f"| {rule.when} |"
        )
    lines += ["", "### Levels", "", "| level | from XP | BUZ on reaching it |", "|---|---|---|"]
    for spec in LEVELS:
        lines.append(
            f"| `{spec.level.value}` | {spec.min_xp:,} | {format_units(spec.buz_reward)} |"
        )
    lines += [
        "",
        "### Badges",
        "",
        "| badge | name | rarity | measure | target | BUZ | how |",
        "|---|---|---|---|---|---|---|",
    ]
    for badge in BADGES.values():
        lines.append(
            f"| `{badge.code.value}` | {badge.name} | {badge.rarity.value} | "
            f"`{badge.metric.value}` | {_target(badge)} | {format_units(RARITY_BUZ[badge.rarity])} "
            f"| {badge.description} |"
        )
    lines += [
        "",
        "### Events",
        "",
        "| event | carries | activity feed |",
        "|---|---|---|",
    ]
    for event in (events.XpAwarded, events.LevelUp, events.BadgeEarned):
        own = [f"`{f}`" for f in event.model_fields if f not in {"event_id", "occurred_at"}]
        feed = "yes" if event in events.ACTIVITY else ""
        lines.append(f"| `{event.name}` | {', '.join(own)} | {feed} |")
    return "\n".join(lines)
