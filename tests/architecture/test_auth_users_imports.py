"""users may import only the core; auth may import users' and notifications' public modules,
never their models; events modules import only the core."""

from __future__ import annotations

import ast
from pathlib import Path

import brain

ROOT = Path(brain.__file__).parent
PUBLIC = {"service", "schemas", "events", "errors", "deps", "roles"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("brain.domains.")}


def _domain_files(domain: str) -> list[Path]:
    return sorted((ROOT / "domains" / domain).glob("*.py"))


def test_users_imports_no_higher_domain() -> None:
    for path in _domain_files("users"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[2] == "users":
                continue
            # The sanctioned exception: routers use auth's dependencies.
            assert path.name == "router.py", (path, name)
            assert name.startswith("brain.domains.auth.deps"), (path, name)


def test_auth_uses_only_public_modules_of_lower_domains() -> None:
    for path in _domain_files("auth"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[2] == "auth":
                continue
            assert parts[2] in {"users", "notifications"}, (path, name)
            if len(parts) > 3:
                assert parts[3] in PUBLIC, (path, name)


def test_events_modules_import_only_the_core() -> None:
    for domain in ("users", "auth"):
        assert _imports(ROOT / "domains" / domain / "events.py") == set()
