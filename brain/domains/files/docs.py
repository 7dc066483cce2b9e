"""The parts of docs/services/files.md that come from code: the allowed types table (from
`rules.TYPES`, what the sniffer accepts) and the events table.

The files manifest names this section; `brain docs` writes it into the page and
`brain docs --check` fails when the committed page differs.
"""

from __future__ import annotations

from brain.core.bus import DomainEvent
from brain.domains.files import events
from brain.domains.files.rules import LINK_DEFAULT_SECONDS, LINK_MAX_SECONDS, TYPES


def generated_section() -> str:
    lines = [
        "### Allowed types",
        "",
        "Decided by the content (`brain/domains/files/sniff.py`), never by the name or the "
        "client's `Content-Type`; the name's extension must then be one of the type's. "
        "Everything else (SVG, HTML, executables, legacy OLE office files, macro-enabled "
        "office files) is 415.",
        "",
        "| type | extensions | what | recognised by |",
        "|---|---|---|---|",
    ]
    for t in TYPES:
        exts = ", ".join(f"`{e}`" for e in t.extensions)
        lines.append(f"| `{t.mime}` | {exts} | {t.label} | {t.how} |")
    lines += [
        "",
        f"Signed links last {LINK_DEFAULT_SECONDS} s unless asked, at most "
        f"{LINK_MAX_SECONDS} s (7 days).",
        "",
        "### Events",
        "",
        "Every one carries `event_id`, `occurred_at` and `actor_id`; the activity column says "
        "whether it goes into the acting user's feed.",
        "",
        "| event | carries | activity feed |",
        "|---|---|---|",
    ]
    common = set(DomainEvent.model_fields)
    for event in events.ALL:
        own = [f"`{f}`" for f in event.model_fields if f not in common]
        feed = "yes" if event in events.ACTIVITY else ""
        lines.append(f"| `{event.name}` | {', '.join(own)} | {feed} |")
    return "\n".join(lines)
