"""The parts of docs/services/umbrella.md that come from code: the lifecycle diagram (from
the `umbrella` state-machine definition), the share rates (`rules.SHARE_BPS`) and the events.

The umbrella manifest names this section; `brain docs` writes it into the page and
`brain docs --check` fails when the committed page differs.
"""

from __future__ import annotations

from brain.core.bus import DomainEvent
from brain.domains.state_machines.service import declared_definition, mermaid
from brain.domains.umbrella import events
from brain.domains.umbrella.lifecycle import MACHINE
from brain.domains.umbrella.rules import SHARE_BPS, SHARED_KINDS


def generated_section() -> str:
    lines = [
        "### Lifecycle of a referral link",
        "",
        "The `umbrella` machine:",
        "",
        "```mermaid",
        mermaid(declared_definition(MACHINE)).rstrip("\n"),
        "```",
        "",
        "### Share rates",
        "",
        "| level | who earns | share of the source amount |",
        "|---|---|---|",
    ]
    who = {1: "the referrer", 2: "the referrer's referrer", 3: "one level above that"}
    for level, bps in SHARE_BPS.items():
        lines.append(f"| {level} | {who[level]} | {bps / 100:.2f}% |")
    lines += [
        "",
        "Source transfers that earn shares (kinds): "
        + ", ".join(f"`{k}`" for k in sorted(SHARED_KINDS))
        + ".",
        "",
        "### Events",
        "",
        "Every one carries `event_id`, `occurred_at`, `actor_id` and `user_id` (the user it "
        "concerns, whose activity feed files it).",
        "",
        "| event | also carries | activity feed |",
        "|---|---|---|",
    ]
    common = set(DomainEvent.model_fields) | {"user_id"}
    for event in events.ALL:
        own = [f"`{f}`" for f in event.model_fields if f not in common]
        feed = "yes" if event in events.ACTIVITY else ""
        lines.append(f"| `{event.name}` | {', '.join(own)} | {feed} |")
    return "\n".join(lines)
