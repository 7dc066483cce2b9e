"""Compliance: which signed documents an action requires, and whether a user has them.

A user complies with an action when, for each template type its rule lists, they have signed
the current major version (the latest version in effect) of that template, on a COMPLETED
document, within the validity period (`legal_signature_valid_years`). An action without a rule
requires nothing. `legal.service` re-exports the public functions; other domains call them
from there.

Subjects. An action can be about something (joining *this* venture): the caller passes the
subject as `(subject_type, subject_id)`, and the rule's `scoped_types` (the PPNA of
`ventures.join`) then count only when signed on a document for that subject, so a PPNA signed
for venture A does not open venture B. Without a subject a scoped type counts when signed for
any subject. A domain whose objects are subjects registers a check
(`register_subject_check`) that signing for one of them runs: the subject exists and the
signer may sign for it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import get_settings
from brain.core.errors import BrainError
from brain.core.models import utcnow
from brain.core.openapi import declares
from brain.domains.legal import audit, catalog, templates
from brain.domains.legal.errors import ComplianceRequired, InvalidDocument
from brain.domains.legal.events import ComplianceRulesChanged
from brain.domains.legal.models import (
    LegalComplianceRule,
    LegalDocument,
    LegalSignature,
    LegalTemplateVersion,
)
from brain.domains.legal.schemas import (
    ComplianceCheck,
    ComplianceReport,
    ComplianceRuleIn,
    ComplianceState,
    DocumentStatus,
    TemplateCompliance,
)

Subject = tuple[str, str]  # (subject_type, subject_id): ("venture", "<uuid>")

# `await check(session, subject_id=..., user_id=...)` raises to refuse signing for a subject;
# registered by the domains that own subjects (legal may not import them).
SubjectCheck = Callable[..., Awaitable[None]]
_subject_checks: dict[str, SubjectCheck] = {}
_subject_errors: list[type[BrainError]] = []


async def subject_checks() -> None:
    """A dependency that does nothing but carry, for the OpenAPI schema, the errors the
    registered subject checks raise (`register_subject_check(errors=...)`): the route that runs
    the checks cannot name them, as legal may not import the domains that own subjects."""


def register_subject_check(
    subject_type: str, check: SubjectCheck, *, errors: Sequence[type[BrainError]] = ()
) -> None:
    """Run `check` before a personal agreement is signed for a `subject_type`; idempotent.
    `errors`: the `BrainError` classes `check` raises, listed on the routes that depend on
    `subject_checks`."""
    _subject_checks[subject_type] = check
    new = [e for e in errors if e not in _subject_errors]
    _subject_errors.extend(new)
    declares(*new)(subject_checks)


async def check_subject(session: AsyncSession, *, subject: Subject, user_id: uuid.UUID) -> None:
    check = _subject_checks.get(subject[0])
    if check is not None:
        await check(session, subject_id=subject[1], user_id=user_id)


def _valid_from(now: datetime) -> datetime:
    """Signatures older than this no longer count (`legal_signature_valid_years`)."""
    years = get_settings().legal_signature_valid_years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def signatures_valid_from(now: datetime) -> datetime:
    """The oldest signature that still counts at `now` (the validity period): what the BUZ
    transfer's database function is given to check compliance with this same rule."""
    return _valid_from(now)


def _plus_years(at: datetime, years: int) -> datetime:
    try:
        return at.replace(year=at.year + years)
    except ValueError:
        return at.replace(year=at.year + years, day=28)


async def template_states(
    session: AsyncSession,
    user_id: uuid.UUID,
    types: Sequence[str],
    *,
    now: datetime | None = None,
    subject: Subject | None = None,
) -> dict[str, TemplateCompliance]:
    """Per template type, the state of the user's best signature (of those signed for
    `subject`, when given)."""
    now = now or utcnow()
    valid_from = _valid_from(now)
    years = get_settings().legal_signature_valid_years
    current = await templates.current_versions(session, types, now=now)
    query = (
        select(LegalSignature, LegalDocument.template_version_id)
        .join(LegalDocument, col(LegalDocument.id) == col(LegalSignature.document_id))
        .where(
            col(LegalSignature.user_id) == user_id,
            col(LegalSignature.template_type).in_(list(types)),
            col(LegalDocument.status) == DocumentStatus.COMPLETED.value,
            col(LegalDocument.deleted_at).is_(None),
        )
        .order_by(col(LegalSignature.signed_at).desc())
    )
    if subject is not None:
        query = query.where(
            col(LegalDocument.subject_type) == subject[0],
            col(LegalDocument.subject_id) == subject[1],
        )
    rows = (await session.exec(query)).all()
    version_ids = {version_id for _sig, version_id in rows}
    versions = (
        {
            v.id: v.version
            for v in (
                await session.exec(
                    select(LegalTemplateVersion).where(
                        col(LegalTemplateVersion.id).in_(version_ids)
                    )
                )
            ).all()
        }
        if version_ids
        else {}
    )
    result: dict[str, TemplateCompliance] = {}
    for template_type in types:
        version = current.get(template_type)
        mine = [(s, v) for s, v in rows if s.template_type == template_type]
        state, best = ComplianceState.MISSING, None
        if version is not None:
            same_major = [(s, v) for s, v in mine if s.template_major == version.major]
            fresh = [(s, v) for s, v in same_major if s.signed_at >= valid_from]
            if fresh:
                state, best = ComplianceState.SIGNED, fresh[0]
            elif same_major:
                state, best = ComplianceState.EXPIRED, same_major[0]
            elif mine:
                state, best = ComplianceState.OUTDATED, mine[0]
        result[template_type] = TemplateCompliance(
            template_type=template_type,
            state=state,
            current_version=version.version if version else None,
            signed_version=versions.get(best[1]) if best else None,
            signed_at=best[0].signed_at if best else None,
            valid_until=_plus_years(best[0].signed_at, years) if best else None,
            document_id=best[0].document_id if best else None,
        )
    return result


_RULE = select(LegalComplianceRule.required_types, LegalComplianceRule.scoped_types).where(
    col(LegalComplianceRule.action) == sa.bindparam("action")
)


async def _rule(session: AsyncSession, action: str) -> tuple[list[str], frozenset[str]]:
    """The action's required types and, among them, the subject-scoped ones."""
    found = (await session.exec(_RULE, params={"action": action})).first()
    if found is None:
        return [], frozenset()
    required, scoped = found
    return list(required), frozenset(scoped or ())


async def required_types_of(session: AsyncSession, action: str) -> list[str]:
    return (await _rule(session, action))[0]


def _signed_types_statement() -> Any:
    """The versions in effect and the user's fresh signatures of some template types (with
    the subject each was signed for), tagged, as one UNION ALL (parameters: `types`, `now`,
    `user_id`, `valid_from`)."""
    types: sa.BindParameter[Any] = sa.bindparam("types", expanding=True)
    versions: Any = sa.select(
        sa.literal("v").label("tag"),
        col(LegalTemplateVersion.template_type).label("template_type"),
        col(LegalTemplateVersion.major).label("major"),
        col(LegalTemplateVersion.minor).label("minor"),
        col(LegalTemplateVersion.patch).label("patch"),
        sa.cast(sa.null(), sa.String()).label("subject_type"),
        sa.cast(sa.null(), sa.String()).label("subject_id"),
    ).where(
        col(LegalTemplateVersion.template_type).in_(types),
        col(LegalTemplateVersion.effective_at) <= sa.bindparam("now"),
    )
    signed = (
        sa.select(
            sa.literal("s"),
            col(LegalSignature.template_type),
            col(LegalSignature.template_major),
            sa.literal(0),
            sa.literal(0),
            col(LegalDocument.subject_type),
            col(LegalDocument.subject_id),
        )
        .join(LegalDocument, col(LegalDocument.id) == col(LegalSignature.document_id))
        .where(
            col(LegalSignature.user_id) == sa.bindparam("user_id"),
            col(LegalSignature.template_type).in_(types),
            col(LegalSignature.signed_at) >= sa.bindparam("valid_from"),
            col(LegalDocument.status) == DocumentStatus.COMPLETED.value,
            col(LegalDocument.deleted_at).is_(None),
        )
    )
    return sa.union_all(versions, signed)


# Built once: this runs on every guarded request, and building it cost more CPU than running it.
_SIGNED_TYPES = _signed_types_statement()


async def _signed_types(
    session: AsyncSession,
    user_id: uuid.UUID,
    types: Sequence[str],
    *,
    now: datetime,
    scoped: frozenset[str] = frozenset(),
    subject: Subject | None = None,
) -> set[str]:
    """The template types among `types` that `user_id` holds a valid signature of (the
    current major, a COMPLETED document, within the validity period), in ONE query. The same
    rule as `template_states`, without building the report (this runs on every guarded
    request, so it stays exact: a revoked or expired signature counts at once)."""
    params = {"types": list(types), "now": now, "user_id": user_id, "valid_from": _valid_from(now)}
    current: dict[str, tuple[int, int, int]] = {}
    majors: dict[str, set[int]] = {}
    for tag, template_type, major, minor, patch, subject_type, subject_id in (
        await session.exec(_SIGNED_TYPES, params=params)
    ).all():
        if tag == "v":
            current[template_type] = max(current.get(template_type, (-1, 0, 0)),
                                         (major, minor, patch))  # fmt: skip
        elif (
            subject is None or template_type not in scoped or (subject_type, subject_id) == subject
        ):
            majors.setdefault(template_type, set()).add(major)
    return {t for t, v in current.items() if v[0] in majors.get(t, set())}


async def check_compliance(
    session: AsyncSession, *, user_id: uuid.UUID, action: str, subject: Subject | None = None
) -> ComplianceCheck:
    """Whether `user_id` may do `action` (about `subject`, if given), and which template types
    are missing (not signed, expired, signed on an older major version, or, for the rule's
    scoped types, not signed for this subject). An action without a rule requires nothing.
    Two queries: the rule, then `_signed_types`."""
    required, scoped = await _rule(session, action)
    if not required:
        return ComplianceCheck(allowed=True, missing=[])
    signed = await _signed_types(
        session, user_id, required, now=utcnow(), scoped=scoped, subject=subject
    )
    missing = [t for t in required if t not in signed]
    return ComplianceCheck(allowed=not missing, missing=missing)


async def require_compliance(
    session: AsyncSession, *, user_id: uuid.UUID, action: str, subject: Subject | None = None
) -> None:
    """Raise ComplianceRequired (403 COMPLIANCE_REQUIRED, `missing` in the body) unless
    `user_id` has signed everything `action` requires (for `subject`, if given)."""
    result = await check_compliance(session, user_id=user_id, action=action, subject=subject)
    if not result.allowed:
        raise ComplianceRequired(action=action, missing=result.missing)


async def require_role_documents(session: AsyncSession, *, user_id: uuid.UUID, role: str) -> None:
    """The check auth runs before granting `role` (registered by legal's handlers): the rule
    `role.<ROLE>`, if there is one."""
    await require_compliance(session, user_id=user_id, action=catalog.role_action(role))


async def list_rules(session: AsyncSession) -> list[LegalComplianceRule]:
    query = select(LegalComplianceRule).order_by(col(LegalComplianceRule.action))
    return list((await session.exec(query)).all())


async def compliance_report(session: AsyncSession, *, user_id: uuid.UUID) -> ComplianceReport:
    rules = await list_rules(session)
    types: list[str] = []
    for rule in rules:
        types.extend(t for t in rule.required_types if t not in types)
    states = await template_states(session, user_id, types)
    unlocked = [
        r.action
        for r in rules
        if all(states[t].state == ComplianceState.SIGNED for t in r.required_types)
    ]
    return ComplianceReport(
        user_id=user_id,
        templates=[states[t] for t in types],
        actions_unlocked=unlocked,
        actions_locked=[r.action for r in rules if r.action not in unlocked],
    )


async def replace_rules(
    session: AsyncSession, *, actor_id: uuid.UUID, rules: Sequence[ComplianceRuleIn]
) -> list[LegalComplianceRule]:
    """Make `rules` the whole rule set; each change is audited."""
    await audit.lock(session)
    known = {t.type for t in await templates.list_templates(session)}
    unknown = sorted({t for r in rules for t in r.required_types} - known)
    if unknown:
        raise InvalidDocument(f"unknown template types: {', '.join(unknown)}")
    existing = {r.action: r for r in await list_rules(session)}
    wanted = {r.action: r for r in rules}
    changed: list[str] = []
    now = utcnow()
    for action, old in existing.items():
        if action not in wanted:
            await session.delete(old)
            changed.append(action)
            await audit.append(
                session,
                "rule_changed",
                actor_id=actor_id,
                data={"action": action, "before": old.required_types, "after": None},
            )
    for action, rule in wanted.items():
        required = list(dict.fromkeys(rule.required_types))
        row = existing.get(action)
        if rule.scoped_types is not None:
            scoped = list(dict.fromkeys(rule.scoped_types))
        else:
            kept = row.scoped_types if row is not None else []
            scoped = [t for t in kept or () if t in required]
        if (
            row is not None
            and row.required_types == required
            and list(row.scoped_types or ()) == scoped
            and row.description == rule.description
        ):
            continue
        before = row.required_types if row is not None else None
        target = row or LegalComplianceRule(action=action, required_types=required)
        target.required_types, target.description = required, rule.description
        target.scoped_types = scoped
        target.updated_by, target.updated_at = actor_id, now
        session.add(target)
        changed.append(action)
        await audit.append(
            session,
            "rule_changed",
            actor_id=actor_id,
            data={"action": action, "before": before, "after": required},
        )
    await session.flush()
    if changed:
        await bus.publish(
            session, ComplianceRulesChanged(actor_id=actor_id, actions=sorted(changed))
        )
    return await list_rules(session)


async def count_signed_for_subject(session: AsyncSession, *, subject: Subject) -> int:
    """Completed documents signed for `subject` (a venture's computed metric)."""
    count = await session.scalar(
        select(sa.func.count())
        .select_from(LegalDocument)
        .where(
            col(LegalDocument.subject_type) == subject[0],
            col(LegalDocument.subject_id) == subject[1],
            col(LegalDocument.status) == DocumentStatus.COMPLETED.value,
            col(LegalDocument.deleted_at).is_(None),
        )
    )
    return int(count or 0)
