"""Nobody reads or acts on a document they are not a party to: 404, as if it did not exist."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.schemas import Role
from tests.factories.legal import consent, create_document, sign
from tests.factories.users import make_signed_in

ROUTES = [
    ("GET", "", None),
    ("PUT", "", {"title": "mine now"}),
    ("DELETE", "", None),
    ("POST", "/send", None),
    ("POST", "/sign", consent()),
    ("POST", "/decline", {"reason": "no"}),
    ("POST", "/void", {}),
    ("GET", "/status", None),
    ("POST", "/verify", None),
    ("GET", "/certificate", None),
]


@pytest.mark.parametrize(
    ("method", "suffix", "body"), ROUTES, ids=[f"{m} {s or '/'}" for m, s, _ in ROUTES]
)
async def test_every_document_route_is_404_to_a_stranger(
    client: AsyncClient, session: AsyncSession, method: str, suffix: str, body: object
) -> None:
    _, sender = await make_signed_in(session, role=Role.MEMBER)
    signer, signer_h = await make_signed_in(session, role=Role.MEMBER)
    _, stranger = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    doc = await create_document(client, sender, [(signer.id, "SIGNER", 1)], send=suffix != "/send")
    if suffix == "/certificate":
        assert (await sign(client, doc["id"], signer_h)).status_code == 200
    url = f"/api/legal/documents/{doc['id']}{suffix}"
    doc = (await client.get(f"/api/legal/documents/{doc['id']}", headers=sender)).json()

    response = await client.request(method, url, json=body, headers=stranger)
    assert response.status_code == 404, response.text
    assert response.json()["code"] == "DOCUMENT_NOT_FOUND"
    assert (await client.request(method, url, json=body)).status_code == 401

    before = (await client.get(f"/api/legal/documents/{doc['id']}", headers=sender)).json()
    assert before["status"] == doc["status"]
    assert before["title"] == doc["title"]
    if method == "GET" or suffix == "/verify":
        assert (await client.request(method, url, headers=admin)).status_code == 200


async def test_lists_show_only_my_documents(client: AsyncClient, session: AsyncSession) -> None:
    _, sender = await make_signed_in(session, role=Role.MEMBER)
    signer, signer_h = await make_signed_in(session, role=Role.MEMBER)
    _, stranger = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    docs = [await create_document(client, sender, [(signer.id, "SIGNER", 1)]) for _ in range(3)]
    ids = [d["id"] for d in reversed(docs)]

    assert (await client.get("/api/legal/documents", headers=stranger)).json()["items"] == []
    page = (await client.get("/api/legal/documents?limit=2", headers=signer_h)).json()
    assert [d["id"] for d in page["items"]] == ids[:2]
    rest = (
        await client.get(
            f"/api/legal/documents?limit=2&cursor={page['next_cursor']}", headers=signer_h
        )
    ).json()
    assert [d["id"] for d in rest["items"]] == ids[2:]
    assert rest["next_cursor"] is None
    everything = (await client.get("/api/legal/documents?limit=200", headers=admin)).json()
    assert set(ids) <= {d["id"] for d in everything["items"]}
    drafts = (await client.get("/api/legal/documents?status=COMPLETED", headers=sender)).json()
    assert drafts["items"] == []
    assert (await client.get("/api/legal/audit", headers=stranger)).json()["items"] == []


async def test_permissions(client: AsyncClient, session: AsyncSession) -> None:
    guest, guest_h = await make_signed_in(session, role=Role.GUEST)
    _, member = await make_signed_in(session, role=Role.MEMBER)
    assert (await client.get("/api/legal/templates")).status_code == 401
    assert (await client.get("/api/legal/templates", headers=guest_h)).status_code == 200
    # Guests sign their own agreements but do not send documents.
    refused = await client.post(
        "/api/legal/documents",
        json={
            "template_type": "OTHER",
            "title": "t",
            "subject_type": "other",
            "subject_id": "x",
            "signers": [{"user_id": str(guest.id)}],
            "variables": {"body": "b"},
        },
        headers=guest_h,
    )
    assert refused.status_code == 403
    assert (await client.get("/api/legal/audit/verify", headers=member)).status_code == 403
    assert (
        await client.put("/api/legal/compliance/rules", json={"rules": []}, headers=member)
    ).status_code == 403
    assert (await client.get("/api/legal/templates/NOPE", headers=member)).status_code == 404
