"""The admin operations: audited, reversible only by a reversing row, and never an award to
oneself; no route lets a member award anything."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.domains.buz import service as buz
from brain.domains.gamification.models import AdminAction, XpAward
from brain.domains.gamification.rules import Rule
from brain.domains.legal.events import DocumentSigned
from brain.domains.users.schemas import Role
from tests.factories.gamification import publish, xp_of
from tests.factories.users import bearer, make_user, sign_in

pytestmark = pytest.mark.usefixtures("db_connection")
G = "/api/gamification"


async def _signed_in(role: Role) -> tuple[uuid.UUID, dict[str, str]]:
    async with db.session_scope() as session:
        user = await make_user(session, role=role)
        await buz.open_accounts(session, user_id=user.id)
        tokens = await sign_in(session, user)
    return user.id, bearer(tokens.access_token)


async def _actions(session: AsyncSession) -> list[tuple[str, str, str]]:
    rows = await session.exec(select(AdminAction))
    return sorted((a.action, a.subject, a.reason) for a in rows.all())


async def test_nobody_awards_themselves_admins_included(client: AsyncClient) -> None:
    admin_id, admin = await _signed_in(Role.SUPER_ADMIN)
    member_id, member = await _signed_in(Role.MEMBER)
    for user_id, headers, code in (
        (admin_id, admin, "SELF_AWARD_FORBIDDEN"),
        (member_id, member, "INSUFFICIENT_PERMISSIONS"),
    ):
        body = {"user_id": str(user_id), "badge": "LEGEND", "reason": "mine"}
        refused = await client.post(f"{G}/admin/badges/award", json=body, headers=headers)
        assert (refused.status_code, refused.json()["code"]) == (403, code)
        profile = (await client.get(f"{G}/profile/{user_id}", headers=headers)).json()
        assert "LEGEND" not in [b["badge"] for b in profile["badges"]]
    # There is no XP award route at all, whatever the method.
    for path in (f"{G}/xp/{member_id}", f"{G}/xp", f"{G}/award"):
        response = await client.post(path, json={"xp": 10_000}, headers=member)
        assert response.status_code in (404, 405)


async def test_award_revoke_and_award_again_pays_once_and_is_audited(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await _signed_in(Role.SUPER_ADMIN)
    user_id, member = await _signed_in(Role.MEMBER)
    body = {"user_id": str(user_id), "badge": "PROJECT_CHAMPION", "reason": "launched offline"}
    xp = await xp_of(session, user_id)  # signing in earned some already
    awarded = await client.post(f"{G}/admin/badges/award", json=body, headers=admin)
    assert awarded.status_code == 200, awarded.text
    # EPIC: 250 BUZ and the badge's 100 XP.
    assert (await buz.balance(session, user_id=user_id)).total == 25_000
    assert await xp_of(session, user_id) == xp + 100
    again = await client.post(f"{G}/admin/badges/award", json=body, headers=admin)
    assert (again.status_code, again.json()["code"]) == (409, "BADGE_ALREADY_HELD")

    revoked = await client.post(f"{G}/admin/badges/revoke", json=body, headers=admin)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None
    badges = (await client.get(f"{G}/badges/{user_id}", headers=member)).json()["items"]
    champion = next(b for b in badges if b["badge"] == "PROJECT_CHAMPION")
    assert (champion["earned"], champion["revoked"]) == (False, True)
    twice = await client.post(f"{G}/admin/badges/revoke", json=body, headers=admin)
    assert (twice.status_code, twice.json()["code"]) == (409, "BADGE_NOT_HELD")

    # Given back: held again, but its XP and BUZ were paid once.
    assert (
        await client.post(f"{G}/admin/badges/award", json=body, headers=admin)
    ).status_code == 200
    assert (await buz.balance(session, user_id=user_id)).total == 25_000
    assert await xp_of(session, user_id) == xp + 100
    assert await _actions(session) == sorted(
        [
            ("badge_awarded", "PROJECT_CHAMPION", "launched offline"),
            ("badge_revoked", "PROJECT_CHAMPION", "launched offline"),
            ("badge_awarded", "PROJECT_CHAMPION", "launched offline"),
        ]
    )


async def test_a_reversal_is_a_row_of_its_own_and_happens_once(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await _signed_in(Role.SUPER_ADMIN)
    user_id, member = await _signed_in(Role.MEMBER)
    await publish(DocumentSigned(document_id=uuid.uuid4(), user_id=user_id, template_type="PPA"))
    history = (await client.get(f"{G}/xp/{user_id}", headers=member)).json()["items"]
    signed = next(h for h in history if h["rule"] == Rule.LEGAL_DOCUMENT_SIGNED.value)
    before = await xp_of(session, user_id)

    body = {"award_id": signed["id"], "reason": "signed by mistake"}
    reversed_ = await client.post(f"{G}/admin/xp/reverse", json=body, headers=admin)
    assert reversed_.status_code == 200, reversed_.text
    assert (reversed_.json()["rule"], reversed_.json()["xp"]) == ("reversal", -150)
    assert reversed_.json()["source_event_id"] == signed["id"]
    assert await xp_of(session, user_id) == before - 150
    again = await client.post(f"{G}/admin/xp/reverse", json=body, headers=admin)
    assert (again.status_code, again.json()["code"]) == (409, "AWARD_NOT_REVERSIBLE")
    reversal = {"award_id": reversed_.json()["id"], "reason": "undo"}
    undo = await client.post(f"{G}/admin/xp/reverse", json=reversal, headers=admin)
    assert (undo.status_code, undo.json()["code"]) == (409, "AWARD_NOT_REVERSIBLE")
    unknown = {"award_id": str(uuid.uuid4()), "reason": "x"}
    assert (
        await client.post(f"{G}/admin/xp/reverse", json=unknown, headers=admin)
    ).status_code == 404
    # The original row is untouched; the history shows both.
    rows = (await session.exec(select(XpAward).where(XpAward.user_id == user_id))).all()
    assert {r.xp for r in rows if r.rule == Rule.LEGAL_DOCUMENT_SIGNED.value} == {150}
    assert [a[0] for a in await _actions(session)] == ["xp_reversed"]
    # Someone else's history is not theirs to read.
    _, stranger = await _signed_in(Role.MEMBER)
    assert (await client.get(f"{G}/xp/{user_id}", headers=stranger)).status_code == 403


async def test_a_changed_rule_pays_its_new_amount_for_later_events_only(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await _signed_in(Role.SUPER_ADMIN)
    user_id, _ = await _signed_in(Role.MEMBER)
    await publish(DocumentSigned(document_id=uuid.uuid4(), user_id=user_id, template_type="PPA"))
    changed = await client.put(
        f"{G}/admin/rules/legal_document_signed",
        json={"xp": 40, "reason": "too generous"},
        headers=admin,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["xp"], changed.json()["default_xp"]) == (40, 150)
    await publish(DocumentSigned(document_id=uuid.uuid4(), user_id=user_id, template_type="ESCA"))
    rows = (
        await session.exec(select(XpAward).where(XpAward.rule == "legal_document_signed"))
    ).all()
    assert sorted(r.xp for r in rows if r.user_id == user_id) == [40, 150]
    assert await _actions(session) == [("rule_changed", "legal_document_signed", "too generous")]
    bad = await client.put(
        f"{G}/admin/rules/not_a_rule", json={"xp": 1, "reason": "x"}, headers=admin
    )
    assert bad.status_code == 422
