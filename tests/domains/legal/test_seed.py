"""The migration installs the catalogue: every document type at 1.0.0 with a correct hash, and
the default rules; the docs page renders the same rules."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from brain import docgen
from brain.domains.legal import catalog, service
from brain.domains.legal.integrity import content_sha256


async def test_the_migration_seeds_every_document_type(session: AsyncSession) -> None:
    templates = {t.type: t for t in await service.list_templates(session)}
    assert set(templates) == catalog.TYPE_NAMES
    for doc_type in catalog.DOCUMENT_TYPES:
        row = templates[doc_type.type]
        assert (row.name, row.category, row.personal) == (
            doc_type.name,
            doc_type.category,
            doc_type.personal,
        )
    current = await service.current_versions(session)
    assert set(current) == catalog.TYPE_NAMES
    for version in current.values():
        assert version.version == "1.0.0"
        assert version.sha256 == content_sha256(version.content)


async def test_the_migration_seeds_the_catalogue_rules(session: AsyncSession) -> None:
    rules = {r.action: (r.required_types, r.description) for r in await service.list_rules(session)}
    assert rules == {r.action: (list(r.required_types), r.description) for r in catalog.SEED_RULES}


def test_the_docs_compliance_table_is_rendered_from_the_seed() -> None:
    root = docgen.project_root()
    assert "docs/services/legal.md" not in docgen.stale_pages(root), (
        "docs/services/legal.md is stale: run brain docs"
    )
    page = (root / "docs/services/legal.md").read_text(encoding="utf-8")
    for rule in catalog.SEED_RULES:
        assert f"`{rule.action}`" in page
