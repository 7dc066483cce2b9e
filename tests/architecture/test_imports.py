"""The import rules of the house style (docs: house-style.md, "What may import what").

- `brain.core` imports no domain and no composition-root module.
- Domains are ordered; a domain may import only the public modules (service, schemas, events,
  errors, deps) of earlier domains, never their models. Any domain's router may use
  `brain.domains.auth.deps`.
- A domain's `events.py` imports only `brain.core`.
- Only the composition root may import every domain.

Imports are read with `ast` from every module under `brain/`, including imports inside
functions and under `TYPE_CHECKING`, and `importlib.import_module("...")` calls.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from brain import api

BRAIN = Path(__file__).resolve().parents[2] / "brain"

DOMAIN_ORDER = [
    "users",
    "notifications",
    "auth",
    "files",
    "state_machines",
    "legal",
    "buz",
    "ventures",
    "umbrella",
    "gamification",
    "analytics",
    "websocket",
]
RANK = {name: rank for rank, name in enumerate(DOMAIN_ORDER)}
PUBLIC_MODULES = {"service", "schemas", "events", "errors", "deps"}
COMPOSITION_ROOT = {"app", "api", "models", "handlers", "worker", "cli", "docgen", "__main__"}
ROUTER_MAY_IMPORT = "brain.domains.auth.deps"


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str
    rule: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}: {self.rule}"


def module_name(path: Path, root: Path = BRAIN) -> tuple[str, bool]:
    """(`brain.domains.buz.service`, is_package) for a file under `root` (the brain folder)."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, target] if target else base)


def imported_names(module: str, is_package: bool, source: str) -> list[tuple[int, str]]:
    """Every module a source imports, as (line, dotted name). `from a import b` yields `a.b`,
    since `b` may be a module; the rules only look at the prefix that names a module."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = (
                _resolve_relative(module, is_package, node.level, node.module)
                if node.level
                else node.module or ""
            )
            found.extend(
                (node.lineno, base if alias.name == "*" else f"{base}.{alias.name}")
                for alias in node.names
            )
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (
                    isinstance(node.func, ast.Name)
                    and node.func.id in {"import_module", "__import__"}
                )
            )
        ):
            found.append((node.lineno, node.args[0].value))
    return found


@dataclass(frozen=True)
class Place:
    """Where a dotted name sits in the layout."""

    kind: str  # "core" | "domain" | "root" | "package" | "other" | "external"
    domain: str | None = None
    part: str | None = None  # the domain's module (`service`), or the root module (`app`)


def place(name: str) -> Place:
    parts = name.split(".")
    if parts[0] != "brain":
        return Place("external")
    if len(parts) == 1:
        return Place("package")
    if parts[1] == "core":
        return Place("core")
    if parts[1] == "domains":
        if len(parts) == 2:
            return Place("package")
        return Place("domain", parts[2], parts[3] if len(parts) > 3 else None)
    if parts[1] in COMPOSITION_ROOT:
        return Place("root", part=parts[1])
    if parts[1].startswith("__") and parts[1] != "__main__":
        return Place("package")  # `from brain import __version__`
    return Place("other", part=parts[1])


def check_import(module: str, imported: str) -> str | None:
    """The rule `module` breaks by importing `imported`, or None."""
    here, there = place(module), place(imported)
    if there.kind in {"external", "package"} or here.kind == "root":
        return None
    if here.kind == "core":
        if there.kind == "domain":
            return "brain.core imports no domain"
        if there.kind == "root":
            return "brain.core imports no composition-root module"
        return None
    if here.kind != "domain":
        if there.kind == "domain":
            return "only the composition root (app, api, models, handlers, ...) imports domains"
        return None

    assert here.domain is not None
    if here.domain not in RANK:
        return f"unknown domain {here.domain!r}: add it to the house-style order"
    if there.kind == "root":
        return "a domain imports no composition-root module"
    if here.part == "events" and there.kind != "core":
        return "events.py imports only brain.core"
    if there.kind != "domain" or there.domain == here.domain:
        return None

    assert there.domain is not None
    if here.part == "router" and imported.startswith(ROUTER_MAY_IMPORT):
        return None
    if there.domain not in RANK:
        return f"unknown domain {there.domain!r}"
    if RANK[there.domain] > RANK[here.domain]:
        return f"{here.domain} may not import {there.domain}, a later domain (use events)"
    if there.part == "models":
        return "never import another domain's models (call its service)"
    if there.part not in PUBLIC_MODULES:
        return (
            f"import a public module of {there.domain} "
            f"({', '.join(sorted(PUBLIC_MODULES))}), not {there.part or 'the package'}"
        )
    return None


def check_source(module: str, is_package: bool, source: str) -> list[Violation]:
    violations = []
    for line, imported in imported_names(module, is_package, source):
        rule = check_import(module, imported)
        if rule is not None:
            violations.append(Violation(module, line, imported, rule))
    return violations


def brain_modules() -> list[Path]:
    return sorted(BRAIN.rglob("*.py"))


def test_every_brain_module_follows_the_import_rules() -> None:
    modules = brain_modules()
    assert len(modules) > 10, "the walk found too few modules; is BRAIN right?"
    violations = [
        violation
        for path in modules
        for violation in check_source(*module_name(path), path.read_text(encoding="utf-8"))
    ]

    assert [str(v) for v in violations] == []


def test_every_domain_package_is_in_the_house_style_order() -> None:
    domains = BRAIN / "domains"
    packages = sorted(p.name for p in domains.iterdir() if (p / "__init__.py").is_file())

    assert [name for name in packages if name not in RANK] == []


def test_installed_domains_are_listed_in_dependency_order() -> None:
    names = [domain.name.replace("-", "_") for domain in api.DOMAINS]

    assert [name for name in names if name not in RANK] == []
    assert names == sorted(names, key=RANK.__getitem__)


# The checker must be able to fail: synthetic modules, each breaking (or keeping) one rule.
SYNTHETIC = [
    # (file under brain/, source, broken rule or None)
    ("domains/buz/service.py", "from brain.domains.ventures.service import x", "later domain"),
    ("domains/buz/service.py", "import brain.domains.ventures.service", "later domain"),
    ("domains/buz/service.py", "from ..ventures import service", "later domain"),
    ("domains/buz/service.py", "from brain.domains.users.service import get_user", None),
    ("domains/buz/service.py", "from brain.domains.users import schemas, errors", None),
    ("domains/buz/service.py", "from brain.domains.users.models import User", "models"),
    ("domains/buz/service.py", "from brain.domains.users import models", "models"),
    ("domains/buz/service.py", "from brain.domains.users.jobs import send", "public module"),
    ("domains/buz/service.py", "import brain.domains.users", "public module"),
    ("domains/buz/service.py", "from brain.domains.buz.models import Ledger", None),
    ("domains/buz/service.py", "from .models import Ledger", None),
    ("domains/buz/service.py", "from . import models", None),
    ("domains/buz/service.py", "from brain.core.db import SessionDep", None),
    ("domains/buz/service.py", "from brain import app", "composition-root"),
    ("domains/buz/service.py", "from brain.api import DOMAINS", "composition-root"),
    (
        "domains/buz/service.py",
        "import importlib\nimportlib.import_module('brain.domains.ventures.models')",
        "later domain",
    ),
    ("domains/buz/service.py", "def f():\n    from brain.domains.umbrella import service", "later"),
    ("domains/buz/router.py", "from brain.domains.auth.deps import CurrentUser", None),
    ("domains/users/router.py", "from brain.domains.auth.deps import CurrentUser", None),
    ("domains/users/service.py", "from brain.domains.auth.deps import CurrentUser", "later domain"),
    ("domains/users/router.py", "from brain.domains.auth.service import login", "later domain"),
    ("domains/buz/events.py", "from brain.core.bus import DomainEvent", None),
    ("domains/buz/events.py", "from brain.domains.users.schemas import UserRead", "events.py"),
    ("domains/buz/events.py", "from .schemas import Amount", "events.py"),
    ("domains/payments/service.py", "from brain.core import db", "unknown domain"),
    ("domains/buz/service.py", "from brain.domains.payments import service", "unknown domain"),
    ("core/db.py", "from brain.domains.users.service import get_user", "imports no domain"),
    ("core/bus.py", "from brain import handlers", "composition-root"),
    ("core/health.py", "from brain import __version__", None),
    ("core/health.py", "from .. import api", "composition-root"),
    ("core/__init__.py", "from . import db", None),
    ("app.py", "from brain.domains.websocket import router, models", None),
    ("models.py", "import brain.domains.buz.models", None),
    ("docgen.py", "from brain.domains.legal.service import x", None),
    ("helpers.py", "from brain.domains.buz.service import transfer", "only the composition root"),
    ("domains/__init__.py", "from . import buz", "only the composition root"),
]


@pytest.mark.parametrize(
    ("file", "source", "broken"),
    SYNTHETIC,
    ids=[f"{file}: {source.splitlines()[-1].strip()}" for file, source, _ in SYNTHETIC],
)
def test_checker_reports_exactly_the_broken_rule(
    file: str, source: str, broken: str | None
) -> None:
    module, is_package = module_name(BRAIN / file)

    violations = check_source(module, is_package, source)

    if broken is None:
        assert violations == []
    else:
        assert len(violations) >= 1, f"{module} should break: {broken}"
        assert all(broken in v.rule for v in violations), [str(v) for v in violations]
