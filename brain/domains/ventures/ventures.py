"""Ventures themselves: create (compliance, the 50 BUZ charge, idempotency), read, update,
list and search, name checks. Session first, keyword-only after; flushes, never commits.

Creation is one transaction: the charge (`buz.service.charge`, to the venture-fund pool), the
venture, its owner, its state-machine instance and its event commit together or not at all, so
a refused charge (`INSUFFICIENT_FUNDS`) leaves no venture and a failed insert leaves no
charge. The client's `Idempotency-Key` is stored on the venture, unique per creator: a retry
with the same key and body returns the original venture; with another body it is 409
`IDEMPOTENCY_CONFLICT`. The charge's own key derives from the same key, so even two
concurrent retries charge once (the second one's charge replays, its insert collides and it
answers the winner's venture).

Search: Postgres uses full-text search (`to_tsvector('simple', name || ' ' || description)`,
a GIN expression index, every word a prefix); SQLite matches every word as a substring of the
name or description (LIKE). docs/services/ventures.md says why.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.models import new_id, utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.auth import service as auth
from brain.domains.buz import service as buz
from brain.domains.buz.errors import IdempotencyConflict
from brain.domains.legal import service as legal
from brain.domains.state_machines import service as machines
from brain.domains.users import service as users
from brain.domains.users.schemas import Role
from brain.domains.ventures import lifecycle
from brain.domains.ventures.access import Seen, member_of, see, visible_to
from brain.domains.ventures.errors import NameTaken
from brain.domains.ventures.events import VentureCreated, VentureUpdated
from brain.domains.ventures.models import Venture, VentureMember, VentureTag
from brain.domains.ventures.rules import (
    CREATE_ACTION,
    CREATION_FEE_UNITS,
    Industry,
    Stage,
    TeamAction,
    TeamRole,
    reference,
)
from brain.domains.ventures.schemas import VentureCreate, VentureRead, VentureUpdate

_V = sa.inspect(Venture).c
VENTURES = Keyset("ventures.list", _V.created_at, _V.id)

_WORD = re.compile(r"\w+")
_MAX_WORDS = 8
# Postgres: the same expression as the GIN index `ix_ventures_search` (the migration), written
# out with constants so the planner can match it to the index.
SEARCH_DOCUMENT = "to_tsvector('simple'::regconfig, ventures.name || ' ' || ventures.description)"


def name_key(name: str) -> str:
    return name.strip().lower()


def _hash(body: VentureCreate) -> str:
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


async def replayed(
    session: AsyncSession, *, creator_id: uuid.UUID, idempotency_key: str, body: VentureCreate
) -> Venture | None:
    """The venture this creator made with this key, if any (409 if the body differs)."""
    venture = (
        await session.exec(
            select(Venture).where(
                col(Venture.created_by) == creator_id,
                col(Venture.idempotency_key) == idempotency_key,
            )
        )
    ).first()
    if venture is not None and venture.request_hash != _hash(body):
        raise IdempotencyConflict(
            "This Idempotency-Key created a venture from another request.",
            venture_id=str(venture.id),
        )
    return venture


async def _suggest(session: AsyncSession, name: str) -> str:
    base = name.strip()[:110]
    candidates = [f"{base} {n}" for n in range(2, 12)]
    taken = set(
        (
            await session.exec(
                select(Venture.name_key).where(
                    col(Venture.name_key).in_([name_key(c) for c in candidates])
                )
            )
        ).all()
    )
    free = next((c for c in candidates if name_key(c) not in taken), None)
    return free or f"{base} {uuid.uuid4().hex[:6]}"


async def check_name(session: AsyncSession, *, name: str) -> tuple[bool, str | None]:
    """Whether `name` is free (case-insensitively) and, if not, a free one close to it."""
    taken = await session.scalar(select(Venture.id).where(col(Venture.name_key) == name_key(name)))
    if taken is None:
        return True, None
    return False, await _suggest(session, name)


async def _name_taken(session: AsyncSession, name: str) -> NameTaken:
    return NameTaken(
        f"A venture is called {name.strip()!r} already.", suggestion=await _suggest(session, name)
    )


async def promote(session: AsyncSession, *, user_id: uuid.UUID, role: Role, via: str) -> None:
    """Raise the user's global role to `role` if it is below (never a demotion, and an admin's
    role is left alone)."""
    user = await users.get_user(session, user_id)
    current = Role(user.role)
    if current.is_admin or current.level >= role.level:
        return
    await auth.grant_role(session, user_id=user_id, role=role, actor_id=None, via=via)


async def _set_tags(session: AsyncSession, venture: Venture, tags: list[str]) -> None:
    await session.exec(
        sa.delete(VentureTag)
        .where(col(VentureTag.venture_id) == venture.id)
        .execution_options(synchronize_session=False)
    )
    for tag in tags:
        session.add(VentureTag(venture_id=venture.id, tag=tag))
    venture.tags = list(tags)


async def create_venture(
    session: AsyncSession, *, creator_id: uuid.UUID, body: VentureCreate, idempotency_key: str
) -> tuple[Venture, bool]:
    """Create a venture; returns it and whether it was created now (False: a replay)."""
    original = await replayed(
        session, creator_id=creator_id, idempotency_key=idempotency_key, body=body
    )
    if original is not None:
        return original, False
    await legal.require_compliance(session, user_id=creator_id, action=CREATE_ACTION)
    if not (await check_name(session, name=body.name))[0]:
        raise await _name_taken(session, body.name)
    venture_id = new_id()
    posted = await buz.charge(
        session,
        user_id=creator_id,
        amount=CREATION_FEE_UNITS,
        idempotency_key=f"ventures.create:{creator_id}:{idempotency_key}",
        reference=reference(venture_id),
    )
    now = utcnow()
    venture = Venture(
        id=venture_id,
        name=body.name,
        name_key=name_key(body.name),
        description=body.description,
        industry=body.industry.value,
        visibility=body.visibility.value,
        website=body.website,
        funding_goal=body.funding_goal,
        stage=Stage.IDEA.value,
        stage_entered_at=now,
        owner_id=creator_id,
        created_by=creator_id,
        idempotency_key=idempotency_key,
        request_hash=_hash(body),
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(venture)
    except IntegrityError:
        # Another request took the name, or this very key, between our checks and the insert.
        again = await replayed(
            session, creator_id=creator_id, idempotency_key=idempotency_key, body=body
        )
        if again is not None:
            return again, False
        raise await _name_taken(session, body.name) from None
    await _set_tags(session, venture, body.tags)
    session.add(VentureMember(venture_id=venture.id, user_id=creator_id, role=TeamRole.OWNER))
    await session.flush()
    await machines.create_instance(
        session, machine_type=lifecycle.MACHINE, instance_id=str(venture.id), actor_id=creator_id
    )
    await promote(session, user_id=creator_id, role=Role.VENTURE_OWNER, via=CREATE_ACTION)
    await bus.publish(
        session,
        VentureCreated(
            actor_id=creator_id,
            user_id=creator_id,
            venture_id=venture.id,
            venture_name=venture.name,
            visibility=venture.visibility,
            transfer_id=posted.transfer.id,
        ),
    )
    return venture, True


def venture_read(seen: Seen) -> VentureRead:
    read = VentureRead.model_validate(seen.venture, from_attributes=True)
    read.my_role = seen.role
    return read


async def update_venture(
    session: AsyncSession, *, venture_id: uuid.UUID, actor_id: uuid.UUID, body: VentureUpdate
) -> Seen:
    seen = await see(session, venture_id=venture_id, viewer_id=actor_id, lock=True)
    seen.require(TeamAction.EDIT)
    seen.require_active()
    venture = seen.venture
    changes: dict[str, Any] = body.model_dump(exclude_unset=True)
    changed: list[str] = []
    if "name" in changes and changes["name"] != venture.name:
        if name_key(changes["name"]) != venture.name_key:
            if not (await check_name(session, name=changes["name"]))[0]:
                raise await _name_taken(session, changes["name"])
        venture.name, venture.name_key = changes["name"], name_key(changes["name"])
        changed.append("name")
    if "tags" in changes and changes["tags"] != venture.tags:
        await _set_tags(session, venture, changes["tags"])
        changed.append("tags")
    for field in ("description", "industry", "visibility", "website", "funding_goal"):
        if field not in changes:
            continue
        value = getattr(body, field)
        if isinstance(value, StrEnum):
            value = value.value
        if getattr(venture, field) != value:
            setattr(venture, field, value)
            changed.append(field)
    if not changed:
        return seen
    venture.updated_at = utcnow()
    session.add(venture)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:
        raise await _name_taken(session, venture.name) from None
    await bus.publish(
        session,
        VentureUpdated(actor_id=actor_id, user_id=actor_id, venture_id=venture.id, fields=changed),
    )
    return seen


def _search(words: list[str], dialect: str) -> sa.ColumnElement[bool]:
    if dialect == "postgresql":
        query = " & ".join(f"{w}:*" for w in words)
        return sa.literal_column(SEARCH_DOCUMENT).op("@@")(
            sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), query)
        )
    text = sa.func.lower(col(Venture.name) + " " + col(Venture.description))
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return sa.and_(*(text.like(f"%{w}%", escape="\\") for w in escaped))


async def list_ventures(
    session: AsyncSession,
    *,
    viewer_id: uuid.UUID,
    page: PageParams,
    q: str | None = None,
    industry: Industry | None = None,
    stage: Stage | None = None,
    tag: str | None = None,
    mine: bool = False,
) -> tuple[list[Venture], str | None]:
    """Ventures the viewer may see (PUBLIC ones and their own), newest first."""
    query = select(Venture).where(member_of(viewer_id) if mine else visible_to(viewer_id))
    if industry is not None:
        query = query.where(col(Venture.industry) == industry.value)
    if stage is not None:
        query = query.where(col(Venture.stage) == stage.value)
    if tag:
        query = query.where(
            select(VentureTag.venture_id)
            .where(
                col(VentureTag.venture_id) == col(Venture.id),
                col(VentureTag.tag) == tag.strip().lower(),
            )
            .exists()
        )
    words = _WORD.findall((q or "").lower())[:_MAX_WORDS]
    if words:
        dialect = session.get_bind().dialect.name
        query = query.where(_search(words, dialect))
    rows = (await session.exec(VENTURES.apply(query, page))).all()
    return VENTURES.page(rows, page)


async def roles_of(
    session: AsyncSession, *, viewer_id: uuid.UUID, venture_ids: list[uuid.UUID]
) -> dict[uuid.UUID, TeamRole]:
    if not venture_ids:
        return {}
    rows = await session.exec(
        select(VentureMember.venture_id, VentureMember.role).where(
            col(VentureMember.user_id) == viewer_id,
            col(VentureMember.venture_id).in_(venture_ids),
        )
    )
    return {venture_id: TeamRole(role) for venture_id, role in rows.all()}
