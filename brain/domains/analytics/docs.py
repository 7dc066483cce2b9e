"""The part of docs/services/analytics.md that comes from code: the per-user metric table
(`rules.user_figures`' inputs), the report kinds and the events analytics publishes.

The analytics manifest names this section; `brain docs` writes it into the page and
`brain docs --check` fails when the committed page differs.
"""

from __future__ import annotations

from brain.domains.analytics import events, rules

_SOURCES: dict[str, str] = {
    "events": "any event whose actor is the user (server), or sent by the user's client",
    "xp": f"`{rules.XP_AWARDED}`: `xp`, for `user_id`",
    "buz_sent": f"`{rules.TRANSFER}` of kind `{rules.USER_TO_USER}`: `amount`, for `from_user_id`",
    "buz_received": f"`{rules.TRANSFER}` of kind `{rules.USER_TO_USER}`: `amount`, for "
    "`to_user_id`",
    "buz_earned": f"`{rules.TRANSFER}` of kind "
    + ", ".join(f"`{k}`" for k in sorted(rules.EARNED_KINDS))
    + ": `amount`, for `to_user_id`",
    "buz_spent": f"`{rules.TRANSFER}` of kind "
    + ", ".join(f"`{k}`" for k in sorted(rules.SPENT_KINDS))
    + ": `amount`, for `from_user_id`",
    "buz_staked": f"`{rules.STAKED}`: `amount`, for `user_id`",
    "documents_signed": f"`{rules.DOCUMENT_SIGNED}`: 1, for `user_id` (the signer)",
    "ventures_created": f"`{rules.VENTURE_CREATED}`: 1, for `user_id` (the creator)",
    "ventures_joined": f"`{rules.MEMBER_JOINED}`: 1, for `user_id` (the new member)",
}


def generated_section() -> str:
    lines = [
        "### Per-user figures",
        "",
        "What each event adds to a user's figure on the UTC day it occurred "
        "(`rules.user_figures`); a period sums its days. BUZ figures are minor units in "
        "storage and decimal strings in the API.",
        "",
        "| figure | from |",
        "|---|---|",
    ]
    lines += [f"| `{metric}` | {_SOURCES[metric]} |" for metric in rules.USER_METRICS]
    lines += [
        "",
        "### Periods",
        "",
        "| `period` | UTC days, today included |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {days} |" for name, days in rules.PERIODS.items()]
    lines += [
        "",
        "### Report kinds",
        "",
        "| kind | who | rows |",
        "|---|---|---|",
    ]
    who = {True: "administrators", False: "anyone (their own rows)"}
    for kind in rules.ReportKind:
        lines.append(f"| `{kind.value}` | {who[kind in rules.ADMIN_REPORTS]} | {_ROWS[kind]} |")
    lines += ["", "### Events", "", "| event | carries | activity feed |", "|---|---|---|"]
    common = set(events.ReportCompleted.__mro__[1].model_fields)  # type: ignore[attr-defined]
    for event in (events.ReportCompleted,):
        own = ", ".join(f"`{f}`" for f in event.model_fields if f not in common)
        feed = "yes" if event in events.ACTIVITY else ""
        lines.append(f"| `{event.name}` | {own} | {feed} |")
    return "\n".join(lines)


_ROWS: dict[rules.ReportKind, str] = {
    rules.ReportKind.USER_ENGAGEMENT: "one per active user: active days and every figure",
    rules.ReportKind.VENTURE_PERFORMANCE: "one per venture the requester is on: stage, team "
    "size and growth, events, metrics recorded, BUZ raised",
    rules.ReportKind.PLATFORM_HEALTH: "one per day: DAU, WAU, MAU, signups, events",
    rules.ReportKind.BUZ_ECONOMY: "one per day: transfers, volume, staked, unstaked",
}
