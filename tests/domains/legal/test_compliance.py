"""Compliance: rules, validity, major versions, the role-grant gate and rule editing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.legal import service
from brain.domains.legal.errors import ComplianceRequired
from brain.domains.legal.integrity import content_sha256
from brain.domains.users.schemas import Role
from tests.factories.legal import sign_personal
from tests.factories.users import make_signed_in


async def check(
    client: AsyncClient, headers: dict[str, str], action: str, user_id: uuid.UUID | None = None
) -> dict[str, object]:
    body: dict[str, object] = {"action": action}
    if user_id is not None:
        body["user_id"] = str(user_id)
    response = await client.post("/api/legal/compliance/check", json=body, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


async def test_a_buz_transfer_is_refused_until_bts_and_bpp_are_signed(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    assert await check(client, headers, "buz.transfer") == {
        "action": "buz.transfer",
        "user_id": str(user.id),
        "allowed": False,
        "missing": ["BTS", "BPP"],
    }
    with pytest.raises(ComplianceRequired) as refused:
        await service.require_compliance(session, user_id=user.id, action="buz.transfer")
    assert refused.value.status == 403
    assert refused.value.code == "COMPLIANCE_REQUIRED"
    assert refused.value.extra["missing"] == ["BTS", "BPP"]

    await sign_personal(client, headers, "BTS")
    assert (await check(client, headers, "buz.transfer"))["missing"] == ["BPP"]
    await sign_personal(client, headers, "BPP")

    assert (await check(client, headers, "buz.transfer"))["allowed"] is True
    await service.require_compliance(session, user_id=user.id, action="buz.transfer")
    result = await service.check_compliance(session, user_id=user.id, action="buz.stake")
    assert (result.allowed, result.missing) == (True, [])


async def test_an_action_without_a_rule_requires_nothing(session: AsyncSession) -> None:
    user, _ = await make_signed_in(session)
    result = await service.check_compliance(session, user_id=user.id, action="nothing.here")
    assert (result.allowed, result.missing) == (True, [])


async def age_signatures(session: AsyncSession, user_id: uuid.UUID, *, days: int) -> None:
    await (await session.connection()).execute(
        sa.text("UPDATE legal_signatures SET signed_at = :t WHERE user_id = :u").bindparams(
            sa.bindparam("t", utcnow() - timedelta(days=days), type_=sa.DateTime(timezone=True)),
            sa.bindparam("u", user_id, type_=sa.Uuid()),
        )
    )


async def test_a_signature_older_than_five_years_no_longer_counts(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    await sign_personal(client, headers, "BTS", "BPP")

    await age_signatures(session, user.id, days=5 * 365 - 10)
    assert (await check(client, headers, "buz.transfer"))["allowed"] is True
    await age_signatures(session, user.id, days=5 * 366 + 1)

    assert (await check(client, headers, "buz.transfer"))["missing"] == ["BTS", "BPP"]
    report = (await client.get(f"/api/legal/compliance/{user.id}", headers=headers)).json()
    states = {t["template_type"]: t["state"] for t in report["templates"]}
    assert states["BTS"] == states["BPP"] == "expired"
    assert "buz.transfer" in report["actions_locked"]
    # Signing again is allowed once the old signature has expired.
    await sign_personal(client, headers, "BTS", "BPP")
    assert (await check(client, headers, "buz.transfer"))["allowed"] is True


async def test_a_new_major_version_requires_signing_again(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    await sign_personal(client, headers, "BTS", "BPP")

    minor = await client.post(
        "/api/legal/templates/BTS/versions",
        json={"version": "1.1.0", "content": "# BTS\n\nClarified wording.\n"},
        headers=admin,
    )
    assert minor.status_code == 201, minor.text
    assert (await check(client, headers, "buz.transfer"))["allowed"] is True

    major = await client.post(
        "/api/legal/templates/BTS/versions",
        json={"version": "2.0.0", "content": "# BTS\n\nNew fees.\n", "change_summary": "Fees"},
        headers=admin,
    )
    assert major.status_code == 201
    assert major.json()["sha256"] == content_sha256("# BTS\n\nNew fees.\n")

    assert (await check(client, headers, "buz.transfer"))["missing"] == ["BTS"]
    report = (await client.get(f"/api/legal/compliance/{user.id}", headers=admin)).json()
    bts = next(t for t in report["templates"] if t["template_type"] == "BTS")
    assert (bts["state"], bts["signed_version"], bts["current_version"]) == (
        "outdated",
        "1.0.0",
        "2.0.0",
    )
    signed = await client.post(
        "/api/legal/templates/BTS/sign",
        json={"consent_given": True, "terms_accepted": True, "method": "click"},
        headers=headers,
    )
    assert signed.json()["document"]["template_version"] == "2.0.0"
    assert (await check(client, headers, "buz.transfer"))["allowed"] is True


async def test_publishing_a_version_is_checked(client: AsyncClient, session: AsyncSession) -> None:
    _, member = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    body = {"version": "2.0.0", "content": "x"}
    assert (
        await client.post("/api/legal/templates/PPA/versions", json=body, headers=member)
    ).status_code == 403
    for bad in (
        {"version": "1.0.0", "content": "x"},
        {"version": "0.9.0", "content": "x"},
        {"version": "v2", "content": "x"},
        {"version": "2.0.0", "content": ""},
        {"version": "2.0.0", "content": "x", "effective_at": "2020-01-01T00:00:00Z"},
    ):
        response = await client.post("/api/legal/templates/PPA/versions", json=bad, headers=admin)
        assert response.status_code == 422, (bad, response.text)
    missing = await client.post("/api/legal/templates/NOPE/versions", json=body, headers=admin)
    assert missing.status_code == 404
    detail = (await client.get("/api/legal/templates/PPA", headers=member)).json()
    assert [v["version"] for v in detail["versions"]] == ["1.0.0"]


async def test_a_future_version_takes_effect_only_at_its_date(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    later = (utcnow() + timedelta(days=30)).isoformat()
    response = await client.post(
        "/api/legal/templates/PNA/versions",
        json={"version": "2.0.0", "content": "# PNA v2\n", "effective_at": later},
        headers=admin,
    )
    assert response.status_code == 201
    templates = (await client.get("/api/legal/templates", headers=admin)).json()["items"]
    pna = next(t for t in templates if t["type"] == "PNA")
    assert pna["current_version"]["version"] == "1.0.0"


async def test_role_grants_six_to_eight_need_their_documents(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    _, root = await make_signed_in(session, role=Role.SUPER_ADMIN)

    refused = await client.put(
        f"/api/auth/users/{user.id}/role", json={"role": "CONFIDENTIAL_ACCESS"}, headers=root
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "COMPLIANCE_REQUIRED"
    assert refused.json()["missing"] == ["ST1A", "PPNA"]
    assert (await client.get("/api/auth/me", headers=headers)).json()["role"] == "MEMBER"
    # Roles without a rule are unaffected.
    assert (
        await client.put(
            f"/api/auth/users/{user.id}/role", json={"role": "SUBSCRIBER"}, headers=root
        )
    ).status_code == 200

    await sign_personal(client, headers, "ST1A", "PPNA")
    granted = await client.put(
        f"/api/auth/users/{user.id}/role", json={"role": "CONFIDENTIAL_ACCESS"}, headers=root
    )
    assert granted.status_code == 200
    higher = await client.put(
        f"/api/auth/users/{user.id}/role", json={"role": "HIGHLY_RESTRICTED_ACCESS"}, headers=root
    )
    assert higher.json()["missing"] == ["ST3A", "CJIA", "ESA", "SCV"]


async def test_a_legal_admin_edits_the_rules(client: AsyncClient, session: AsyncSession) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    rules = (await client.get("/api/legal/compliance/rules", headers=headers)).json()["items"]
    edited = [
        {
            "action": r["action"],
            "required_types": r["required_types"],
            "description": r["description"],
        }
        for r in rules
        if r["action"] != "buz.stake"
    ]
    edited = [
        {**r, "required_types": ["BTS"]} if r["action"] == "buz.transfer" else r for r in edited
    ]
    edited.append({"action": "files.share", "required_types": ["STA"], "description": "Share"})

    assert (
        await client.put("/api/legal/compliance/rules", json={"rules": edited}, headers=headers)
    ).status_code == 403
    bad = await client.put(
        "/api/legal/compliance/rules",
        json={"rules": [{"action": "x.y", "required_types": ["NOPE"]}]},
        headers=admin,
    )
    assert bad.status_code == 422
    assert (
        len((await client.get("/api/legal/compliance/rules", headers=admin)).json()["items"]) == 9
    )
    response = await client.put(
        "/api/legal/compliance/rules", json={"rules": edited}, headers=admin
    )
    assert response.status_code == 200, response.text

    assert (await check(client, headers, "buz.transfer"))["missing"] == ["BTS"]
    assert (await check(client, headers, "buz.stake"))["allowed"] is True
    assert (await check(client, headers, "files.share"))["missing"] == ["STA"]
    trail = (await client.get("/api/legal/audit", headers=admin)).json()["items"]
    changed = {e["data"]["action"] for e in trail if e["action"] == "rule_changed"}
    assert changed == {"buz.transfer", "buz.stake", "files.share"}
    assert user.id


async def test_compliance_of_another_user_is_for_admins_only(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, _ = await make_signed_in(session, role=Role.MEMBER)
    _, other = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)

    assert (await client.get(f"/api/legal/compliance/{user.id}", headers=other)).status_code == 403
    # The same answer for a user that does not exist: nothing to learn from it.
    nobody = await client.get(f"/api/legal/compliance/{uuid.uuid4()}", headers=other)
    assert nobody.status_code == 403
    snoop = await client.post(
        "/api/legal/compliance/check",
        json={"action": "buz.transfer", "user_id": str(user.id)},
        headers=other,
    )
    assert snoop.status_code == 403
    assert (await check(client, admin, "buz.transfer", user.id))["allowed"] is False
    report = await client.get(f"/api/legal/compliance/{user.id}", headers=admin)
    assert report.status_code == 200
    assert report.json()["actions_unlocked"] == []
    assert (
        await client.get(f"/api/legal/compliance/{uuid.uuid4()}", headers=admin)
    ).status_code == 404
    assert (
        await client.post("/api/legal/compliance/check", json={"action": "Bad"}, headers=admin)
    ).status_code == 422
