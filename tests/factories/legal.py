"""Factories for the legal domain: sign bodies, personal agreements signed and documents
created (and sent) through the API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from httpx import AsyncClient, Response


def consent(method: str = "click", **extra: Any) -> dict[str, Any]:
    """A valid sign body: both consent flags explicitly true."""
    body: dict[str, Any] = {"consent_given": True, "terms_accepted": True, "method": method}
    if method == "typed":
        body["legal_name"] = "Ada Lovelace"
    body.update(extra)
    return body


async def sign_personal(client: AsyncClient, headers: dict[str, str], *types: str) -> None:
    for template_type in types:
        response = await client.post(
            f"/api/legal/templates/{template_type}/sign", json=consent(), headers=headers
        )
        assert response.status_code == 201, response.text


async def create_document(
    client: AsyncClient,
    headers: dict[str, str],
    signers: list[tuple[uuid.UUID, str, int]],
    *,
    template_type: str = "OTHER",
    signing_order: str = "sequential",
    variables: dict[str, str] | None = None,
    deadline: datetime | None = None,
    send: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "template_type": template_type,
        "title": "Shared workspace agreement",
        "subject_type": "other",
        "subject_id": "workspace-1",
        "signers": [{"user_id": str(u), "role": r, "order": o} for u, r, o in signers],
        "signing_order": signing_order,
        "variables": variables if variables is not None else {"body": "We share a workspace."},
    }
    if deadline is not None:
        body["deadline"] = deadline.isoformat()
    created = await client.post("/api/legal/documents", json=body, headers=headers)
    assert created.status_code == 201, created.text
    document: dict[str, Any] = created.json()
    if send:
        sent = await client.post(f"/api/legal/documents/{document['id']}/send", headers=headers)
        assert sent.status_code == 200, sent.text
        document = sent.json()
    return document


async def sign(
    client: AsyncClient, document_id: str, headers: dict[str, str], **body: Any
) -> Response:
    return await client.post(
        f"/api/legal/documents/{document_id}/sign", json=consent(**body), headers=headers
    )
