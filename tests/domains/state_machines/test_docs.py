"""docs/services/state-machines.md shows each built-in machine as generated from its
definition; regenerate with `python -m brain.domains.state_machines.docs`."""

from __future__ import annotations

from brain.domains.state_machines import definitions
from brain.domains.state_machines.docs import PAGE, render
from brain.domains.state_machines.mermaid import mermaid


def test_the_machines_page_is_in_step_with_the_definitions() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page == render(page), (
        "docs/services/state-machines.md is stale: run python -m brain.domains.state_machines.docs"
    )
    for d in definitions.BUILTIN:
        assert f"```mermaid\n{mermaid(d)}```" in page, d.name
