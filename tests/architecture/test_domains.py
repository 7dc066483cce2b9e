"""The domains are declared once: every package under brain/domains/ has a manifest, the
manifests are installed in the house order (brain/installed.py's DOMAIN_ORDER), and the
import-linter layers contract states that same order."""

from __future__ import annotations

import importlib
from pathlib import Path

from importlinter import api as importlinter

from brain.core.manifest import DomainManifest
from brain.installed import DOMAIN_ORDER, DOMAINS

ROOT = Path(__file__).resolve().parents[2]
DOMAINS_DIR = ROOT / "brain" / "domains"


def _contracts() -> dict[str, dict[str, object]]:
    config = importlinter.read_configuration(str(ROOT / "pyproject.toml"))
    return {str(c["id"]): c for c in config["contracts_options"]}


def _domain_packages() -> list[str]:
    return sorted(p.name for p in DOMAINS_DIR.iterdir() if (p / "__init__.py").is_file())


def test_the_layers_contract_is_the_declared_domain_order() -> None:
    contract = _contracts()["domain-order"]
    layers = contract["layers"]
    assert isinstance(layers, list)

    assert contract["containers"] == ["brain.domains"]
    # Highest first in import-linter; each optional (in parentheses) until the domain lands.
    assert [str(layer).strip("()") for layer in reversed(layers)] == list(DOMAIN_ORDER)


def test_every_domain_package_has_a_manifest_that_is_installed() -> None:
    packages = _domain_packages()
    assert packages, "no domain packages found"

    for package in packages:
        manifest = importlib.import_module(f"brain.domains.{package}.manifest").MANIFEST
        assert isinstance(manifest, DomainManifest), package
        assert manifest.name == package
        assert manifest in DOMAINS, f"add {package}'s MANIFEST to brain/installed.py"
    assert sorted(d.name for d in DOMAINS) == packages


def test_installed_domains_are_in_the_house_order() -> None:
    names = [d.name for d in DOMAINS]

    assert [name for name in names if name not in DOMAIN_ORDER] == []
    assert names == sorted(names, key=DOMAIN_ORDER.index)


def test_every_installed_router_has_a_unique_tag() -> None:
    tags = [d.tag for d in DOMAINS if d.router is not None]

    assert all(tags)
    assert len(set(tags)) == len(tags)
    for domain in DOMAINS:
        if domain.router is not None:
            assert domain.router.tags == [domain.tag], domain.name
