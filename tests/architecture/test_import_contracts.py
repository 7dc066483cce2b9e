"""The import-linter contracts (pyproject.toml, `lint-imports` in `make lint`) hold on the code
and catch each kind of violation: `lint-imports` runs on a copy of `brain/` with imports added
that break (or keep) one rule each."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from importlinter import api as importlinter

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# (file under brain/, a line appended to it, the contract it breaks)
VIOLATIONS = [
    ("domains/users/bad_upward.py", "from brain.domains.buz import service", "domain-order"),
    ("domains/auth/bad_upward.py", "import brain.domains.legal.service", "domain-order"),
    ("domains/buz/bad_models.py", "from brain.domains.users.models import User", "public-modules"),
    ("domains/buz/bad_internal.py", "from brain.domains.legal import catalog", "public-modules"),
    ("domains/buz/events.py", "from brain.domains.buz import schemas", "events-import-only-core"),
    (
        "domains/legal/events.py",
        "from brain.domains.users.errors import UserNotFound",
        "events-import-only-core",
    ),
    ("core/bad.py", "from brain.domains.users import service", "core-imports-no-domain"),
    ("core/bad_root.py", "from brain import installed", "core-imports-no-domain"),
    ("domains/users/bad_root.py", "from brain import handlers", "domains-import-no-root"),
]

# Imports the rules allow: none of these may break a contract.
ALLOWED = [
    ("domains/users/ok_events.py", "from brain.domains.buz.events import TransferCompleted"),
    ("domains/users/router.py", "from brain.domains.auth.deps import CurrentUser"),
    ("domains/buz/ok_public.py", "from brain.domains.users import service, schemas, errors"),
    ("domains/buz/ok_own.py", "from brain.domains.buz.models import BuzAccount"),
    ("domains/legal/ok_public.py", "from brain.domains.auth.deps import CurrentUser"),
    ("domains/buz/events.py", "from brain.core.bus import DomainEvent"),
]


def _lint_copy(
    tmp_path: Path, additions: list[tuple[str, str]]
) -> subprocess.CompletedProcess[str]:
    """Run `lint-imports` on a copy of brain/ (and pyproject.toml) with `additions` made."""
    shutil.copytree(
        ROOT / "brain", tmp_path / "brain", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for file, line in additions:
        path = tmp_path / "brain" / file
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        path.write_text(f"{old}\n{line}\n", encoding="utf-8")
    # The copy comes first on the path: the editable install's finder is consulted after it.
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _broken_contracts(output: str) -> set[str]:
    # lint-imports prints each contract's name then KEPT or BROKEN (names may wrap lines).
    flat = " ".join(output.split())
    config = importlinter.read_configuration(str(ROOT / "pyproject.toml"))
    return {
        str(c["id"])
        for c in config["contracts_options"]
        if f"{' '.join(str(c['name']).split())} BROKEN" in flat
    }


def test_the_code_keeps_every_contract() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_each_kind_of_violation_breaks_its_contract(tmp_path: Path) -> None:
    result = _lint_copy(tmp_path, [(file, line) for file, line, _ in VIOLATIONS])

    assert result.returncode == 1, result.stdout + result.stderr
    assert _broken_contracts(result.stdout) == {contract for *_, contract in VIOLATIONS}
    for file, _, _ in VIOLATIONS:
        module = "brain." + file.removesuffix(".py").replace("/", ".")
        assert module in result.stdout, f"{module} is not reported"


def test_the_allowed_imports_break_nothing(tmp_path: Path) -> None:
    result = _lint_copy(tmp_path, ALLOWED)

    assert result.returncode == 0, result.stdout + result.stderr
