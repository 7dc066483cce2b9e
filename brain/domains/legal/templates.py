"""Templates and their immutable versions. `legal.service` re-exports these functions."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.models import utcnow
from brain.domains.legal import audit
from brain.domains.legal.errors import InvalidDocument, InvalidVersion, TemplateNotFound
from brain.domains.legal.events import TemplateVersionPublished
from brain.domains.legal.integrity import content_sha256
from brain.domains.legal.models import LegalTemplate, LegalTemplateVersion
from brain.domains.legal.schemas import SEMVER, TemplateVersionCreate


async def get_template(session: AsyncSession, template_type: str) -> LegalTemplate:
    template = await session.get(LegalTemplate, template_type)
    if template is None:
        raise TemplateNotFound(f"there is no template {template_type!r}")
    return template


async def list_templates(session: AsyncSession) -> list[LegalTemplate]:
    return list((await session.exec(select(LegalTemplate).order_by(col(LegalTemplate.type)))).all())


def _semver_key() -> tuple[Any, ...]:
    return (
        col(LegalTemplateVersion.major).desc(),
        col(LegalTemplateVersion.minor).desc(),
        col(LegalTemplateVersion.patch).desc(),
    )


async def current_versions(
    session: AsyncSession, types: Iterable[str] | None = None, *, now: datetime | None = None
) -> dict[str, LegalTemplateVersion]:
    """The latest version in effect of each template (of `types`, or all)."""
    query = select(LegalTemplateVersion).where(
        col(LegalTemplateVersion.effective_at) <= (now or utcnow())
    )
    if types is not None:
        query = query.where(col(LegalTemplateVersion.template_type).in_(list(types)))
    found: dict[str, LegalTemplateVersion] = {}
    for row in (await session.exec(query.order_by(*_semver_key()))).all():
        found.setdefault(row.template_type, row)
    return found


async def current_version(session: AsyncSession, template_type: str) -> LegalTemplateVersion:
    await get_template(session, template_type)
    version = (await current_versions(session, [template_type])).get(template_type)
    if version is None:
        raise InvalidDocument(f"template {template_type} has no version in effect yet")
    return version


async def list_versions(session: AsyncSession, template_type: str) -> list[LegalTemplateVersion]:
    await get_template(session, template_type)
    query = (
        select(LegalTemplateVersion)
        .where(col(LegalTemplateVersion.template_type) == template_type)
        .order_by(*_semver_key())
    )
    return list((await session.exec(query)).all())


async def publish_version(
    session: AsyncSession, *, actor_id: uuid.UUID, template_type: str, body: TemplateVersionCreate
) -> LegalTemplateVersion:
    """Add an immutable version above the latest one (a new MAJOR requires re-signing)."""
    await audit.lock(session)
    await get_template(session, template_type)
    match = SEMVER.match(body.version)
    if match is None:  # the schema checked it already
        raise InvalidVersion(f"{body.version!r} is not a semantic version")
    major, minor, patch = (int(part) for part in match.groups())
    versions = await list_versions(session, template_type)
    if versions and (major, minor, patch) <= (
        versions[0].major,
        versions[0].minor,
        versions[0].patch,
    ):
        raise InvalidVersion(
            f"version {body.version} is not above the latest, {versions[0].version}"
        )
    now = utcnow()
    effective_at = body.effective_at or now
    if effective_at.tzinfo is None:
        raise InvalidVersion("effective_at needs a timezone (UTC ISO 8601)")
    if (now - effective_at).total_seconds() > 60:
        raise InvalidVersion("effective_at may not be in the past")
    row = LegalTemplateVersion(
        template_type=template_type,
        version=body.version,
        major=major,
        minor=minor,
        patch=patch,
        content=body.content,
        sha256=content_sha256(body.content),
        change_summary=body.change_summary,
        effective_at=max(effective_at, now),
        created_by=actor_id,
    )
    session.add(row)
    await session.flush()
    major_bump = not versions or major > versions[0].major
    await audit.append(
        session,
        "template_version_published",
        actor_id=actor_id,
        data={
            "template_type": template_type,
            "version": body.version,
            "sha256": row.sha256,
            "major_bump": major_bump,
            "effective_at": row.effective_at.isoformat(),
        },
    )
    await bus.publish(
        session,
        TemplateVersionPublished(
            actor_id=actor_id,
            template_type=template_type,
            template_version=body.version,
            major_bump=major_bump,
        ),
    )
    return row
