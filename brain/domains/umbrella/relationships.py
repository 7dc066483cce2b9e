"""Relationships: referral invitations and links, social requests, their lifecycle.

A REFERRAL made through the API is an invitation (INVITED) from the would-be referrer; when the
invitee accepts it becomes a link (PENDING_AGREEMENT, `referrals.link`). A link moves on the
`umbrella` state machine: the row's `state` mirrors the engine, written in the same
transaction as each transition made here, and followed (`follow_transition`) for those made
elsewhere (the expiry timer, an administrator's event through the generic endpoint).

Social kinds are requested (PENDING) and accepted (ACCEPTED), declined (DECLINED, optionally
blocking the requester from asking again) or ended (ENDED; CANCELLED when the requester
withdraws a pending request). Who may see a relationship: its two parties and admins; to
anyone else it does not exist (404).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.errors import ValidationFailed
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.legal import service as legal
from brain.domains.state_machines import service as machines
from brain.domains.umbrella import lifecycle, referrals
from brain.domains.umbrella.errors import (
    AlreadyReferred,
    DuplicateRelationship,
    InvalidRelationshipState,
    NotYourTurn,
    RelationshipNotFound,
    RequestBlocked,
    SelfReferral,
    UserNotActive,
)
from brain.domains.umbrella.events import ReferralActivated, RelationshipStateChanged
from brain.domains.umbrella.models import UmbrellaRelationship
from brain.domains.umbrella.rules import (
    ACTIVATE_ACTION,
    OPEN,
    SUBJECT_TYPE,
    Kind,
    MachineEvent,
    ReferralType,
    State,
    Via,
)
from brain.domains.umbrella.schemas import RelationshipCreate, RelationshipRead, RelationshipUpdate
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus

_C = sa.inspect(UmbrellaRelationship).columns
RELATIONSHIPS = Keyset("umbrella.relationships", _C.created_at, _C.id)

_MACHINE_STATES = frozenset(
    {State.PENDING_AGREEMENT, State.ACTIVE, State.SUSPENDED, State.TERMINATED, State.EXPIRED}
)


@dataclass(frozen=True)
class Viewer:
    id: uuid.UUID
    admin: bool = False


def relationship_read(rel: UmbrellaRelationship) -> RelationshipRead:
    referral = rel.kind == Kind.REFERRAL.value
    return RelationshipRead(
        id=rel.id,
        kind=Kind(rel.kind),
        state=State(rel.state),
        referrer_id=rel.from_user_id if referral else None,
        referred_id=rel.to_user_id if referral else None,
        requester_id=rel.from_user_id,
        addressee_id=rel.to_user_id,
        referral_type=ReferralType(rel.referral_type) if rel.referral_type else None,
        via=rel.via,
        note=rel.note,
        expires_at=rel.expires_at if rel.state == State.PENDING_AGREEMENT.value else None,
        ended_at=rel.ended_at,
        created_at=rel.created_at,
        updated_at=rel.updated_at,
    )


def _party(rel: UmbrellaRelationship, user_id: uuid.UUID) -> bool:
    return user_id in (rel.from_user_id, rel.to_user_id)


async def load(
    session: AsyncSession, relationship_id: uuid.UUID, viewer: Viewer | None = None
) -> UmbrellaRelationship:
    """The relationship, re-read from the database; 404 unless the viewer may see it."""
    rel = await session.get(UmbrellaRelationship, relationship_id, populate_existing=True)
    if rel is None or (viewer is not None and not viewer.admin and not _party(rel, viewer.id)):
        raise RelationshipNotFound()
    return rel


async def list_relationships(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    page: PageParams,
    kind: Kind | None = None,
    state: State | None = None,
) -> tuple[list[UmbrellaRelationship], str | None]:
    """The user's relationships, either side, newest first."""
    query = select(UmbrellaRelationship).where(
        sa.or_(
            col(UmbrellaRelationship.from_user_id) == user_id,
            col(UmbrellaRelationship.to_user_id) == user_id,
        )
    )
    if kind is not None:
        query = query.where(col(UmbrellaRelationship.kind) == kind.value)
    if state is not None:
        query = query.where(col(UmbrellaRelationship.state) == state.value)
    rows = (await session.exec(RELATIONSHIPS.apply(query, page))).all()
    return RELATIONSHIPS.page(rows, page)


async def _blocked(session: AsyncSession, requester: uuid.UUID, addressee: uuid.UUID) -> bool:
    found = await session.exec(
        select(UmbrellaRelationship.id)
        .where(
            col(UmbrellaRelationship.from_user_id) == requester,
            col(UmbrellaRelationship.to_user_id) == addressee,
            col(UmbrellaRelationship.blocked).is_(True),
        )
        .limit(1)
    )
    return found.first() is not None


async def request(
    session: AsyncSession, *, actor_id: uuid.UUID, body: RelationshipCreate
) -> UmbrellaRelationship:
    """A referral invitation (INVITED) or a social request (PENDING) to `body.user_id`."""
    if body.user_id == actor_id:
        raise SelfReferral("You cannot start a relationship with yourself.")
    if await users.user_status(session, body.user_id) != UserStatus.ACTIVE:
        raise UserNotActive()
    if await _blocked(session, actor_id, body.user_id):
        raise RequestBlocked()
    referral = body.kind is Kind.REFERRAL
    if referral:
        # Early feedback; accepting checks again, under the link lock.
        await referrals.check_link(session, referrer_id=actor_id, referred_id=body.user_id)
    elif body.referral_type is not None:
        raise ValidationFailed("referral_type applies to a REFERRAL only.")
    rel = UmbrellaRelationship(
        kind=body.kind.value,
        referral_type=(body.referral_type or ReferralType.PRIVATE_UMBRELLA).value
        if referral
        else None,
        from_user_id=actor_id,
        to_user_id=body.user_id,
        state=(State.INVITED if referral else State.PENDING).value,
        via=(Via.INVITATION if referral else Via.REQUEST).value,
        note=body.note,
        open_key=referrals.open_key(body.kind.value, actor_id, body.user_id),
    )
    try:
        async with session.begin_nested():
            session.add(rel)
    except IntegrityError as exc:
        raise DuplicateRelationship() from exc
    await _changed(session, rel, from_state="NONE", actor_id=actor_id, counterpart=body.user_id)
    return rel


async def _changed(
    session: AsyncSession,
    rel: UmbrellaRelationship,
    *,
    from_state: str,
    actor_id: uuid.UUID | None,
    counterpart: uuid.UUID | None = None,
) -> None:
    if counterpart is None:
        counterpart = rel.to_user_id if actor_id == rel.from_user_id else rel.from_user_id
    await bus.publish(
        session,
        RelationshipStateChanged(
            relationship_id=rel.id,
            user_id=counterpart,
            kind=rel.kind,
            from_state=from_state,
            to_state=rel.state,
            actor_id=actor_id,
        ),
    )


def _set_state(rel: UmbrellaRelationship, state: State, *, open_: bool = True) -> str:
    before = rel.state
    now = utcnow()
    rel.state, rel.updated_at = state.value, now
    if not open_:
        rel.open_key, rel.ended_at = None, now
    return before


async def _close(
    session: AsyncSession,
    rel: UmbrellaRelationship,
    state: State,
    *,
    actor_id: uuid.UUID | None,
    blocked: bool = False,
) -> UmbrellaRelationship:
    before = _set_state(rel, state, open_=False)
    rel.blocked = blocked
    session.add(rel)
    await session.flush()
    await _changed(session, rel, from_state=before, actor_id=actor_id)
    return rel


async def _transition(
    session: AsyncSession,
    rel: UmbrellaRelationship,
    event: MachineEvent,
    *,
    actor_id: uuid.UUID | None,
) -> UmbrellaRelationship:
    """Send `event` to the link's machine and mirror the new state, in one transaction."""
    result = await machines.send_event(
        session,
        machine_type=lifecycle.MACHINE,
        instance_id=str(rel.id),
        event=event.value,
        actor_id=actor_id,
    )
    target = State(result.to_state)
    before = _set_state(rel, target, open_=target in OPEN)
    session.add(rel)
    await session.flush()
    if target is not State.PENDING_AGREEMENT:
        await machines.cancel_timers(
            session,
            machine_type=lifecycle.MACHINE,
            instance_id=str(rel.id),
            event=MachineEvent.EXPIRE.value,
        )
    await _changed(session, rel, from_state=before, actor_id=actor_id)
    if target is State.ACTIVE and before == State.PENDING_AGREEMENT.value:
        await bus.publish(
            session,
            ReferralActivated(
                relationship_id=rel.id,
                user_id=rel.from_user_id,
                referrer_id=rel.from_user_id,
                referred_id=rel.to_user_id,
                actor_id=actor_id,
            ),
        )
    return rel


async def accept(
    session: AsyncSession, *, viewer: Viewer, relationship_id: uuid.UUID
) -> UmbrellaRelationship:
    """The addressee accepts: a referral invitation becomes a link, a request ACCEPTED."""
    rel = await load(session, relationship_id, viewer)
    if rel.to_user_id != viewer.id:
        raise NotYourTurn("Only the invited user can accept.")
    if rel.state == State.INVITED.value:
        try:
            rel = await referrals.link(
                session,
                referrer_id=rel.from_user_id,
                referred_id=rel.to_user_id,
                via=Via.INVITATION,
                actor_id=viewer.id,
                invitation=rel,
            )
        except AlreadyReferred:
            await session.refresh(rel)
            raise
        await _changed(session, rel, from_state=State.INVITED.value, actor_id=viewer.id)
        return rel
    if rel.state != State.PENDING.value:
        raise InvalidRelationshipState(f"The relationship is {rel.state}.")
    before = _set_state(rel, State.ACCEPTED)
    session.add(rel)
    await session.flush()
    await _changed(session, rel, from_state=before, actor_id=viewer.id)
    return rel


async def decline(
    session: AsyncSession, *, viewer: Viewer, relationship_id: uuid.UUID, block: bool = False
) -> UmbrellaRelationship:
    rel = await load(session, relationship_id, viewer)
    if rel.to_user_id != viewer.id:
        raise NotYourTurn("Only the invited user can decline.")
    if rel.state not in (State.INVITED.value, State.PENDING.value):
        raise InvalidRelationshipState(f"The relationship is {rel.state}.")
    return await _close(session, rel, State.DECLINED, actor_id=viewer.id, blocked=block)


async def end(
    session: AsyncSession, *, viewer: Viewer, relationship_id: uuid.UUID
) -> UmbrellaRelationship:
    """Withdraw a pending request or invitation (the requester), end a social relationship
    or terminate a referral link (either party, or an admin)."""
    rel = await load(session, relationship_id, viewer)
    state = State(rel.state)
    if state in (State.INVITED, State.PENDING):
        if rel.from_user_id != viewer.id and not viewer.admin:
            raise NotYourTurn("Decline it instead: only the requester can withdraw it.")
        return await _close(session, rel, State.CANCELLED, actor_id=viewer.id)
    if state is State.ACCEPTED:
        return await _close(session, rel, State.ENDED, actor_id=viewer.id)
    if state in (State.PENDING_AGREEMENT, State.ACTIVE, State.SUSPENDED):
        return await _transition(session, rel, MachineEvent.TERMINATE, actor_id=viewer.id)
    raise InvalidRelationshipState(f"The relationship is {rel.state} already.")


async def suspend_or_resume(
    session: AsyncSession, *, viewer: Viewer, relationship_id: uuid.UUID, resume: bool
) -> UmbrellaRelationship:
    """A referral link's party (or an admin) suspends it (no shares past it) or resumes it."""
    rel = await load(session, relationship_id, viewer)
    want = State.SUSPENDED if resume else State.ACTIVE
    if rel.kind != Kind.REFERRAL.value or rel.state != want.value:
        raise InvalidRelationshipState(
            f"Only a {want.value} referral can be {'resumed' if resume else 'suspended'}; "
            f"this one is {rel.kind} {rel.state}."
        )
    event = MachineEvent.RESUME if resume else MachineEvent.SUSPEND
    return await _transition(session, rel, event, actor_id=viewer.id)


async def update(
    session: AsyncSession, *, viewer: Viewer, relationship_id: uuid.UUID, body: RelationshipUpdate
) -> UmbrellaRelationship:
    rel = await load(session, relationship_id, viewer)
    if body.referral_type is not None:
        if rel.kind != Kind.REFERRAL.value:
            raise ValidationFailed("referral_type applies to a REFERRAL only.")
        if rel.from_user_id != viewer.id and not viewer.admin:
            raise NotYourTurn("Only the referrer sets the referral type.")
        rel.referral_type = body.referral_type.value
    if "note" in body.model_fields_set:
        rel.note = body.note
    rel.updated_at = utcnow()
    session.add(rel)
    await session.flush()
    return rel


# -- the agreement and the engine ------------------------------------------------------------


async def may_sign_for(session: AsyncSession, *, subject_id: str, user_id: uuid.UUID) -> None:
    """Legal's check before `user_id` signs the UMBRELLA_AGREEMENT for a relationship: it is a
    referral link of theirs waiting for the agreement. Anything else is 404 or 409."""
    try:
        relationship_id = uuid.UUID(subject_id)
    except ValueError:
        raise RelationshipNotFound() from None
    rel = await load(session, relationship_id, Viewer(user_id))
    if rel.state != State.PENDING_AGREEMENT.value:
        raise InvalidRelationshipState(
            f"The agreement is signed while the referral is PENDING_AGREEMENT; it is {rel.state}."
        )


async def activate_if_signed(
    session: AsyncSession, *, relationship_id: uuid.UUID
) -> UmbrellaRelationship | None:
    """ACTIVE once both parties signed the UMBRELLA_AGREEMENT for this relationship (called
    when one of its documents completes; idempotent)."""
    rel = await session.get(UmbrellaRelationship, relationship_id, populate_existing=True)
    if rel is None or rel.state != State.PENDING_AGREEMENT.value:
        return None
    subject = (SUBJECT_TYPE, str(rel.id))
    for party in (rel.from_user_id, rel.to_user_id):
        check = await legal.check_compliance(
            session, user_id=party, action=ACTIVATE_ACTION, subject=subject
        )
        if not check.allowed:
            return None
    return await _transition(session, rel, MachineEvent.ACTIVATE, actor_id=None)


async def follow_transition(
    session: AsyncSession,
    *,
    relationship_id: uuid.UUID,
    to_state: str,
    actor_id: uuid.UUID | None,
) -> None:
    """Mirror a transition made outside this domain (the expiry timer, an admin's event)."""
    rel = await session.get(UmbrellaRelationship, relationship_id, populate_existing=True)
    if rel is None or rel.state == to_state or to_state not in _MACHINE_STATES:
        return
    target = State(to_state)
    before = _set_state(rel, target, open_=target in OPEN)
    session.add(rel)
    await session.flush()
    await _changed(session, rel, from_state=before, actor_id=actor_id, counterpart=rel.to_user_id)
    if target is State.ACTIVE and before == State.PENDING_AGREEMENT.value:
        # An administrator activated it through the engine's endpoint.
        await bus.publish(
            session,
            ReferralActivated(
                relationship_id=rel.id,
                user_id=rel.from_user_id,
                referrer_id=rel.from_user_id,
                referred_id=rel.to_user_id,
                actor_id=actor_id,
            ),
        )
