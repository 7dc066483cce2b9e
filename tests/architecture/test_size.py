"""Modules stay under 800 lines and functions under 80 (house style, "Inside a domain"): past
that a module becomes a package and a function is split. Only generated code may be longer, and
only when it is named here."""

from __future__ import annotations

import ast
from pathlib import Path

BRAIN = Path(__file__).resolve().parents[2] / "brain"
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80

# Generated modules (relative to brain/) exempt from the limits, each with the reason.
GENERATED: dict[str, str] = {}


def _modules() -> list[Path]:
    found = sorted(BRAIN.rglob("*.py"))
    assert len(found) > 10, "the walk found too few modules; is BRAIN right?"
    return [p for p in found if p.relative_to(BRAIN).as_posix() not in GENERATED]


def long_modules() -> list[str]:
    return [
        f"brain/{path.relative_to(BRAIN).as_posix()}: {lines} lines"
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]


def long_functions() -> list[str]:
    found: list[str] = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    where = f"brain/{path.relative_to(BRAIN).as_posix()}:{node.lineno}"
                    found.append(f"{where} {node.name}: {lines} lines")
    return found


def test_generated_exemptions_exist() -> None:
    missing = [name for name in GENERATED if not (BRAIN / name).is_file()]

    assert missing == []


def test_no_module_is_over_800_lines() -> None:
    assert long_modules() == []


def test_no_function_is_over_80_lines() -> None:
    assert long_functions() == []
