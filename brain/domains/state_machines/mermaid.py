"""Mermaid `stateDiagram-v2` text for a definition (the docs and the definitions endpoint)."""

from __future__ import annotations

from brain.domains.state_machines.definition import Definition


def mermaid(definition: Definition) -> str:
    """The diagram, one line per transition, guards in brackets; stable for a given definition."""
    lines = ["stateDiagram-v2", f"    [*] --> {definition.initial_state}"]
    for t in definition.transitions:
        label = t.event if t.guard is None else f"{t.event} [{t.guard}]"
        lines.append(f"    {t.source} --> {t.target}: {label}")
    for state in definition.states:
        if state.final:
            lines.append(f"    {state.name} --> [*]")
    return "\n".join(lines) + "\n"
