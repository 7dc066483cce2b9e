"""The `legal_document` machine belongs to legal: declared in `legal/lifecycle.py`, registered
with the engine, and unchanged in content (instances in production are pinned to it)."""

from __future__ import annotations

import subprocess
import sys

from brain.domains.legal import lifecycle
from brain.domains.legal.schemas import SIGNABLE
from brain.domains.state_machines.service import declared_definition

# The stored content hash of `legal_document` that documents in production run on. A change
# to the definition becomes a new version of the machine: do it on purpose, never by a refactor.
STORED_SHA256 = "72179794272819870fe3212b8e66c699bd9877943a030b621d7352dd4de8443e"


def test_the_definition_is_the_one_instances_in_production_run_on() -> None:
    assert lifecycle.LEGAL_DOCUMENT.sha256 == STORED_SHA256


def test_the_engine_declares_legal_s_definition() -> None:
    assert declared_definition("legal_document").sha256 == STORED_SHA256


def test_signing_happens_in_the_signable_statuses_and_nowhere_else() -> None:
    machine = lifecycle.LEGAL_DOCUMENT
    for event in ("sign", "complete", "decline", "expire"):
        sources = [t.source for t in machine.transitions if t.event == event]
        assert sources == [status.value for status in SIGNABLE], event


def test_the_definition_is_registered_before_the_app_starts() -> None:
    # A fresh interpreter that only imports the legal docs generator, as `python -m` would:
    # no app, no `handlers.register()`.
    script = (
        "from brain.domains.legal import docs\n"
        "assert 'PARTIALLY_SIGNED --> COMPLETED: complete' in docs.generated_section()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
