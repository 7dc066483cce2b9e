"""Social relationships through the API: request, accept, decline (and block), end; no
duplicates; a relationship is its parties' (404 to anyone else)."""

from __future__ import annotations

from httpx import AsyncClient, Response
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.models import User
from brain.domains.users.schemas import Role, UserStatus
from tests.factories.users import bearer, make_user, sign_in

U = "/api/umbrella"


async def _party(session: AsyncSession, role: Role = Role.MEMBER) -> tuple[User, dict[str, str]]:
    user = await make_user(session, role=role)
    return user, bearer((await sign_in(session, user)).access_token)


async def _ask(
    client: AsyncClient, headers: dict[str, str], user: User, kind: str = "MENTOR_MENTEE"
) -> Response:
    return await client.post(
        f"{U}/relationships",
        json={"kind": kind, "user_id": str(user.id), "note": "Met at the demo day"},
        headers=headers,
    )


async def test_request_accept_and_end(client: AsyncClient, session: AsyncSession) -> None:
    mentor, m_h = await _party(session)
    mentee, e_h = await _party(session)
    asked = await _ask(client, m_h, mentee)
    assert asked.status_code == 201, asked.text
    body = asked.json()
    assert body["state"] == "PENDING"
    assert body["requester_id"] == str(mentor.id)
    assert body["referrer_id"] is None
    rel = body["id"]
    accepted = await client.post(f"{U}/relationships/{rel}/accept", headers=e_h)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"] == "ACCEPTED"
    patched = await client.patch(f"{U}/relationships/{rel}", json={"note": None}, headers=e_h)
    assert patched.status_code == 200
    assert patched.json()["note"] is None
    listed = await client.get(f"{U}/relationships?kind=MENTOR_MENTEE&state=ACCEPTED", headers=m_h)
    assert [r["id"] for r in listed.json()["items"]] == [rel]
    assert (await client.get(f"{U}/relationships?kind=PEER", headers=m_h)).json()["items"] == []
    assert (await client.delete(f"{U}/relationships/{rel}", headers=e_h)).status_code == 204
    ended = await client.get(f"{U}/relationships/{rel}", headers=m_h)
    assert ended.json()["state"] == "ENDED"
    assert ended.json()["ended_at"] is not None
    # Ended: a new request is no duplicate.
    assert (await _ask(client, m_h, mentee)).status_code == 201


async def test_duplicates_are_refused_either_way_round(
    client: AsyncClient, session: AsyncSession
) -> None:
    a, a_h = await _party(session)
    b, b_h = await _party(session)
    assert (await _ask(client, a_h, b, "PEER")).status_code == 201
    for headers, user in ((a_h, b), (b_h, a)):
        again = await _ask(client, headers, user, "PEER")
        assert again.status_code == 409
        assert again.json()["code"] == "DUPLICATE_RELATIONSHIP"
    # Another kind between the same two is fine.
    assert (await _ask(client, a_h, b, "COLLABORATOR")).status_code == 201


async def test_a_declined_and_blocked_requester_cannot_ask_again(
    client: AsyncClient, session: AsyncSession
) -> None:
    pest, p_h = await _party(session)
    target, t_h = await _party(session)
    rel = (await _ask(client, p_h, target)).json()["id"]
    declined = await client.post(
        f"{U}/relationships/{rel}/decline", json={"block": True}, headers=t_h
    )
    assert declined.status_code == 200, declined.text
    assert declined.json()["state"] == "DECLINED"
    for kind in ("PEER", "REFERRAL"):
        refused = await _ask(client, p_h, target, kind)
        assert refused.status_code == 403
        assert refused.json()["code"] == "REQUEST_BLOCKED"
    # The other way round is the target's choice.
    assert (await _ask(client, t_h, pest, "PEER")).status_code == 201


async def test_a_plain_decline_does_not_block(client: AsyncClient, session: AsyncSession) -> None:
    _a, a_h = await _party(session)
    b, b_h = await _party(session)
    rel = (await _ask(client, a_h, b)).json()["id"]
    assert (await client.post(f"{U}/relationships/{rel}/decline", headers=b_h)).is_success
    assert (await _ask(client, a_h, b)).status_code == 201


async def test_only_the_addressee_answers_and_only_the_requester_withdraws(
    client: AsyncClient, session: AsyncSession
) -> None:
    _a, a_h = await _party(session)
    b, b_h = await _party(session)
    rel = (await _ask(client, a_h, b)).json()["id"]
    assert (await client.post(f"{U}/relationships/{rel}/accept", headers=a_h)).status_code == 403
    assert (await client.post(f"{U}/relationships/{rel}/decline", headers=a_h)).status_code == 403
    assert (await client.delete(f"{U}/relationships/{rel}", headers=b_h)).status_code == 403
    assert (await client.delete(f"{U}/relationships/{rel}", headers=a_h)).status_code == 204
    withdrawn = await client.get(f"{U}/relationships/{rel}", headers=b_h)
    assert withdrawn.json()["state"] == "CANCELLED"
    late = await client.post(f"{U}/relationships/{rel}/accept", headers=b_h)
    assert late.status_code == 409
    assert late.json()["code"] == "INVALID_RELATIONSHIP_STATE"


async def test_a_relationship_is_404_to_anyone_else(
    client: AsyncClient, session: AsyncSession
) -> None:
    _a, a_h = await _party(session)
    b, _ = await _party(session)
    _c, c_h = await _party(session)
    _admin, admin_h = await _party(session, Role.SUPER_ADMIN)
    rel = (await _ask(client, a_h, b)).json()["id"]
    for method, path in (
        ("GET", f"{U}/relationships/{rel}"),
        ("PATCH", f"{U}/relationships/{rel}"),
        ("DELETE", f"{U}/relationships/{rel}"),
        ("POST", f"{U}/relationships/{rel}/accept"),
        ("POST", f"{U}/relationships/{rel}/suspend"),
    ):
        response = await client.request(
            method, path, headers=c_h, json={} if method == "PATCH" else None
        )
        assert response.status_code == 404, (method, path, response.text)
    assert (await client.get(f"{U}/relationships/{rel}", headers=admin_h)).status_code == 200
    assert (await client.get(f"{U}/relationships", headers=c_h)).json()["items"] == []


async def test_self_and_inactive_users_are_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    me, headers = await _party(session)
    self_ = await _ask(client, headers, me, "PEER")
    assert self_.status_code == 422
    assert self_.json()["code"] == "SELF_REFERRAL"
    gone = await make_user(session, role=Role.MEMBER, status=UserStatus.SUSPENDED)
    refused = await _ask(client, headers, gone, "PEER")
    assert refused.status_code == 409
    assert refused.json()["code"] == "USER_NOT_ACTIVE"
    _guest, g_h = await _party(session, Role.GUEST)
    assert (await _ask(client, g_h, me, "PEER")).status_code == 403


async def test_a_social_request_cannot_carry_a_referral_type(
    client: AsyncClient, session: AsyncSession
) -> None:
    _a, a_h = await _party(session)
    b, _ = await _party(session)
    response = await client.post(
        f"{U}/relationships",
        json={"kind": "PEER", "user_id": str(b.id), "referral_type": "CORPORATE_UMBRELLA"},
        headers=a_h,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "VALIDATION_ERROR"
