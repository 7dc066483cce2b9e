"""docs/services/state-machines.md shows every machine the code registers (the engine's
built-ins and the domains' lifecycles) as generated from its definition (the state_machines
manifest names the section); regenerate with `brain docs`."""

from __future__ import annotations

import pytest

from brain import docgen
from brain.domains.state_machines import definitions
from brain.domains.state_machines.mermaid import mermaid
from brain.handlers import register

PAGE = "docs/services/state-machines.md"


@pytest.fixture(autouse=True)
def registered_test_machines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Overrides the conftest's fixture: the page shows the code's machines, not the tests'
    (the built-ins here, the domains' ones registered by `brain.handlers.register()`)."""
    monkeypatch.setattr(definitions, "_registry", {d.name: d for d in definitions.BUILTIN})


def test_the_machines_page_is_in_step_with_the_definitions() -> None:
    root = docgen.project_root()
    assert PAGE not in docgen.stale_pages(root), f"{PAGE} is stale: run brain docs"
    page = (root / PAGE).read_text(encoding="utf-8")
    register()
    names = definitions.names()
    # The domains' lifecycles are there beside the engine's own.
    assert {"legal_document", "subscription", "umbrella", "user_journey", "venture"} <= set(names)
    for name in names:
        d = definitions.current(name)
        assert d is not None
        assert f"### `{name}`" in page, name
        assert f"```mermaid\n{mermaid(d)}```" in page, name
        for t in d.transitions:
            assert f"| `{t.event}` | `{t.source}` | `{t.target}` |" in page, (name, t.event)
