"""The generated sections of docs/api/websocket.md (the frames' JSON schema, the close codes)
and docs/services/websocket.md (the event -> message table, the settings' defaults)."""

from __future__ import annotations

import json

from brain.domains.websocket.protocol import CLOSE_MEANING, Close, ErrorCode, json_schema

EVENTS: list[tuple[str, str, str]] = [
    ("buz.transfer_completed", "token_update", "user:{from} and user:{to}"),
    ("ventures.stage_changed", "venture_update", "venture:{id}"),
    ("ventures.updated", "venture_update", "venture:{id}"),
    ("ventures.archived", "venture_update", "venture:{id}"),
    ("ventures.member_joined", "venture_update", "team:{id}"),
    ("ventures.member_role_changed", "venture_update", "team:{id}"),
    ("ventures.ownership_transferred", "venture_update", "team:{id}"),
    ("ventures.member_left", "venture_update (+ unsubscribes the member)", "team:{id}"),
    ("a new in-app notification (notifications domain)", "notification", "user:{id}"),
    ("POST /api/websocket/broadcast", "system_announcement", "broadcast"),
    ("subscribing to / leaving a venture or team channel", "presence", "venture:{id}, team:{id}"),
]


def _close_table() -> str:
    rows = ["| Code | Meaning |", "|---|---|"]
    rows += [f"| {int(code)} | {CLOSE_MEANING[code]} |" for code in Close]
    return "\n".join(rows)


def schema_section() -> str:
    codes = ", ".join(f"`{c.value}`" for c in ErrorCode)
    body = json.dumps(json_schema(), indent=2, sort_keys=True)
    return (
        "### Close codes\n\n"
        f"{_close_table()}\n\n"
        "### Error codes (`error` frames)\n\n"
        f"{codes}\n\n"
        "### JSON schema\n\n"
        "Also served at `GET /api/websocket/schema`.\n\n"
        f"```json\n{body}\n```"
    )


def service_section() -> str:
    rows = ["| What happens | Message `type` | Channel |", "|---|---|---|"]
    rows += [f"| `{what}` | `{kind}` | `{channel}` |" for what, kind, channel in EVENTS]
    return "\n".join(rows)
