"""The access-control matrix: one row per route of the app, the expected outcome for each of
five callers, and a small setup that builds the route's path parameters and body.

Callers, in this order everywhere:

    anonymous   no token
    guest       a GUEST
    member      a MEMBER who does not own the resource
    owner       the resource's owner (role per row, MEMBER by default)
    admin       the admin role that may manage the resource (per row, SUPER_ADMIN by default)

Outcomes: `allow` (2xx, or one of the row's `business` statuses: a refusal that proves the
request got past authorisation), `401`, `403`, `404`.

Adding a route: add a `Row` to `ROWS` with the outcomes the domain rules and the domain's docs
call for (not what the code happens to do) and a setup if the route has path parameters or a
body. `test_every_route_has_an_access_decision` fails until the row exists. See
docs/security/threat-model.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.analytics import reports as analytics_reports
from brain.domains.auth import service as auth
from brain.domains.buz import service as buz
from brain.domains.buz.events import TransferCompleted
from brain.domains.buz.rules import StakeTier, SystemAccount, parse_units
from brain.domains.gamification import awards as gamification_awards
from brain.domains.gamification import service as gamification
from brain.domains.gamification.models import XpAward
from brain.domains.gamification.rules import BadgeCode
from brain.domains.gamification.rules import Rule as GamificationRule
from brain.domains.legal import service as legal
from brain.domains.notifications import announcements as notification_announcements
from brain.domains.notifications import delivery as notification_delivery
from brain.domains.notifications import service as notifications
from brain.domains.state_machines import service as machines
from brain.domains.umbrella import service as umbrella
from brain.domains.umbrella.rules import Kind
from brain.domains.umbrella.schemas import RelationshipCreate
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.files import png
from tests.factories.legal import consent, create_document, sign_personal
from tests.factories.umbrella import make_link
from tests.factories.users import DEFAULT_PASSWORD, bearer, make_user, sign_in, unique_email
from tests.factories.ventures import sign_for_venture, venture_body

Caller = Literal["anonymous", "guest", "member", "owner", "admin"]
CALLERS: tuple[Caller, ...] = ("anonymous", "guest", "member", "owner", "admin")
Outcome = Literal["allow", "401", "403", "404"]


@dataclass
class World:
    """The five callers of one test (plus `other`, a MEMBER who is never a caller: the
    counterparty of the owner's documents and transfers)."""

    client: AsyncClient
    session: AsyncSession
    users: dict[Caller, User]
    headers: dict[Caller, dict[str, str]]
    other: User
    other_headers: dict[str, str]
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def owner(self) -> User:
        return self.users["owner"]


@dataclass(frozen=True)
class Call:
    params: dict[str, str] = field(default_factory=dict)
    json: Any = None
    form: dict[str, str] | None = None
    # Multipart file parts (`{"file": (name, bytes, type)}`), for upload routes.
    files: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)


Setup = Callable[[World, Caller], Awaitable[Call]]


async def no_setup(world: World, caller: Caller) -> Call:
    return Call()


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    expect: dict[Caller, Outcome]
    setup: Setup = no_setup
    owner_role: Role = Role.MEMBER
    admin_role: Role = Role.SUPER_ADMIN
    # Non-2xx statuses that still mean "authorised" for this route, with why in a comment.
    business: tuple[int, ...] = ()
    # Callers whose outcome today differs from `expect`: caller -> the outcome the code gives.
    # Explained in docs/security/threat-model.md ("Known gaps"); the test xfails on exactly
    # this and fails when the gap closes, so the entry gets removed.
    known_gap: dict[Caller, Outcome] = field(default_factory=dict)
    gap_reason: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.path


def expect(spec: str) -> dict[Caller, Outcome]:
    """`"401 403 404 allow allow"`: the outcomes for the five callers, in CALLERS order."""
    outcomes = spec.split()
    assert len(outcomes) == len(CALLERS), spec
    valid = {"allow", "401", "403", "404"}
    assert set(outcomes) <= valid, spec
    return dict(zip(CALLERS, outcomes, strict=True))  # type: ignore[arg-type]


PUBLIC = expect("allow allow allow allow allow")
SIGNED_IN = expect("401 allow allow allow allow")
ADMIN_ONLY = expect("401 403 403 403 allow")
OWNER_OR_ADMIN_403 = expect("401 403 403 allow allow")  # the resource is not secret
OWNER_OR_ADMIN_404 = expect("401 404 404 allow allow")  # its existence would leak
WALLET = expect("401 403 404 allow allow")  # GUEST lacks buz:read; a wallet's existence leaks

# Routes outside the matrix, all methods, with the reason they are public.
UNCHECKED_PUBLIC: dict[tuple[str, str], str] = {
    **{
        (m, p): "API documentation (Swagger UI, ReDoc, the OpenAPI schema): public by design, "
        "switched off with BRAIN_DOCS_ENABLED=false"
        for p in ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc")
        for m in ("GET", "HEAD")
    },
    ("GET", "/metrics"): "Prometheus scrape endpoint outside /api: unauthenticated by design, "
    "to be kept off the public network (docs/security/threat-model.md)",
    ("WEBSOCKET", "/api/websocket/connect"): "the websocket upgrade: it authenticates in its "
    "first frame, not with a header, and refuses a token in the URL (4401); its access rules "
    "are tested over a real socket in tests/domains/websocket",
}


# -- setups ----------------------------------------------------------------------------------


async def owner_id(world: World, caller: Caller) -> Call:
    return Call(params={"user_id": str(world.owner.id)})


def with_owner_id(body: dict[str, Any]) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        return Call(params={"user_id": str(world.owner.id)}, json=body)

    return setup


def body(value: dict[str, Any] | Callable[[World], dict[str, Any]]) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        return Call(json=value(world) if callable(value) else value)

    return setup


async def _owner_password(world: World) -> None:
    if "owner_password" not in world.cache:
        await auth.set_password(world.session, user_id=world.owner.id, password=DEFAULT_PASSWORD)
        await world.session.flush()
        world.cache["owner_password"] = True


async def login_body(world: World, caller: Caller) -> Call:
    await _owner_password(world)
    return Call(json={"email": world.owner.email, "password": DEFAULT_PASSWORD})


async def token_form(world: World, caller: Caller) -> Call:
    await _owner_password(world)
    return Call(form={"username": world.owner.email, "password": DEFAULT_PASSWORD})


async def refresh_body(world: World, caller: Caller) -> Call:
    tokens = await sign_in(world.session, world.owner)
    return Call(json={"refresh_token": tokens.refresh_token})


async def verify_body(world: World, caller: Caller) -> Call:
    tokens = await sign_in(world.session, world.owner)
    return Call(json={"token": tokens.access_token})


def one_time_token(purpose: str, extra: dict[str, str]) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        token, _ = await auth.issue_one_time_token(
            world.session, user_id=world.owner.id, purpose=purpose, lifetime=timedelta(hours=1)
        )
        return Call(json={"token": token, **extra})

    return setup


async def change_password_body(world: World, caller: Caller) -> Call:
    if caller != "anonymous":
        await auth.set_password(
            world.session, user_id=world.users[caller].id, password=DEFAULT_PASSWORD
        )
        await world.session.flush()
    return Call(
        json={"current_password": DEFAULT_PASSWORD, "new_password": "quartz-meadow-91-lantern"}
    )


async def email_change_body(world: World, caller: Caller) -> Call:
    await change_password_body(world, caller)  # each caller's password is DEFAULT_PASSWORD
    return Call(json={"new_email": unique_email("moved"), "current_password": DEFAULT_PASSWORD})


def email_change_token(*, form: bool) -> Setup:
    """A pending email change of `other` (never a caller: confirming ends every session of
    the account, which would sign the later callers out)."""

    async def setup(world: World, caller: Caller) -> Call:
        token, _ = await auth.issue_one_time_token(
            world.session,
            user_id=world.other.id,
            purpose=auth.EMAIL_CHANGE,
            lifetime=timedelta(hours=1),
            new_email=unique_email("moved"),
        )
        return Call(form={"token": token}) if form else Call(json={"token": token})

    return setup


def one_time_token_form(purpose: str, extra: dict[str, str]) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        token, _ = await auth.issue_one_time_token(
            world.session, user_id=world.owner.id, purpose=purpose, lifetime=timedelta(hours=1)
        )
        return Call(form={"token": token, **extra})

    return setup


def one_time_token_link(purpose: str) -> Setup:
    """The `?token=` of the link an email gives for the page."""

    async def setup(world: World, caller: Caller) -> Call:
        token, _ = await auth.issue_one_time_token(
            world.session,
            user_id=world.owner.id,
            purpose=purpose,
            lifetime=timedelta(hours=1),
            new_email=unique_email("moved") if purpose == auth.EMAIL_CHANGE else None,
        )
        return Call(query={"token": token})

    return setup


async def owner_session(world: World, caller: Caller) -> Call:
    tokens = await sign_in(world.session, world.owner)
    return Call(params={"session_id": str(tokens.session_id)})


async def subscription_instance(world: World, caller: Caller) -> Call:
    instance_id = f"matrix-{uuid.uuid4().hex[:12]}"
    await machines.create_instance(
        world.session, machine_type="subscription", instance_id=instance_id
    )
    await world.session.flush()
    return Call(
        params={"machine_type": "subscription", "instance_id": instance_id},
        json={"event": "activate"},
    )


async def new_template_version(world: World, caller: Caller) -> Call:
    versions = await legal.list_versions(world.session, "OTHER")
    major = max(int(v.version.split(".")[0]) for v in versions) + 1
    current = (await legal.current_versions(world.session, ["OTHER"]))["OTHER"]
    return Call(
        params={"template_type": "OTHER"},
        json={"version": f"{major}.0.0", "content": current.content},
    )


async def _completed_personal_document(world: World) -> str:
    """A COMPLETED document the owner signed (its party): read-only routes share it."""
    if "personal_document" not in world.cache:
        response = await world.client.post(
            "/api/legal/templates/PPA/sign", json=consent(), headers=world.headers["owner"]
        )
        assert response.status_code == 201, response.text
        world.cache["personal_document"] = response.json()["document"]["id"]
    return str(world.cache["personal_document"])


def owner_party_document(extra: dict[str, Any] | None = None) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        document_id = await _completed_personal_document(world)
        return Call(params={"document_id": document_id}, json=extra)

    return setup


def owner_draft(extra: dict[str, Any] | None = None) -> Setup:
    """A fresh DRAFT sent by the owner to `other` (for each call: these routes change it)."""

    async def setup(world: World, caller: Caller) -> Call:
        document = await create_document(
            world.client, world.headers["owner"], [(world.other.id, "SIGNER", 1)]
        )
        return Call(params={"document_id": str(document["id"])}, json=extra)

    return setup


def owner_to_sign(extra: dict[str, Any]) -> Setup:
    """A fresh PENDING document from `other` that the owner is asked to sign."""

    async def setup(world: World, caller: Caller) -> Call:
        document = await create_document(
            world.client, world.other_headers, [(world.owner.id, "SIGNER", 1)], send=True
        )
        return Call(params={"document_id": str(document["id"])}, json=extra)

    return setup


def document_body(world: World) -> dict[str, Any]:
    return {
        "template_type": "OTHER",
        "title": "Matrix agreement",
        "subject_type": "other",
        "subject_id": "matrix",
        "signers": [{"user_id": str(world.other.id), "role": "SIGNER", "order": 1}],
        "signing_order": "sequential",
        "variables": {"body": "We test access."},
    }


async def current_rules(world: World, caller: Caller) -> Call:
    rules = await legal.list_rules(world.session)
    return Call(
        json={
            "rules": [
                {
                    "action": r.action,
                    "required_types": list(r.required_types),
                    "description": r.description,
                }
                for r in rules
            ]
        }
    )


def idempotent(value: dict[str, Any] | Callable[[World], dict[str, Any]]) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        return Call(
            json=value(world) if callable(value) else value,
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )

    return setup


async def _fund(world: World, user_id: uuid.UUID, amount: str) -> uuid.UUID:
    posted = await buz.credit_reward(
        world.session,
        user_id=user_id,
        amount=parse_units(amount),
        idempotency_key=f"matrix-fund:{uuid.uuid4()}",
        pool=SystemAccount.COMMUNITY,
    )
    return posted.transfer.id


async def _buz_ready(world: World, caller: Caller, amount: str) -> None:
    """The caller has signed the BUZ terms and holds `amount`: what is left is permission."""
    if caller == "anonymous":
        return
    await _fund(world, world.users[caller].id, amount)
    await sign_personal(world.client, world.headers[caller], "BTS", "BPP")


async def transfer_call(world: World, caller: Caller) -> Call:
    await _buz_ready(world, caller, "10")
    to = world.other if caller == "owner" else world.owner
    return Call(
        json={"to_user_id": str(to.id), "amount": "1"},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )


async def stake_call(world: World, caller: Caller) -> Call:
    await _buz_ready(world, caller, "150")
    return Call(
        json={"amount": "100", "tier": "BRONZE"}, headers={"Idempotency-Key": str(uuid.uuid4())}
    )


async def owner_transfer(world: World, caller: Caller) -> Call:
    transfer_id = await _fund(world, world.owner.id, "5")
    return Call(params={"user_id": str(world.owner.id), "transfer_id": str(transfer_id)})


async def owner_position(world: World, caller: Caller) -> Call:
    await _fund(world, world.owner.id, "150")
    position, _ = await buz.stake(
        world.session,
        user_id=world.owner.id,
        amount=parse_units("100"),
        tier=StakeTier.BRONZE,
        idempotency_key=f"matrix-stake:{uuid.uuid4()}",
    )
    return Call(params={"position_id": str(position.id)})


# -- ventures: a PRIVATE venture of the owner's, so that everyone else gets 404 ---------------


async def _founder_ready(world: World, user: User, headers: dict[str, str]) -> None:
    key = f"founder:{user.id}"
    if key not in world.cache:
        await _fund(world, user.id, "100")
        await sign_personal(world.client, headers, "ISEA", "VOA")
        world.cache[key] = True


async def _create(world: World, user: User, headers: dict[str, str]) -> str:
    await _founder_ready(world, user, headers)
    response = await world.client.post(
        "/api/ventures",
        json=venture_body(visibility="PRIVATE"),
        headers=headers | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _owner_venture(world: World) -> str:
    if "venture" not in world.cache:
        world.cache["venture"] = await _create(world, world.owner, world.headers["owner"])
    return str(world.cache["venture"])


async def _invited(world: World, venture_id: str, inviter: dict[str, str], user: User) -> str:
    response = await world.client.post(
        f"/api/ventures/{venture_id}/invitations",
        json={"user_id": str(user.id), "role": "MEMBER"},
        headers=inviter,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _other_on_team(world: World) -> str:
    """The owner's venture with `other` on its team (MEMBER)."""
    venture_id = await _owner_venture(world)
    if "other_member" not in world.cache:
        invitation = await _invited(world, venture_id, world.headers["owner"], world.other)
        await sign_personal(world.client, world.other_headers, "PCA", "IAA")
        await sign_for_venture(world.client, world.other_headers, venture_id, "PPNA")
        accepted = await world.client.post(
            f"/api/ventures/invitations/{invitation}/accept", headers=world.other_headers
        )
        assert accepted.status_code == 200, accepted.text
        world.cache["other_member"] = True
    return venture_id


def owner_venture(extra: dict[str, Any] | None = None) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        return Call(params={"venture_id": await _owner_venture(world)}, json=extra)

    return setup


async def archive_call(world: World, caller: Caller) -> Call:
    return Call(params={"venture_id": await _owner_venture(world)}, query={"reason": "matrix"})


def other_member(extra: dict[str, Any] | None = None) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        venture_id = await _other_on_team(world)
        return Call(params={"venture_id": venture_id, "user_id": str(world.other.id)}, json=extra)

    return setup


async def transfer_to_other(world: World, caller: Caller) -> Call:
    venture_id = await _other_on_team(world)
    return Call(params={"venture_id": venture_id}, json={"user_id": str(world.other.id)})


async def invite_other(world: World, caller: Caller) -> Call:
    return Call(
        params={"venture_id": await _owner_venture(world)},
        json={"user_id": str(world.other.id), "role": "MEMBER"},
    )


async def create_venture_call(world: World, caller: Caller) -> Call:
    if caller != "anonymous":
        await _founder_ready(world, world.users[caller], world.headers[caller])
    return Call(json=venture_body(), headers={"Idempotency-Key": str(uuid.uuid4())})


async def invitation_to_owner(world: World, caller: Caller) -> Call:
    """A fresh invitation from `other` (to its own private venture) to the owner, who has
    signed what joining it needs."""
    if "invitation_to_owner" not in world.cache:
        venture_id = await _create(world, world.other, world.other_headers)
        world.cache["invitation_to_owner"] = await _invited(
            world, venture_id, world.other_headers, world.owner
        )
        # Signing for a private venture needs the invitation first.
        await sign_personal(world.client, world.headers["owner"], "PCA", "IAA")
        signed = await sign_for_venture(world.client, world.headers["owner"], venture_id, "PPNA")
        assert signed.status_code == 201, signed.text
    return Call(params={"invitation_id": world.cache["invitation_to_owner"]})


async def invitation_by_owner(world: World, caller: Caller) -> Call:
    if "invitation_by_owner" not in world.cache:
        world.cache["invitation_by_owner"] = await _invited(
            world, await _owner_venture(world), world.headers["owner"], world.other
        )
    return Call(params={"invitation_id": world.cache["invitation_by_owner"]})


def metric_body() -> dict[str, Any]:
    return {"name": "users", "value": "12", "unit": "count", "as_of": "2026-12-01"}


# -- files: the owner's private file, so that everyone else gets 404 ---------------------------


async def _owner_file(world: World, fresh: str | None = None) -> str:
    """A file the owner uploaded (`fresh`: another one for that key, for routes that delete)."""
    key = f"file:{fresh}" if fresh else "file"
    if key not in world.cache:
        response = await world.client.post(
            "/api/files",
            files={"file": ("matrix.png", png(), "image/png")},
            headers=world.headers["owner"],
        )
        assert response.status_code == 201, response.text
        world.cache[key] = response.json()["id"]
    return str(world.cache[key])


def owner_file(extra: dict[str, Any] | None = None, *, fresh: bool = False) -> Setup:
    async def setup(world: World, caller: Caller) -> Call:
        file_id = await _owner_file(world, caller if fresh else None)
        return Call(params={"file_id": file_id}, json=extra)

    return setup


async def upload_call(world: World, caller: Caller) -> Call:
    return Call(files={"file": ("matrix.png", png(), "image/png")})


async def share_with_other(world: World, caller: Caller) -> Call:
    return Call(params={"file_id": await _owner_file(world)}, json={"user_id": str(world.other.id)})


async def owner_share(world: World, caller: Caller) -> Call:
    """A share of a fresh file of the owner's per caller (revoking one is final)."""
    file_id = await _owner_file(world, caller)
    response = await world.client.post(
        f"/api/files/{file_id}/shares",
        json={"user_id": str(world.other.id)},
        headers=world.headers["owner"],
    )
    assert response.status_code == 201, response.text
    return Call(params={"file_id": file_id, "share_id": response.json()["id"]})


async def _owner_link(world: World) -> dict[str, Any]:
    if "link" not in world.cache:
        file_id = await _owner_file(world)
        response = await world.client.post(
            f"/api/files/{file_id}/links", json={}, headers=world.headers["owner"]
        )
        assert response.status_code == 201, response.text
        world.cache["link"] = {"file_id": file_id, **response.json()}
    link: dict[str, Any] = world.cache["link"]
    return link


async def owner_link(world: World, caller: Caller) -> Call:
    link = await _owner_link(world)
    return Call(params={"file_id": link["file_id"], "link_id": link["id"]})


async def public_link(world: World, caller: Caller) -> Call:
    link = await _owner_link(world)
    query = dict(pair.split("=", 1) for pair in link["url"].split("?", 1)[1].split("&"))
    return Call(params={"link_id": link["id"]}, query=query)


# -- umbrella: the owner's relationships and shares (docs/services/umbrella.md) ---------------


async def _fresh_member(world: World) -> User:
    user = await make_user(world.session, role=Role.MEMBER)
    await buz.open_accounts(world.session, user_id=user.id)
    return user


def owner_relationship(kind: Kind = Kind.PEER, extra: dict[str, Any] | None = None) -> Setup:
    """A fresh request by the owner to a new member, for each caller (a DELETE ends it)."""

    async def setup(world: World, caller: Caller) -> Call:
        rel = await umbrella.request(
            world.session,
            actor_id=world.owner.id,
            body=RelationshipCreate(kind=kind, user_id=(await _fresh_member(world)).id),
        )
        return Call(params={"relationship_id": str(rel.id)}, json=extra)

    return setup


async def request_to_owner(world: World, caller: Caller) -> Call:
    """A fresh request from a new member to the owner, who answers it."""
    requester = await _fresh_member(world)
    rel = await umbrella.request(
        world.session,
        actor_id=requester.id,
        body=RelationshipCreate(kind=Kind.COLLABORATOR, user_id=world.owner.id),
    )
    return Call(params={"relationship_id": str(rel.id)})


def owner_referral(*, suspended: bool) -> Setup:
    """A fresh ACTIVE (or SUSPENDED) referral link from the owner to a new member."""

    async def setup(world: World, caller: Caller) -> Call:
        rel = await make_link(world.session, world.owner.id, (await _fresh_member(world)).id)
        if suspended:
            rel = await umbrella.suspend_or_resume(
                world.session,
                viewer=umbrella.Viewer(world.owner.id),
                relationship_id=rel.id,
                resume=False,
            )
        return Call(params={"relationship_id": str(rel.id)})

    return setup


async def owner_reward(world: World, caller: Caller) -> Call:
    """A reward paid to the owner, for an admin to reverse."""
    if "reward" not in world.cache:
        posted = await buz.credit_reward(
            world.session,
            user_id=world.owner.id,
            amount=parse_units("5"),
            idempotency_key=f"matrix-reward:{uuid.uuid4()}",
        )
        world.cache["reward"] = str(posted.transfer.id)
    return Call(params={"transfer_id": world.cache["reward"]}, json={"reason": "matrix"})


async def owner_revenue_share(world: World, caller: Caller) -> Call:
    """A revenue share the owner earned on a reward paid to the member they referred."""
    if "share" not in world.cache:
        referred = await _fresh_member(world)
        await make_link(world.session, world.owner.id, referred.id)
        posted = await buz.credit_reward(
            world.session,
            user_id=referred.id,
            amount=parse_units("100"),
            idempotency_key=f"matrix-share:{uuid.uuid4()}",
        )
        [share] = await umbrella.pay_shares(
            world.session,
            TransferCompleted(
                transfer_id=posted.transfer.id,
                kind="REWARD",
                from_account="user_rewards",
                to_account=f"wallet:{referred.id}",
                from_user_id=None,
                to_user_id=referred.id,
                amount=posted.transfer.amount,
            ),
        )
        world.cache["share"] = str(share.id)
    return Call(params={"share_id": world.cache["share"]})


# -- gamification: nobody awards themselves; an award of the other member's to reverse ---------


async def badge_for_other(world: World, caller: Caller) -> Call:
    return Call(json={"user_id": str(world.other.id), "badge": "LEGAL_EAGLE", "reason": "matrix"})


async def held_badge_of_other(world: World, caller: Caller) -> Call:
    if "other_badge" not in world.cache:
        await gamification.award_badge(
            world.session,
            actor_id=world.users["admin"].id,
            user_id=world.other.id,
            badge=BadgeCode.LEGAL_EAGLE,
            reason="matrix",
        )
        world.cache["other_badge"] = True
    return await badge_for_other(world, caller)


async def other_award(world: World, caller: Caller) -> Call:
    if "other_award" not in world.cache:
        await gamification_awards.apply(
            world.session,
            gamification_awards.Trigger(
                user_id=world.other.id,
                source_event_id=uuid.uuid4(),
                occurred_at=utcnow(),
                rule=GamificationRule.BUZ_STAKED,
            ),
        )
        rows = await world.session.exec(
            select(XpAward).where(XpAward.user_id == world.other.id, XpAward.rule == "buz_staked")
        )
        world.cache["other_award"] = str(rows.one().id)
    return Call(json={"award_id": world.cache["other_award"], "reason": "matrix"})


# -- notifications: the owner's inbox item and push device; everyone else gets 404 ----------


async def _owner_notification(world: World) -> str:
    if "notification" not in world.cache:
        notification_id = await notifications.notify(
            world.session,
            type="buz.stake_matured",
            user_id=world.owner.id,
            data={"position_id": "matrix", "reward": "1.00"},
            source_key=f"matrix:{uuid.uuid4()}",
        )
        await world.session.flush()
        world.cache["notification"] = str(notification_id)
    return str(world.cache["notification"])


async def owner_notification(world: World, caller: Caller) -> Call:
    return Call(params={"notification_id": await _owner_notification(world)})


_PUSH_KEYS = {
    "p256dh": (
        "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
    ),
    "auth": "tBHItJI5svbpez7KI4CCXg",
}
_PUSH_ENDPOINT = "https://push.example.net/matrix/owner"


async def owner_device(world: World, caller: Caller) -> Call:
    if "device" not in world.cache:
        response = await world.client.post(
            "/api/notifications/devices",
            json={"endpoint": _PUSH_ENDPOINT, "keys": _PUSH_KEYS},
            headers=world.headers["owner"],
        )
        assert response.status_code == 201, response.text
        world.cache["device"] = True
    return Call(query={"endpoint": _PUSH_ENDPOINT})


async def device_body(world: World, caller: Caller) -> Call:
    endpoint = f"https://push.example.net/matrix/{caller}"
    return Call(json={"endpoint": endpoint, "keys": _PUSH_KEYS})


async def owner_unsubscribe(world: World, caller: Caller) -> Call:
    token = notification_delivery.unsubscribe_token(world.owner.id, "system.announcement")
    return Call(query={"token": token})


async def an_announcement(world: World, caller: Caller) -> Call:
    if "announcement" not in world.cache:
        row = await notification_announcements.create(
            world.session, title="Matrix", body="Hello", role=Role.SUBSCRIBER,
            actor_id=world.users["admin"].id,
        )  # fmt: skip
        world.cache["announcement"] = str(row.id)
    return Call(params={"announcement_id": str(world.cache["announcement"])})


# -- analytics: the owner's analytics and report; a venture's are its team's -----------------


async def owner_report(world: World, caller: Caller) -> Call:
    if "report" not in world.cache:
        response = await world.client.post(
            "/api/analytics/reports",
            json={"kind": "user_engagement", "period": "7d"},
            headers=world.headers["owner"],
        )
        assert response.status_code == 201, response.text
        world.cache["report"] = response.json()["id"]
    return Call(params={"report_id": str(world.cache["report"])})


async def owner_report_built(world: World, caller: Caller) -> Call:
    call = await owner_report(world, caller)
    if "report_built" not in world.cache:
        await analytics_reports.build_report(report_id=call.params["report_id"])
        world.cache["report_built"] = True
    return call


# -- the table -------------------------------------------------------------------------------

U = "/api/users"
A = "/api/auth"
S = "/api/state-machines"
L = "/api/legal"
B = "/api/buz"
V = "/api/ventures"
F = "/api/files"
UM = "/api/umbrella"
G = "/api/gamification"
N = "/api/notifications"
AN = "/api/analytics"
W = "/api/websocket"
# ventures:read is MEMBER and up; a PRIVATE venture is 404 to anyone not on its team, admins too
VENTURE_READERS = expect("401 403 allow allow allow")
TEAM_ONLY = expect("401 403 404 allow 404")
# umbrella:refer is MEMBER and up; a relationship is its parties' and admins' (404 otherwise)
UMBRELLA_MEMBERS = expect("401 403 allow allow allow")
PARTIES = expect("401 403 404 allow allow")
ADDRESSEE = expect("401 403 404 allow 403")  # an admin sees it but cannot answer for them
# an inbox item or push device of the owner's: 404 to everyone else, admins too
NOTIFICATION_OWNER = expect("401 404 404 allow 404")

ROWS: list[Row] = [
    # system: probes for load balancers and orchestrators
    Row("GET", "/api/health", PUBLIC),
    Row("GET", "/api/health/live", PUBLIC),
    # users: users are not secret (403 for another's private data); users:manage = SUPER_ADMIN
    Row("GET", U, SIGNED_IN),
    Row(
        "POST",
        U,
        ADMIN_ONLY,
        body(lambda _w: {"email": unique_email("matrix"), "display_name": "New"}),
    ),
    Row("GET", f"{U}/me", SIGNED_IN),
    Row("GET", f"{U}/{{user_id}}", SIGNED_IN, owner_id),
    Row("PATCH", f"{U}/{{user_id}}", OWNER_OR_ADMIN_403, with_owner_id({"first_name": "Ada"})),
    Row("PUT", f"{U}/{{user_id}}", OWNER_OR_ADMIN_403, with_owner_id({"display_name": "Ada"})),
    Row("DELETE", f"{U}/{{user_id}}", OWNER_OR_ADMIN_403, owner_id),
    # public profile fields are readable signed out
    Row("GET", f"{U}/{{user_id}}/profile", PUBLIC, owner_id),
    Row("PUT", f"{U}/{{user_id}}/profile", OWNER_OR_ADMIN_403, with_owner_id({"headline": "Hi"})),
    Row("GET", f"{U}/{{user_id}}/settings", OWNER_OR_ADMIN_403, owner_id),
    Row("PUT", f"{U}/{{user_id}}/settings", OWNER_OR_ADMIN_403, with_owner_id({})),
    # activity is private by default
    Row("GET", f"{U}/{{user_id}}/activity", OWNER_OR_ADMIN_403, owner_id),
    Row("GET", f"{U}/{{user_id}}/stats", OWNER_OR_ADMIN_403, owner_id),
    # the data export: the user, or `users:export` (SUPER_ADMIN only; users are not secret)
    Row("GET", f"{U}/{{user_id}}/export", OWNER_OR_ADMIN_403, owner_id),
    # auth: the sign-in and recovery endpoints are public; the owner's credentials are used
    Row(
        "POST",
        f"{A}/register",
        PUBLIC,
        body(
            lambda _w: {
                "email": unique_email("matrix"),
                "password": DEFAULT_PASSWORD,
                "display_name": "New",
            }
        ),
    ),
    Row("POST", f"{A}/login", PUBLIC, login_body),
    Row("POST", f"{A}/token", PUBLIC, token_form),
    Row("POST", f"{A}/refresh", PUBLIC, refresh_body),
    Row("POST", f"{A}/logout", SIGNED_IN),
    Row("GET", f"{A}/me", SIGNED_IN),
    Row("POST", f"{A}/verify", PUBLIC, verify_body),
    Row("POST", f"{A}/forgot-password", PUBLIC, body(lambda w: {"email": w.owner.email})),
    Row(
        "POST",
        f"{A}/reset-password",
        PUBLIC,
        one_time_token(auth.RESET, {"new_password": "quartz-meadow-91-lantern"}),
    ),
    Row("POST", f"{A}/change-password", SIGNED_IN, change_password_body),
    Row("POST", f"{A}/verify-email", PUBLIC, one_time_token(auth.VERIFY, {})),
    Row("POST", f"{A}/resend-verification", SIGNED_IN),
    # re-authenticated with the caller's password; the answer is the same for every address
    Row("POST", f"{A}/email-change", SIGNED_IN, email_change_body),
    # the link's token is the authority (it may be opened signed out, on another device)
    Row("POST", f"{A}/email-change/confirm", PUBLIC, email_change_token(form=False)),
    # the HTML pages emailed links open: public like the API they front
    Row("GET", f"{A}/pages/verify-email", PUBLIC, one_time_token_link(auth.VERIFY)),
    Row("POST", f"{A}/pages/verify-email", PUBLIC, one_time_token_form(auth.VERIFY, {})),
    Row("GET", f"{A}/pages/reset-password", PUBLIC, one_time_token_link(auth.RESET)),
    Row(
        "POST",
        f"{A}/pages/reset-password",
        PUBLIC,
        one_time_token_form(
            auth.RESET,
            {
                "new_password": "quartz-meadow-91-lantern",
                "confirm_password": "quartz-meadow-91-lantern",
            },
        ),
    ),
    Row(
        "GET",
        f"{A}/pages/confirm-email-change",
        PUBLIC,
        one_time_token_link(auth.EMAIL_CHANGE),
    ),
    Row("POST", f"{A}/pages/confirm-email-change", PUBLIC, email_change_token(form=True)),
    Row("GET", f"{A}/sessions", SIGNED_IN),
    # another user's session is 404 (domain rules); SECURITY_ADMIN manages sessions
    Row(
        "DELETE",
        f"{A}/sessions/{{session_id}}",
        OWNER_OR_ADMIN_404,
        owner_session,
        admin_role=Role.SECURITY_ADMIN,
    ),
    Row("GET", f"{A}/audit", ADMIN_ONLY, admin_role=Role.SECURITY_ADMIN),
    # nobody changes their own role; BILLING_ADMIN moves users between roles 1-3
    Row(
        "PUT",
        f"{A}/users/{{user_id}}/role",
        expect("401 403 403 403 allow"),
        with_owner_id({"role": "SUBSCRIBER"}),
        admin_role=Role.BILLING_ADMIN,
    ),
    # SECURITY_ADMIN manages lockouts (auth:lockouts_manage)
    Row(
        "POST",
        f"{A}/users/{{user_id}}/unlock",
        ADMIN_ONLY,
        with_owner_id({"reason": "Identity confirmed by phone"}),
        admin_role=Role.SECURITY_ADMIN,
    ),
    # state machines: administrators only (state_machines:manage)
    Row("GET", f"{S}/definitions", ADMIN_ONLY),
    Row(
        "GET",
        f"{S}/definitions/{{machine_type}}",
        ADMIN_ONLY,
        lambda _w, _c: _async(Call(params={"machine_type": "subscription"})),
    ),
    Row(
        "POST",
        f"{S}/create",
        ADMIN_ONLY,
        body(
            lambda _w: {"machine_type": "subscription", "instance_id": f"matrix-{uuid.uuid4().hex}"}
        ),
    ),
    Row("POST", f"{S}/{{machine_type}}/{{instance_id}}/event", ADMIN_ONLY, subscription_instance),
    Row("GET", f"{S}/{{machine_type}}/{{instance_id}}/state", ADMIN_ONLY, subscription_instance),
    Row("GET", f"{S}/{{machine_type}}/{{instance_id}}/history", ADMIN_ONLY, subscription_instance),
    Row("GET", f"{S}/stats", ADMIN_ONLY),
    # legal: LEGAL_ADMIN manages templates, documents and rules; a document is 404 to
    # non-parties
    Row("GET", f"{L}/templates", SIGNED_IN, admin_role=Role.LEGAL_ADMIN),
    Row(
        "GET",
        f"{L}/templates/{{template_type}}",
        SIGNED_IN,
        lambda _w, _c: _async(Call(params={"template_type": "PPA"})),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "POST",
        f"{L}/templates/{{template_type}}/versions",
        ADMIN_ONLY,
        new_template_version,
        admin_role=Role.LEGAL_ADMIN,
    ),
    # every caller signs its own copy of a personal agreement (GUEST has legal:sign)
    Row(
        "POST",
        f"{L}/templates/{{template_type}}/sign",
        SIGNED_IN,
        lambda _w, _c: _async(Call(params={"template_type": "PPA"}, json=consent())),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row("GET", f"{L}/documents", SIGNED_IN, admin_role=Role.LEGAL_ADMIN),
    # creating needs legal:send (MEMBER and up); each caller creates its own draft
    Row(
        "POST",
        f"{L}/documents",
        expect("401 403 allow allow allow"),
        body(document_body),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "GET",
        f"{L}/documents/{{document_id}}",
        OWNER_OR_ADMIN_404,
        owner_party_document(),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "PUT",
        f"{L}/documents/{{document_id}}",
        OWNER_OR_ADMIN_404,
        owner_draft({"title": "Renamed"}),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "DELETE",
        f"{L}/documents/{{document_id}}",
        OWNER_OR_ADMIN_404,
        owner_draft(),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "POST",
        f"{L}/documents/{{document_id}}/send",
        OWNER_OR_ADMIN_404,
        owner_draft(),
        admin_role=Role.LEGAL_ADMIN,
    ),
    # only the signer signs or declines; the legal admin sees the document (so 403, not 404)
    # but may not sign for anyone
    Row(
        "POST",
        f"{L}/documents/{{document_id}}/sign",
        expect("401 404 404 allow 403"),
        owner_to_sign(consent()),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "POST",
        f"{L}/documents/{{document_id}}/decline",
        expect("401 404 404 allow 403"),
        owner_to_sign({"reason": "Not now"}),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "POST",
        f"{L}/documents/{{document_id}}/void",
        OWNER_OR_ADMIN_404,
        owner_draft({"reason": "Withdrawn"}),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "GET",
        f"{L}/documents/{{document_id}}/status",
        OWNER_OR_ADMIN_404,
        owner_party_document(),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "POST",
        f"{L}/documents/{{document_id}}/verify",
        OWNER_OR_ADMIN_404,
        owner_party_document(),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "GET",
        f"{L}/documents/{{document_id}}/certificate",
        OWNER_OR_ADMIN_404,
        owner_party_document(),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row("GET", f"{L}/compliance/rules", SIGNED_IN, admin_role=Role.LEGAL_ADMIN),
    Row("PUT", f"{L}/compliance/rules", ADMIN_ONLY, current_rules, admin_role=Role.LEGAL_ADMIN),
    # another user's compliance: users are not secret, so 403 (domain rules)
    Row(
        "POST",
        f"{L}/compliance/check",
        OWNER_OR_ADMIN_403,
        body(lambda w: {"action": "buz.transfer", "user_id": str(w.owner.id)}),
        admin_role=Role.LEGAL_ADMIN,
    ),
    Row(
        "GET",
        f"{L}/compliance/{{user_id}}",
        OWNER_OR_ADMIN_403,
        owner_id,
        admin_role=Role.LEGAL_ADMIN,
    ),
    # everyone reads their own trail
    Row("GET", f"{L}/audit", SIGNED_IN, admin_role=Role.LEGAL_ADMIN),
    Row("GET", f"{L}/audit/verify", ADMIN_ONLY, admin_role=Role.LEGAL_ADMIN),
    Row("GET", f"{L}/audit/verifications", ADMIN_ONLY, admin_role=Role.LEGAL_ADMIN),
    # buz: another user's wallet is 404; GUEST has no buz permission at all; SUPER_ADMIN is
    # the BUZ administrator
    Row("GET", f"{B}/balance/{{user_id}}", WALLET, owner_id),
    # each caller sends from its own wallet (terms signed, funded): what is left is permission
    Row("POST", f"{B}/transfer", expect("401 403 allow allow allow"), transfer_call),
    Row("GET", f"{B}/transactions/{{user_id}}", WALLET, owner_id),
    Row("GET", f"{B}/transactions/{{user_id}}/{{transfer_id}}", WALLET, owner_transfer),
    # staking needs buz:stake (SUBSCRIBER and up)
    Row(
        "POST",
        f"{B}/stake",
        expect("401 403 403 allow allow"),
        stake_call,
        owner_role=Role.SUBSCRIBER,
    ),
    Row("GET", f"{B}/tiers", PUBLIC),
    Row("GET", f"{B}/staking/{{user_id}}", WALLET, owner_id),
    # unstaking: owner only, for admins too (docs/services/buz.md)
    Row(
        "POST",
        f"{B}/staking/{{position_id}}/unstake",
        expect("401 403 404 allow 404"),
        owner_position,
    ),
    Row("GET", f"{B}/supply", PUBLIC),
    Row("GET", f"{B}/price", PUBLIC),
    Row(
        "POST",
        f"{B}/admin/mint",
        ADMIN_ONLY,
        idempotent({"amount": "1", "reason": "matrix", "to_pool": "community"}),
    ),
    Row(
        "POST",
        f"{B}/admin/burn",
        ADMIN_ONLY,
        idempotent({"amount": "1", "reason": "matrix", "from_pool": "community"}),
    ),
    Row(
        "POST",
        f"{B}/admin/transfers/{{transfer_id}}/reverse",
        ADMIN_ONLY,
        owner_reward,
    ),
    Row("POST", f"{B}/admin/price", ADMIN_ONLY, body({"price_usd": "0.02"})),
    Row("GET", f"{B}/admin/analytics", ADMIN_ONLY),
    Row("GET", f"{B}/admin/verify", ADMIN_ONLY),
    # ventures (docs/services/ventures.md): the owner's PRIVATE venture is 404 to others
    Row("GET", V, VENTURE_READERS),
    Row("POST", V, VENTURE_READERS, create_venture_call),
    Row(
        "GET",
        f"{V}/check-name",
        VENTURE_READERS,
        lambda _w, _c: _async(Call(query={"name": "Anything"})),
    ),
    Row("GET", f"{V}/invitations", VENTURE_READERS),
    # an invitation is its invitee's (accept, decline) or its venture managers' (revoke)
    Row("POST", f"{V}/invitations/{{invitation_id}}/accept", TEAM_ONLY, invitation_to_owner),
    Row("POST", f"{V}/invitations/{{invitation_id}}/decline", TEAM_ONLY, invitation_to_owner),
    Row("POST", f"{V}/invitations/{{invitation_id}}/revoke", TEAM_ONLY, invitation_by_owner),
    Row("GET", f"{V}/{{venture_id}}", TEAM_ONLY, owner_venture()),
    Row("PATCH", f"{V}/{{venture_id}}", TEAM_ONLY, owner_venture({"tags": ["matrix"]})),
    Row("DELETE", f"{V}/{{venture_id}}", TEAM_ONLY, archive_call),
    Row("GET", f"{V}/{{venture_id}}/status", TEAM_ONLY, owner_venture()),
    Row("POST", f"{V}/{{venture_id}}/stage", TEAM_ONLY, owner_venture({"event": "advance"})),
    Row("GET", f"{V}/{{venture_id}}/history", TEAM_ONLY, owner_venture()),
    Row("GET", f"{V}/{{venture_id}}/team", TEAM_ONLY, owner_venture()),
    Row(
        "PUT", f"{V}/{{venture_id}}/team/{{user_id}}", TEAM_ONLY, other_member({"role": "OBSERVER"})
    ),
    Row("DELETE", f"{V}/{{venture_id}}/team/{{user_id}}", TEAM_ONLY, other_member()),
    Row("POST", f"{V}/{{venture_id}}/invitations", TEAM_ONLY, invite_other),
    Row(
        "POST",
        f"{V}/{{venture_id}}/transfer-ownership",
        TEAM_ONLY,
        transfer_to_other,
    ),
    Row("GET", f"{V}/{{venture_id}}/metrics", TEAM_ONLY, owner_venture()),
    Row("POST", f"{V}/{{venture_id}}/metrics", TEAM_ONLY, owner_venture(metric_body())),
    Row("GET", f"{V}/{{venture_id}}/timeline", TEAM_ONLY, owner_venture()),
    # files (docs/services/files.md): files:upload is MEMBER and up; another's file is 404
    Row("POST", F, VENTURE_READERS, upload_call),
    Row("GET", F, SIGNED_IN),
    Row("GET", f"{F}/usage", SIGNED_IN),
    # a signed link is its own credential: no token
    Row("GET", f"{F}/public/links/{{link_id}}/content", PUBLIC, public_link),
    Row("GET", f"{F}/{{file_id}}", OWNER_OR_ADMIN_404, owner_file()),
    Row("PATCH", f"{F}/{{file_id}}", OWNER_OR_ADMIN_404, owner_file({"tags": ["matrix"]})),
    Row("DELETE", f"{F}/{{file_id}}", OWNER_OR_ADMIN_404, owner_file(fresh=True)),
    Row("GET", f"{F}/{{file_id}}/content", OWNER_OR_ADMIN_404, owner_file()),
    Row("GET", f"{F}/{{file_id}}/shares", OWNER_OR_ADMIN_404, owner_file()),
    Row("POST", f"{F}/{{file_id}}/shares", OWNER_OR_ADMIN_404, share_with_other),
    Row("DELETE", f"{F}/{{file_id}}/shares/{{share_id}}", OWNER_OR_ADMIN_404, owner_share),
    Row("GET", f"{F}/{{file_id}}/links", OWNER_OR_ADMIN_404, owner_file()),
    Row("POST", f"{F}/{{file_id}}/links", OWNER_OR_ADMIN_404, owner_file({"expires_in": 60})),
    Row("DELETE", f"{F}/{{file_id}}/links/{{link_id}}", OWNER_OR_ADMIN_404, owner_link),
    # umbrella (docs/services/umbrella.md): relationships are their parties'; another user's
    # network, analytics and shares are theirs and admins'
    Row("GET", f"{UM}/referral-code", UMBRELLA_MEMBERS),
    Row("POST", f"{UM}/referral-code/regenerate", UMBRELLA_MEMBERS),
    Row("GET", f"{UM}/relationships", UMBRELLA_MEMBERS),
    Row(
        "POST",
        f"{UM}/relationships",
        UMBRELLA_MEMBERS,
        body(lambda w: {"kind": "PEER", "user_id": str(w.other.id)}),
        # the owner's and the member's requests to `other` are two, the admin's a third
        business=(409,),
    ),
    Row("GET", f"{UM}/relationships/{{relationship_id}}", PARTIES, owner_relationship()),
    Row(
        "PATCH",
        f"{UM}/relationships/{{relationship_id}}",
        PARTIES,
        owner_relationship(extra={"note": "matrix"}),
    ),
    Row("DELETE", f"{UM}/relationships/{{relationship_id}}", PARTIES, owner_relationship()),
    Row("POST", f"{UM}/relationships/{{relationship_id}}/accept", ADDRESSEE, request_to_owner),
    Row("POST", f"{UM}/relationships/{{relationship_id}}/decline", ADDRESSEE, request_to_owner),
    Row(
        "POST",
        f"{UM}/relationships/{{relationship_id}}/suspend",
        PARTIES,
        owner_referral(suspended=False),
    ),
    Row(
        "POST",
        f"{UM}/relationships/{{relationship_id}}/resume",
        PARTIES,
        owner_referral(suspended=True),
    ),
    Row("GET", f"{UM}/network/{{user_id}}", OWNER_OR_ADMIN_403, owner_id),
    Row("GET", f"{UM}/analytics/{{user_id}}", OWNER_OR_ADMIN_403, owner_id),
    Row("GET", f"{UM}/recommendations", UMBRELLA_MEMBERS),
    Row("GET", f"{UM}/revenue/shares", UMBRELLA_MEMBERS),
    Row("GET", f"{UM}/revenue/shares/{{share_id}}", PARTIES, owner_revenue_share),
    # gamification (docs/services/gamification.md): levels, badges and ranks are public among
    # members; XP history is the user's and the admins'; no route awards XP
    Row("GET", f"{G}/profile/{{user_id}}", VENTURE_READERS, owner_id),
    Row("GET", f"{G}/xp/{{user_id}}", OWNER_OR_ADMIN_403, owner_id),
    Row("GET", f"{G}/badges", VENTURE_READERS),
    Row("GET", f"{G}/badges/{{user_id}}", VENTURE_READERS, owner_id),
    Row(
        "GET",
        f"{G}/leaderboard/{{category}}",
        VENTURE_READERS,
        lambda _w, _c: _async(Call(params={"category": "xp"})),
    ),
    Row("GET", f"{G}/rankings/{{user_id}}", VENTURE_READERS, owner_id),
    # (awarding oneself is refused to admins too: tests/domains/gamification/test_admin.py)
    Row("POST", f"{G}/admin/badges/award", ADMIN_ONLY, badge_for_other),
    Row("POST", f"{G}/admin/badges/revoke", ADMIN_ONLY, held_badge_of_other),
    Row("POST", f"{G}/admin/xp/reverse", ADMIN_ONLY, other_award),
    Row(
        "PUT",
        f"{G}/admin/rules/{{rule}}",
        ADMIN_ONLY,
        lambda _w, _c: _async(
            Call(params={"rule": "file_shared"}, json={"xp": 30, "reason": "matrix"})
        ),
    ),
    # notifications (docs/services/notifications.md): my inbox is mine; another user's item
    # is 404 to everyone, admins included (they see deliveries, not contents)
    Row("GET", N, SIGNED_IN),
    Row("GET", f"{N}/unread-count", SIGNED_IN),
    Row("POST", f"{N}/read-all", SIGNED_IN),
    Row("GET", f"{N}/preferences", SIGNED_IN),
    Row(
        "PUT",
        f"{N}/preferences",
        SIGNED_IN,
        body({"preferences": [{"type": "buz.received", "channel": "email", "enabled": True}]}),
    ),
    # the signed token in the email's List-Unsubscribe link is the authority
    Row("POST", f"{N}/unsubscribe", PUBLIC, owner_unsubscribe),
    Row("GET", f"{N}/devices", SIGNED_IN),
    Row("POST", f"{N}/devices", SIGNED_IN, device_body),
    Row("DELETE", f"{N}/devices", NOTIFICATION_OWNER, owner_device),
    Row("GET", f"{N}/devices/vapid-key", SIGNED_IN),
    Row(
        "POST",
        f"{N}/admin/announcements",
        ADMIN_ONLY,
        body({"title": "Matrix", "body": "Hello", "role": "SUBSCRIBER"}),
    ),
    Row("GET", f"{N}/admin/announcements/{{announcement_id}}", ADMIN_ONLY, an_announcement),
    Row("GET", f"{N}/admin/deliveries", ADMIN_ONLY),
    Row("GET", f"{N}/{{notification_id}}", NOTIFICATION_OWNER, owner_notification),
    Row("POST", f"{N}/{{notification_id}}/read", NOTIFICATION_OWNER, owner_notification),
    Row("POST", f"{N}/{{notification_id}}/unread", NOTIFICATION_OWNER, owner_notification),
    Row("POST", f"{N}/{{notification_id}}/archive", NOTIFICATION_OWNER, owner_notification),
    Row("DELETE", f"{N}/{{notification_id}}", NOTIFICATION_OWNER, owner_notification),
    Row("GET", f"{N}/{{notification_id}}/deliveries", NOTIFICATION_OWNER, owner_notification),
    # analytics (docs/services/analytics.md): a user's are theirs and admins'; a venture's its
    # team's only (no admin bypass, as in ventures); others get 404. A report is its requester's.
    Row(
        "POST",
        f"{AN}/track",
        SIGNED_IN,
        body(lambda _w: {"events": [{"event_id": str(uuid.uuid4()), "name": "matrix"}]}),
    ),
    Row("GET", f"{AN}/users/{{user_id}}", OWNER_OR_ADMIN_404, owner_id),
    Row("GET", f"{AN}/ventures/{{venture_id}}", expect("401 404 404 allow 404"), owner_venture()),
    Row("GET", f"{AN}/platform", ADMIN_ONLY),
    Row("POST", f"{AN}/reports", SIGNED_IN, body({"kind": "user_engagement", "period": "7d"})),
    Row("GET", f"{AN}/reports", SIGNED_IN),
    Row("GET", f"{AN}/reports/{{report_id}}", expect("401 404 404 allow 404"), owner_report),
    Row(
        "GET",
        f"{AN}/reports/{{report_id}}/download",
        expect("401 404 404 allow 404"),
        owner_report_built,
    ),
    # websocket (docs/services/websocket.md): the admin routes need websocket:manage
    # (SUPER_ADMIN); posting to a venture's channel is its team's (tests/security/conftest.py
    # gives each test an in-process live fan-out).
    Row("GET", f"{W}/schema", PUBLIC),
    Row("GET", f"{W}/stats", ADMIN_ONLY),
    Row(
        "POST",
        f"{W}/send",
        ADMIN_ONLY,
        body(lambda w: {"user_id": str(w.owner.id), "data": {"title": "matrix"}}),
    ),
    Row("POST", f"{W}/broadcast", ADMIN_ONLY, body({"data": {"title": "matrix"}})),
    Row(
        "POST",
        f"{W}/venture/{{venture_id}}/send",
        TEAM_ONLY,
        owner_venture({"data": {"text": "matrix"}}),
    ),
]


async def _async(call: Call) -> Call:
    return call


def rows_by_key() -> dict[tuple[str, str], Row]:
    table: dict[tuple[str, str], Row] = {}
    for row in ROWS:
        assert row.key not in table, f"two rows for {row.method} {row.path}"
        table[row.key] = row
    return table


async def make_world(client: AsyncClient, session: AsyncSession, row: Row) -> World:
    roles: dict[Caller, Role] = {
        "guest": Role.GUEST,
        "member": Role.MEMBER,
        "owner": row.owner_role,
        "admin": row.admin_role,
    }
    users: dict[Caller, User] = {}
    headers: dict[Caller, dict[str, str]] = {"anonymous": {}}
    for caller, role in roles.items():
        user = await make_user(session, role=role)
        users[caller] = user
        headers[caller] = bearer((await sign_in(session, user)).access_token)
    other = await make_user(session, role=Role.MEMBER)
    other_headers = bearer((await sign_in(session, other)).access_token)
    # Wallets, as the `users.registered` handler opens them once the user is committed.
    for user in (*users.values(), other):
        await buz.open_accounts(session, user_id=user.id)
    await session.flush()
    return World(client, session, users, headers, other, other_headers)


# Admin roles outside their own area: domain rules give BILLING, SECURITY and LEGAL_ADMIN
# "only their own area plus everything a MEMBER has", so on another area's resource each is
# a MEMBER who does not own it. (route, admin role, expected outcome, known gap reason or "")
FOREIGN_ADMINS: list[tuple[tuple[str, str], Role, Outcome, str]] = [
    (("GET", f"{L}/documents/{{document_id}}"), Role.SECURITY_ADMIN, "404", ""),
    (("GET", f"{L}/documents/{{document_id}}"), Role.BILLING_ADMIN, "404", ""),
    (("GET", f"{A}/audit"), Role.LEGAL_ADMIN, "403", ""),
    (("DELETE", f"{A}/sessions/{{session_id}}"), Role.LEGAL_ADMIN, "404", ""),
    (("POST", f"{A}/users/{{user_id}}/unlock"), Role.BILLING_ADMIN, "403", ""),
    (("PUT", f"{L}/compliance/rules"), Role.SECURITY_ADMIN, "403", ""),
    (("GET", f"{S}/stats"), Role.BILLING_ADMIN, "403", ""),
    (("POST", f"{B}/admin/mint"), Role.LEGAL_ADMIN, "403", ""),
    (("PUT", f"{U}/{{user_id}}/profile"), Role.SECURITY_ADMIN, "403", ""),
    # reading private fields (`users:read_private`) is not taking everything away
    (("GET", f"{U}/{{user_id}}/export"), Role.SECURITY_ADMIN, "403", ""),
    (("GET", f"{U}/{{user_id}}/export"), Role.LEGAL_ADMIN, "403", ""),
    (
        ("GET", f"{B}/balance/{{user_id}}"),
        Role.LEGAL_ADMIN,
        "404",
        "",
    ),
    (
        ("GET", f"{B}/transactions/{{user_id}}"),
        Role.SECURITY_ADMIN,
        "404",
        "",
    ),
    (
        ("GET", f"{B}/staking/{{user_id}}"),
        Role.BILLING_ADMIN,
        "404",
        "",
    ),
    (("POST", f"{G}/admin/xp/reverse"), Role.LEGAL_ADMIN, "403", ""),
]
