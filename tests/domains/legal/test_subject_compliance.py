"""Compliance scoped to a subject: a rule's scoped types count only when signed for the
subject the action is about (the PPNA of `ventures.join`, signed for one venture)."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.errors import Conflict
from brain.core.openapi import build_openapi
from brain.domains.legal import compliance, service
from brain.domains.users.schemas import Role
from tests.factories.legal import consent, sign_personal
from tests.factories.users import make_signed_in

JOIN = "ventures.join"


async def _sign_for(
    client: AsyncClient, headers: dict[str, str], template_type: str, subject_id: str
) -> dict[str, object]:
    response = await client.post(
        f"/api/legal/templates/{template_type}/sign",
        json=consent(subject_type="other", subject_id=subject_id),
        headers=headers,
    )
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


async def test_a_scoped_type_counts_only_for_the_subject_it_was_signed_for(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    await sign_personal(client, headers, "PCA", "IAA")
    signed = await _sign_for(client, headers, "PPNA", "project-a")
    document = signed["document"]
    assert isinstance(document, dict)
    assert (document["subject_type"], document["subject_id"]) == ("other", "project-a")

    for_a = await service.check_compliance(
        session, user_id=user.id, action=JOIN, subject=("other", "project-a")
    )
    for_b = await service.check_compliance(
        session, user_id=user.id, action=JOIN, subject=("other", "project-b")
    )
    assert (for_a.allowed, for_a.missing) == (True, [])
    assert (for_b.allowed, for_b.missing) == (False, ["PPNA"])
    # Without a subject, a scoped type counts when signed for any.
    anywhere = await service.check_compliance(session, user_id=user.id, action=JOIN)
    assert anywhere.allowed is True


async def test_an_unscoped_signature_does_not_count_for_a_subject(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    await sign_personal(client, headers, "PCA", "IAA", "PPNA")
    result = await service.check_compliance(
        session, user_id=user.id, action=JOIN, subject=("other", "project-a")
    )
    assert result.missing == ["PPNA"]


async def test_the_same_agreement_is_signed_once_per_subject(
    client: AsyncClient, session: AsyncSession
) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    await _sign_for(client, headers, "PPNA", "project-a")
    await _sign_for(client, headers, "PPNA", "project-b")
    again = await client.post(
        "/api/legal/templates/PPNA/sign",
        json=consent(subject_type="other", subject_id="project-a"),
        headers=headers,
    )
    assert again.status_code == 409
    assert again.json()["code"] == "ALREADY_SIGNED"


async def test_a_subject_needs_both_parts_and_is_never_user(
    client: AsyncClient, session: AsyncSession
) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    for extra in (
        {"subject_type": "venture"},
        {"subject_id": "x"},
        {"subject_type": "user", "subject_id": "x"},
    ):
        response = await client.post(
            "/api/legal/templates/PPNA/sign", json=consent(**extra), headers=headers
        )
        assert response.status_code == 422, extra


async def test_editing_rules_without_scoped_types_keeps_the_scope(
    client: AsyncClient, session: AsyncSession
) -> None:
    _admin, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    rules = (await client.get("/api/legal/compliance/rules", headers=admin)).json()["items"]
    assert next(r for r in rules if r["action"] == JOIN)["scoped_types"] == ["PPNA"]
    plain = [{k: r[k] for k in ("action", "required_types", "description")} for r in rules]
    assert (
        await client.put("/api/legal/compliance/rules", json={"rules": plain}, headers=admin)
    ).status_code == 200
    kept = (await client.get("/api/legal/compliance/rules", headers=admin)).json()["items"]
    assert next(r for r in kept if r["action"] == JOIN)["scoped_types"] == ["PPNA"]

    cleared = [{**r, "scoped_types": []} if r["action"] == JOIN else r for r in plain]
    assert (
        await client.put("/api/legal/compliance/rules", json={"rules": cleared}, headers=admin)
    ).status_code == 200
    after = (await client.get("/api/legal/compliance/rules", headers=admin)).json()["items"]
    assert next(r for r in after if r["action"] == JOIN)["scoped_types"] == []

    bad = [{**r, "scoped_types": ["BTS"]} if r["action"] == JOIN else r for r in plain]
    refused = await client.put("/api/legal/compliance/rules", json={"rules": bad}, headers=admin)
    assert refused.status_code == 422


class _SubjectRefused(Conflict):
    code = "TEST_SUBJECT_REFUSED"
    title = "Refused by a test's subject check"


def test_the_sign_route_lists_the_errors_a_subject_check_names(
    app: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Legal cannot import the errors of the domains that own subjects; a check names them
    when it registers, and the route that runs the checks lists them."""
    assert isinstance(app, FastAPI)
    # This test's check and error only: the registry is restored after it.
    monkeypatch.setattr(compliance, "_subject_checks", {})
    monkeypatch.setattr(compliance, "_subject_errors", [])
    monkeypatch.setattr(compliance.subject_checks, "__brain_problems__", (), raising=False)

    async def refuse(session: AsyncSession, *, subject_id: str, user_id: uuid.UUID) -> None:
        raise _SubjectRefused()

    service.register_subject_check("other", refuse, errors=[_SubjectRefused])
    service.register_subject_check("other", refuse, errors=[_SubjectRefused])  # idempotent
    sign = build_openapi(app)["paths"]["/api/legal/templates/{template_type}/sign"]["post"]
    assert sign["responses"]["409"]["x-error-codes"].count("TEST_SUBJECT_REFUSED") == 1
