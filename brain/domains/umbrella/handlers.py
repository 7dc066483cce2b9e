"""The umbrella domain's wiring at startup: its state machine, the referral code given at
registration, the agreement signed for a relationship, transitions made outside this domain
(the expiry timer), revenue shares on pool payouts, and legal's check before someone signs an
agreement for a relationship. `register()` is the umbrella manifest's."""

from __future__ import annotations

import logging
import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.buz.events import TransferCompleted, TransferReversed
from brain.domains.legal import service as legal
from brain.domains.legal.events import DocumentCompleted
from brain.domains.state_machines.events import StateMachineTransitioned
from brain.domains.umbrella import lifecycle, referrals, relationships, shares
from brain.domains.umbrella.errors import (
    AlreadyReferred,
    InvalidRelationshipState,
    ReferralCycle,
    RelationshipNotFound,
    SelfReferral,
)
from brain.domains.umbrella.rules import SHARED_KINDS, SUBJECT_TYPE, Via
from brain.domains.users.events import UserRegistered

log = logging.getLogger(__name__)


def _with_code(event: UserRegistered) -> bool:
    return bool(event.referral_code)


def _about_a_relationship(event: DocumentCompleted) -> bool:
    return event.subject_type == SUBJECT_TYPE


def _an_umbrella_transition(event: StateMachineTransitioned) -> bool:
    return event.machine_type == lifecycle.MACHINE


def _id(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


async def attribute_registration(session: AsyncSession, event: UserRegistered) -> None:
    """The referral code given at sign-up makes its owner the new user's referrer. An unknown
    code (a typo, a regenerated code) is ignored: it must never undo a registration."""
    if not event.referral_code:
        return
    referrer = await referrals.owner_of_code(session, event.referral_code)
    if referrer is None:
        log.info("unknown referral code at registration of %s", event.user_id)
        return
    if await referrals.referrer_of(session, event.user_id) is not None:
        return  # a redelivery: linked already
    try:
        await referrals.link(
            session,
            referrer_id=referrer,
            referred_id=event.user_id,
            via=Via.CODE,
            actor_id=event.user_id,
        )
    except (AlreadyReferred, ReferralCycle, SelfReferral) as exc:
        log.info("referral code of %s not applied to %s: %s", referrer, event.user_id, exc.code)


async def document_completed(session: AsyncSession, event: DocumentCompleted) -> None:
    if event.subject_type != SUBJECT_TYPE:
        return
    relationship_id = _id(event.subject_id)
    if relationship_id is not None:
        await relationships.activate_if_signed(session, relationship_id=relationship_id)


async def follow_state_machine(session: AsyncSession, event: StateMachineTransitioned) -> None:
    if event.machine_type != lifecycle.MACHINE:
        return
    relationship_id = _id(event.instance_id)
    if relationship_id is not None:
        await relationships.follow_transition(
            session,
            relationship_id=relationship_id,
            to_state=event.to_state,
            actor_id=event.actor_id,
        )


async def revenue_share(session: AsyncSession, event: TransferCompleted) -> None:
    await shares.pay_shares(session, event)


def _a_reversed_pool_payout(event: TransferReversed) -> bool:
    return event.kind in SHARED_KINDS


async def void_shares(session: AsyncSession, event: TransferReversed) -> None:
    await shares.void_shares(session, event)


def register() -> None:
    """Idempotent: safe to call from the app, the worker and tests."""
    lifecycle.register()
    bus.subscribe(UserRegistered, attribute_registration, mode="inline", when=_with_code)
    bus.subscribe(DocumentCompleted, document_completed, mode="inline", when=_about_a_relationship)
    bus.subscribe(
        StateMachineTransitioned,
        follow_state_machine,
        mode="inline",
        when=_an_umbrella_transition,
    )
    # Every BUZ transfer is a TransferCompleted: only pool payouts to a user reach the handler.
    bus.subscribe(
        TransferCompleted, revenue_share, mode="inline", when=shares.pays_a_user_from_a_pool
    )
    bus.subscribe(TransferReversed, void_shares, mode="inline", when=_a_reversed_pool_payout)
    legal.register_subject_check(
        SUBJECT_TYPE,
        relationships.may_sign_for,
        errors=[RelationshipNotFound, InvalidRelationshipState],
    )
