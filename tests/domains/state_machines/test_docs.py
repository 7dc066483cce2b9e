"""docs/services/state-machines.md shows each built-in machine as generated from its
definition (the state_machines manifest names the section); regenerate with `brain docs`."""

from __future__ import annotations

from brain import docgen
from brain.domains.state_machines import definitions
from brain.domains.state_machines.mermaid import mermaid

PAGE = "docs/services/state-machines.md"


def test_the_machines_page_is_in_step_with_the_definitions() -> None:
    root = docgen.project_root()
    assert PAGE not in docgen.stale_pages(root), f"{PAGE} is stale: run brain docs"
    page = (root / PAGE).read_text(encoding="utf-8")
    for d in definitions.BUILTIN:
        assert f"```mermaid\n{mermaid(d)}```" in page, d.name
