"""Factories for the umbrella domain: referral links (active or waiting for the agreement),
chains of them, and the agreement signed through the legal API."""

from __future__ import annotations

import itertools
import uuid

from httpx import AsyncClient, Response
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.buz import service as buz
from brain.domains.umbrella import relationships
from brain.domains.umbrella.models import UmbrellaRelationship
from brain.domains.umbrella.referrals import link
from brain.domains.umbrella.rules import MachineEvent, Via
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.legal import consent
from tests.factories.users import make_user


async def make_link(
    session: AsyncSession,
    referrer_id: uuid.UUID,
    referred_id: uuid.UUID,
    *,
    active: bool = True,
) -> UmbrellaRelationship:
    """A referral link, ACTIVE unless `active=False` (then PENDING_AGREEMENT)."""
    rel = await link(
        session, referrer_id=referrer_id, referred_id=referred_id, via=Via.CODE, actor_id=None
    )
    if active:
        rel = await relationships._transition(session, rel, MachineEvent.ACTIVATE, actor_id=None)
    return rel


async def make_chain(session: AsyncSession, length: int) -> list[User]:
    """`length` + 1 users with wallets, each the referrer of the next (ACTIVE links): the top
    first, the bottom user last."""
    users = []
    for _ in range(length + 1):
        user = await make_user(session, role=Role.MEMBER)
        await buz.open_accounts(session, user_id=user.id)
        users.append(user)
    for above, below in itertools.pairwise(users):
        await make_link(session, above.id, below.id)
    return users


async def sign_agreement(
    client: AsyncClient, headers: dict[str, str], relationship_id: str | uuid.UUID
) -> Response:
    return await client.post(
        "/api/legal/templates/UMBRELLA_AGREEMENT/sign",
        json=consent(subject_type="umbrella_relationship", subject_id=str(relationship_id)),
        headers=headers,
    )
