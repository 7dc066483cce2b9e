"""The parts of docs/services/ventures.md that come from code: the lifecycle diagram (from the
`venture` state-machine definition) and the team-role table (from `rules.PERMISSIONS`).

The ventures manifest names this section; `brain docs` writes it into the page and
`brain docs --check` fails when the committed page differs.
"""

from __future__ import annotations

from brain.domains.state_machines.service import declared_definition, mermaid
from brain.domains.ventures import events
from brain.domains.ventures.lifecycle import MACHINE
from brain.domains.ventures.rules import ACTION_MEANING, PERMISSIONS, TeamAction, TeamRole


def generated_section() -> str:
    roles = list(TeamRole)
    lines = [
        "### Lifecycle",
        "",
        "The `venture` machine (guards in brackets):",
        "",
        "```mermaid",
        mermaid(declared_definition(MACHINE)).rstrip("\n"),
        "```",
        "",
        "### What each team role may do",
        "",
        "| action | " + " | ".join(r.value for r in roles) + " | meaning |",
        "|---|" + "---|" * len(roles) + "---|",
    ]
    for action in TeamAction:
        marks = " | ".join("yes" if r in PERMISSIONS[action] else "" for r in roles)
        lines.append(f"| `{action.value}` | {marks} | {ACTION_MEANING[action]} |")
    lines += [
        "",
        "### Events",
        "",
        "Every one carries `event_id`, `occurred_at`, `actor_id`, `venture_id` and `user_id` (the "
        "user it concerns); the activity column says whether it goes into that user's feed.",
        "",
        "| event | also carries | activity feed |",
        "|---|---|---|",
    ]
    common = set(events.VentureEvent.model_fields)
    for event in events.ALL:
        own = [f"`{f}`" for f in event.model_fields if f not in common]
        feed = "yes" if event in events.ACTIVITY else ""
        lines.append(f"| `{event.name}` | {', '.join(own)} | {feed} |")
    return "\n".join(lines)
