"""The machines section of docs/services/state-machines.md, generated from the definitions.

The state_machines manifest names this section; `brain docs` writes it into the page and
`brain docs --check` fails when the committed page differs.
"""

from __future__ import annotations

from brain.domains.state_machines import definitions
from brain.domains.state_machines.mermaid import mermaid


def machines_section() -> str:
    parts: list[str] = []
    for d in definitions.BUILTIN:
        finals = ", ".join(sorted(d.final_states)) or "none"
        parts += [
            f"### `{d.name}`",
            "",
            d.description,
            "",
            f"Initial state `{d.initial_state}`; final states: {finals}. "
            f"Events: {', '.join(f'`{e}`' for e in d.events)}.",
            "",
            "```mermaid",
            mermaid(d).rstrip("\n"),
            "```",
            "",
        ]
    return "\n".join(parts).rstrip("\n")
