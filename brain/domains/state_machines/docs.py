"""The machines section of docs/services/state-machines.md, generated from the definitions.

The state_machines manifest names this section; `brain docs` writes it into the page and
`brain docs --check` fails when the committed page differs. It renders every definition in the
engine's registry: its own built-ins and those the domains above register (venture,
legal_document, umbrella, ...). This domain may not import those domains, so whoever renders
the section (`brain.docgen`) registers every domain first (`brain.handlers.register()`).
"""

from __future__ import annotations

from brain.domains.state_machines import definitions
from brain.domains.state_machines.definition import Definition
from brain.domains.state_machines.mermaid import mermaid


def _cell(text: str | None) -> str:
    return f"`{text}`" if text else "—"


def _machine(d: Definition) -> list[str]:
    finals = ", ".join(f"`{s}`" for s in sorted(d.final_states)) or "none"
    builtin = d.name in {b.name for b in definitions.BUILTIN}
    origin = "the engine (built-in)" if builtin else "a domain's lifecycle"
    lines = [
        f"### `{d.name}`",
        "",
        d.description,
        "",
        f"Registered by: {origin}. Initial state `{d.initial_state}`; final states: {finals}. "
        f"Events: {', '.join(f'`{e}`' for e in d.events)}.",
        "",
        "| Event | From | To | Guard | Permission |",
        "| --- | --- | --- | --- | --- |",
    ]
    for t in d.transitions:
        lines.append(
            f"| `{t.event}` | `{t.source}` | `{t.target}` | {_cell(t.guard)} "
            f"| {_cell(t.permission)} |"
        )
    return [*lines, "", "```mermaid", mermaid(d).rstrip("\n"), "```", ""]


def machines_section() -> str:
    """Every registered definition, in name order."""
    parts: list[str] = []
    for name in definitions.names():
        definition = definitions.current(name)
        if definition is not None:
            parts += _machine(definition)
    return "\n".join(parts).rstrip("\n")
