"""Generates the machines section of docs/services/state-machines.md from the definitions.

`python -m brain.domains.state_machines.docs` rewrites the part of the page between the
markers; a test fails when the committed page differs from what this would write.
"""

from __future__ import annotations

import sys
from pathlib import Path

from brain.domains.state_machines import definitions
from brain.domains.state_machines.mermaid import mermaid

PAGE = Path(__file__).resolve().parents[3] / "docs" / "services" / "state-machines.md"
BEGIN = "<!-- BEGIN GENERATED: machines (python -m brain.domains.state_machines.docs) -->"
END = "<!-- END GENERATED: machines -->"


def machines_section() -> str:
    parts = [BEGIN, ""]
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
    parts.append(END)
    return "\n".join(parts)


def render(page: str) -> str:
    """`page` with its generated section replaced by the current one."""
    start, end = page.index(BEGIN), page.index(END) + len(END)
    return page[:start] + machines_section() + page[end:]


def main() -> None:
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")


if __name__ == "__main__":
    main()
