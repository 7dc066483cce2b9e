"""Documents from draft to completed (or declined, voided, expired), through HTTP."""

from __future__ import annotations

import uuid
from datetime import timedelta

import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.legal.integrity import content_sha256
from brain.domains.notifications.models import Notification
from brain.domains.state_machines import jobs as machine_jobs
from brain.domains.users.schemas import Role
from tests.factories.legal import consent, create_document, sign
from tests.factories.users import make_signed_in


async def people(session: AsyncSession, n: int) -> list[tuple[uuid.UUID, dict[str, str]]]:
    result = []
    for _ in range(n):
        user, headers = await make_signed_in(session, role=Role.MEMBER)
        result.append((user.id, headers))
    return result


async def states(client: AsyncClient, doc_id: str, headers: dict[str, str]) -> str:
    response = await client.get(f"/api/legal/documents/{doc_id}/status", headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["status"])


async def assert_certified(
    client: AsyncClient,
    doc_id: str,
    frozen_hash: str,
    *,
    sender: dict[str, str],
    signer: dict[str, str],
) -> None:
    """The completed three-signer document's certificate carries every signature's evidence
    over the frozen content, and the document verifies."""
    cert = await client.get(f"/api/legal/documents/{doc_id}/certificate", headers=sender)
    assert cert.status_code == 200
    body = cert.json()
    assert body["document_sha256"] == frozen_hash
    assert body["verification"]["valid"] is True
    assert [s["evidence"]["document_sha256"] for s in body["signers"]] == [frozen_hash] * 3
    assert body["signers"][1]["evidence"]["method"] == "typed"
    assert body["signers"][1]["evidence"]["legal_name"] == "Ada Lovelace"
    assert all(s["evidence"]["consent_given"] for s in body["signers"])
    actions = [e["action"] for e in body["audit_trail"]]
    assert actions[:2] == ["created", "sent"]
    assert actions.count("signed") == 3
    assert actions[-1] == "completed"
    verify = await client.post(f"/api/legal/documents/{doc_id}/verify", headers=signer)
    assert verify.json()["valid"] is True
    assert all(s["hmac_valid"] for s in verify.json()["signatures"])


async def notified(session: AsyncSession, type_: str, doc_id: str) -> list[uuid.UUID]:
    """The users who got a notification of `type_` about the document (one each at most)."""
    rows = await session.exec(
        select(Notification.user_id)
        .where(Notification.type == type_)
        .where(Notification.source_key == str(doc_id))
    )
    return list(rows.all())


async def test_three_signers_in_sequence_take_the_document_to_completed(
    client: AsyncClient, session: AsyncSession
) -> None:
    (sender, s_headers), (a, a_h), (b, b_h), (c, c_h) = await people(session, 4)
    doc = await create_document(
        client, s_headers, [(a, "SIGNER", 1), (b, "APPROVER", 2), (c, "SIGNER", 3)]
    )
    assert doc["status"] == "DRAFT"
    assert doc["content_sha256"] is None
    doc_id = doc["id"]

    sent = await client.post(f"/api/legal/documents/{doc_id}/send", headers=s_headers)
    assert sent.status_code == 200
    assert sent.json()["status"] == "PENDING"
    frozen_hash = sent.json()["content_sha256"]
    assert frozen_hash == content_sha256(sent.json()["content"])
    assert "We share a workspace." in sent.json()["content"]

    # Only the first signer is asked (and notified) until it is their turn.
    asked = await notified(session, "legal.signature_requested", doc_id)
    assert a in asked
    assert b not in asked

    out_of_turn = await sign(client, doc_id, c_h)
    assert out_of_turn.status_code == 409
    assert out_of_turn.json()["code"] == "NOT_YOUR_TURN"

    first = await sign(client, doc_id, a_h)
    assert first.status_code == 200, first.text
    assert first.json()["document"]["status"] == "PARTIALLY_SIGNED"
    assert first.json()["signature"]["document_sha256"] == frozen_hash
    assert b in await notified(session, "legal.signature_requested", doc_id)

    assert (await sign(client, doc_id, c_h)).status_code == 409
    assert (await sign(client, doc_id, b_h, method="typed")).status_code == 200
    assert await states(client, doc_id, s_headers) == "PARTIALLY_SIGNED"
    again = await sign(client, doc_id, a_h)
    assert again.status_code == 409
    last = await sign(client, doc_id, c_h)
    assert last.status_code == 200
    assert last.json()["document"]["status"] == "COMPLETED"

    status = (await client.get(f"/api/legal/documents/{doc_id}/status", headers=c_h)).json()
    assert status["signed"] == [str(a), str(b), str(c)]
    assert status["pending"] == []

    await assert_certified(client, doc_id, frozen_hash, sender=s_headers, signer=a_h)

    # Everyone gets the completed notice, once.
    completed = await notified(session, "legal.document_completed", doc_id)
    assert sorted(completed) == sorted([sender, a, b, c])

    # The state machine ran the lifecycle.
    history = (
        await (await session.connection()).execute(
            sa.text(
                "SELECT h.from_state, h.to_state FROM state_machine_history h "
                "JOIN state_machine_instances i ON i.id = h.instance_pk "
                "WHERE i.instance_id = :id ORDER BY h.seq"
            ).bindparams(id=doc_id)
        )
    ).all()
    assert [tuple(r) for r in history] == [
        ("DRAFT", "PENDING"),
        ("PENDING", "PARTIALLY_SIGNED"),
        ("PARTIALLY_SIGNED", "PARTIALLY_SIGNED"),
        ("PARTIALLY_SIGNED", "COMPLETED"),
    ]


async def test_parallel_signers_sign_in_any_order(
    client: AsyncClient, session: AsyncSession
) -> None:
    (_, s_h), (a, a_h), (b, b_h) = await people(session, 3)
    doc = await create_document(
        client, s_h, [(a, "SIGNER", 1), (b, "SIGNER", 2)], signing_order="parallel", send=True
    )
    assert (await sign(client, doc["id"], b_h)).status_code == 200
    done = await sign(client, doc["id"], a_h)
    assert done.json()["document"]["status"] == "COMPLETED"


async def test_viewers_and_cc_read_but_do_not_sign_and_do_not_block_completion(
    client: AsyncClient, session: AsyncSession
) -> None:
    (_, s_h), (a, a_h), (v, v_h), (cc, _cc_h) = await people(session, 4)
    doc = await create_document(
        client, s_h, [(a, "SIGNER", 1), (v, "VIEWER", 1), (cc, "CC", 2)], send=True
    )
    assert (await client.get(f"/api/legal/documents/{doc['id']}", headers=v_h)).status_code == 200
    refused = await sign(client, doc["id"], v_h)
    assert refused.status_code == 403
    assert refused.json()["code"] == "NOT_A_SIGNER"
    refused = await client.post(
        f"/api/legal/documents/{doc['id']}/decline", json={"reason": "no"}, headers=v_h
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "NOT_A_SIGNER")
    assert (await sign(client, doc["id"], a_h)).json()["document"]["status"] == "COMPLETED"


async def test_a_signer_declines_with_a_reason(client: AsyncClient, session: AsyncSession) -> None:
    (_, s_h), (a, a_h), (b, b_h) = await people(session, 3)
    doc = await create_document(client, s_h, [(a, "SIGNER", 1), (b, "SIGNER", 2)], send=True)

    no_reason = await client.post(
        f"/api/legal/documents/{doc['id']}/decline", json={"reason": "  "}, headers=a_h
    )
    assert no_reason.status_code == 422
    declined = await client.post(
        f"/api/legal/documents/{doc['id']}/decline", json={"reason": "Wrong party"}, headers=a_h
    )

    assert declined.status_code == 200
    assert declined.json()["status"] == "DECLINED"
    assert declined.json()["end_reason"] == "Wrong party"
    assert declined.json()["signers"][0]["decline_reason"] == "Wrong party"
    assert (await sign(client, doc["id"], b_h)).status_code == 409
    cert = await client.get(f"/api/legal/documents/{doc['id']}/certificate", headers=s_h)
    assert cert.status_code == 409


async def test_the_sender_voids_a_document_and_nobody_can_sign_it(
    client: AsyncClient, session: AsyncSession
) -> None:
    (_, s_h), (a, a_h) = await people(session, 2)
    doc = await create_document(client, s_h, [(a, "SIGNER", 1)], send=True)

    by_signer = await client.post(f"/api/legal/documents/{doc['id']}/void", json={}, headers=a_h)
    assert by_signer.status_code == 403
    voided = await client.post(
        f"/api/legal/documents/{doc['id']}/void", json={"reason": "superseded"}, headers=s_h
    )

    assert voided.status_code == 200
    assert voided.json()["status"] == "VOIDED"
    assert (await sign(client, doc["id"], a_h)).status_code == 409
    again = await client.post(f"/api/legal/documents/{doc['id']}/void", json={}, headers=s_h)
    assert again.status_code == 409


async def test_a_document_past_its_deadline_expires_through_the_timer(
    client: AsyncClient, session: AsyncSession
) -> None:
    (_, s_h), (a, a_h) = await people(session, 2)
    doc = await create_document(
        client, s_h, [(a, "SIGNER", 1)], deadline=utcnow() + timedelta(hours=1), send=True
    )
    # Move time: the deadline (and its timer) is now in the past.
    past = utcnow() - timedelta(minutes=1)
    await (await session.connection()).execute(
        sa.text("UPDATE legal_documents SET deadline = :t WHERE id = :id").bindparams(
            sa.bindparam("t", past, type_=sa.DateTime(timezone=True)),
            sa.bindparam("id", uuid.UUID(doc["id"]), type_=sa.Uuid()),
        )
    )
    await (await session.connection()).execute(
        sa.text(
            "UPDATE state_machine_timers SET fire_at = :t WHERE instance_pk = "
            "(SELECT id FROM state_machine_instances WHERE instance_id = :id)"
        ).bindparams(sa.bindparam("t", past, type_=sa.DateTime(timezone=True)), id=doc["id"])
    )
    late = await sign(client, doc["id"], a_h)
    assert late.status_code == 409

    fired = await machine_jobs.fire_due_timers()

    assert fired == 1
    assert await states(client, doc["id"], s_h) == "EXPIRED"
    trail = (await client.get(f"/api/legal/audit?document_id={doc['id']}", headers=s_h)).json()
    assert trail["items"][0]["action"] == "expired"
    assert (await sign(client, doc["id"], a_h)).status_code == 409


async def test_a_draft_can_be_edited_and_deleted_but_a_sent_document_cannot(
    client: AsyncClient, session: AsyncSession
) -> None:
    (_, s_h), (a, _a_h), (b, _b_h) = await people(session, 3)
    doc = await create_document(client, s_h, [(a, "SIGNER", 1)])
    edited = await client.put(
        f"/api/legal/documents/{doc['id']}",
        json={
            "title": "Renamed",
            "signers": [{"user_id": str(b), "role": "SIGNER", "order": 1}],
            "variables": {"body": "New terms."},
        },
        headers=s_h,
    )
    assert edited.status_code == 200
    assert edited.json()["title"] == "Renamed"
    assert [s["user_id"] for s in edited.json()["signers"]] == [str(b)]
    assert "New terms." in edited.json()["content"]

    deleted = await client.delete(f"/api/legal/documents/{doc['id']}", headers=s_h)
    assert deleted.status_code == 204
    assert (await client.get(f"/api/legal/documents/{doc['id']}", headers=s_h)).status_code == 404

    sent = await create_document(client, s_h, [(a, "SIGNER", 1)], send=True)
    put = await client.put(f"/api/legal/documents/{sent['id']}", json={"title": "x"}, headers=s_h)
    assert put.status_code == 409
    assert (
        await client.delete(f"/api/legal/documents/{sent['id']}", headers=s_h)
    ).status_code == 409
    # The content is frozen: it is what was sent.
    read = await client.get(f"/api/legal/documents/{sent['id']}", headers=s_h)
    assert read.json()["content_sha256"] == sent["content_sha256"]


async def test_bad_input_is_a_problem_and_creates_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    (_, s_h), (a, _a_h) = await people(session, 2)
    signer_list = [{"user_id": str(a), "role": "SIGNER", "order": 1}]
    base: dict[str, object] = {
        "template_type": "OTHER",
        "title": "T",
        "subject_type": "other",
        "subject_id": "x",
        "signers": signer_list,
        "variables": {"body": "b"},
    }
    bad = [
        {**base, "template_type": "NOPE"},
        {**base, "signers": []},
        {**base, "signers": [{"user_id": str(a), "role": "VIEWER"}]},
        {**base, "signers": [{"user_id": str(uuid.uuid4()), "role": "SIGNER"}]},
        {**base, "signers": [*signer_list, *signer_list]},
        {**base, "variables": {"unknown": "x"}},
        {**base, "deadline": (utcnow() - timedelta(days=1)).isoformat()},
        {**base, "title": "two\nlines"},
        {**base, "extra": 1},
    ]
    for body in bad:
        response = await client.post("/api/legal/documents", json=body, headers=s_h)
        assert response.status_code in (404, 422), (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get("/api/legal/documents", headers=s_h)).json()["items"] == []

    # A missing variable is caught when sending, and the document stays a draft.
    doc = await create_document(client, s_h, [(a, "SIGNER", 1)], variables={})
    refused = await client.post(f"/api/legal/documents/{doc['id']}/send", headers=s_h)
    assert refused.status_code == 422
    assert await states(client, doc["id"], s_h) == "DRAFT"


async def test_consent_flags_false_or_missing_are_refused_and_record_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    (_, s_h), (a, a_h) = await people(session, 2)
    doc = await create_document(client, s_h, [(a, "SIGNER", 1)], send=True)
    bodies = [
        {"terms_accepted": True, "method": "click"},
        {"consent_given": True, "method": "click"},
        {"consent_given": False, "terms_accepted": True, "method": "click"},
        {"consent_given": True, "terms_accepted": False, "method": "click"},
        {"consent_given": "true", "terms_accepted": True, "method": "click"},
        {"consent_given": 1, "terms_accepted": True, "method": "click"},
        {"consent_given": True, "terms_accepted": True, "method": "typed"},
        {"consent_given": True, "terms_accepted": True, "method": "drawn"},
    ]
    for body in bodies:
        response = await client.post(
            f"/api/legal/documents/{doc['id']}/sign", json=body, headers=a_h
        )
        assert response.status_code == 422, (body, response.text)
        personal = await client.post("/api/legal/templates/PPA/sign", json=body, headers=a_h)
        assert personal.status_code == 422
    count = await session.scalar(
        sa.text("SELECT count(*) FROM legal_signatures WHERE user_id = :u").bindparams(
            sa.bindparam("u", a, type_=sa.Uuid())
        )
    )
    assert count == 0
    assert await states(client, doc["id"], s_h) == "PENDING"
    assert (await sign(client, doc["id"], a_h)).status_code == 200
    assert consent()["consent_given"] is True


async def test_variables_with_a_bad_name_are_refused_and_the_schema_says_so(
    app: object, client: AsyncClient, session: AsyncSession
) -> None:
    # Found by the API fuzzer: the schema left `variables` open to any key and value.
    (_, sender), (signer_id, _) = await people(session, 2)
    body = {
        "template_type": "OTHER",
        "title": "Shared workspace agreement",
        "subject_type": "other",
        "subject_id": "workspace-1",
        "signers": [{"user_id": str(signer_id)}],
        "variables": {"": {}},
    }
    refused = await client.post("/api/legal/documents", json=body, headers=sender)
    assert refused.status_code == 422
    schemas = app.openapi()["components"]["schemas"]  # type: ignore[attr-defined]
    assert schemas["DocumentCreate"]["properties"]["variables"]["additionalProperties"] is False
