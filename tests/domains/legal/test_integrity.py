"""Tampering is detected: a signature row, the document content, the audit chain."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.legal import audit
from brain.domains.legal.integrity import canonical_content, content_sha256
from brain.domains.legal.models import LegalAuditEntry
from brain.domains.users.schemas import Role
from tests.factories.legal import create_document, sign, sign_personal
from tests.factories.users import make_signed_in


def uid(value: str) -> sa.BindParameter[uuid.UUID]:
    return sa.bindparam("id", uuid.UUID(value), type_=sa.Uuid())


async def completed_document(
    client: AsyncClient, session: AsyncSession
) -> tuple[str, dict[str, str], uuid.UUID]:
    _, s_h = await make_signed_in(session, role=Role.MEMBER)
    a, a_h = await make_signed_in(session, role=Role.MEMBER)
    doc = await create_document(client, s_h, [(a.id, "SIGNER", 1)], send=True)
    assert (await sign(client, doc["id"], a_h)).status_code == 200
    return doc["id"], s_h, a.id


def test_canonical_content_ignores_line_endings_and_trailing_whitespace_only() -> None:
    assert canonical_content("a  \r\nb\t\r\n\r\n") == "a\nb\n"
    assert content_sha256("# T\r\nbody  \n") == content_sha256("# T\nbody\n\n\n")
    assert content_sha256("# T\nbody\n") != content_sha256("# T\nbody.\n")
    assert content_sha256("caf\u00e9") == content_sha256("cafe\u0301")  # NFC


async def test_verify_catches_an_edited_signature_row(
    client: AsyncClient, session: AsyncSession
) -> None:
    doc_id, s_h, signer = await completed_document(client, session)
    await (await session.connection()).execute(
        sa.text("UPDATE legal_signatures SET ip = '10.6.6.6' WHERE document_id = :id").bindparams(
            uid(doc_id)
        )
    )

    result = (await client.post(f"/api/legal/documents/{doc_id}/verify", headers=s_h)).json()

    assert result["valid"] is False
    assert result["document_hash_valid"] is True
    assert [(s["user_id"], s["hmac_valid"]) for s in result["signatures"]] == [(str(signer), False)]
    assert "HMAC" in result["failures"][0]


async def test_verify_catches_edited_document_content(
    client: AsyncClient, session: AsyncSession
) -> None:
    doc_id, s_h, _ = await completed_document(client, session)
    await (await session.connection()).execute(
        sa.text(
            "UPDATE legal_documents SET content = content || 'and one more clause' WHERE id = :id"
        ).bindparams(uid(doc_id))
    )

    result = (await client.post(f"/api/legal/documents/{doc_id}/verify", headers=s_h)).json()

    assert result["valid"] is False
    assert result["document_hash_valid"] is False
    assert result["computed_sha256"] != result["stored_sha256"]
    cert = (await client.get(f"/api/legal/documents/{doc_id}/certificate", headers=s_h)).json()
    assert cert["verification"]["valid"] is False


async def test_verify_catches_a_swapped_content_hash(
    client: AsyncClient, session: AsyncSession
) -> None:
    doc_id, s_h, _ = await completed_document(client, session)
    forged = content_sha256("something else")
    await (await session.connection()).execute(
        sa.text(
            "UPDATE legal_documents SET content = 'something else', content_sha256 = :h "
            "WHERE id = :id"
        ).bindparams(uid(doc_id), h=forged)
    )

    result = (await client.post(f"/api/legal/documents/{doc_id}/verify", headers=s_h)).json()

    assert result["valid"] is False
    assert result["document_hash_valid"] is True  # consistent with itself...
    assert result["signatures"][0]["document_hash_matches"] is False  # ...but not what was signed


async def test_the_audit_chain_verifies_and_an_edited_entry_is_found(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    _, user = await make_signed_in(session)
    await sign_personal(client, user, "PPA", "ESCA")
    ok = (await client.get("/api/legal/audit/verify", headers=admin)).json()
    assert ok["valid"] is True
    assert ok["broken_at"] is None
    assert ok["entries"] >= 8  # created, sent, signed, completed per agreement

    entries = (await client.get("/api/legal/audit?limit=200", headers=admin)).json()["items"]
    victim = next(e for e in entries if e["action"] == "signed")
    await (await session.connection()).execute(
        sa.text("UPDATE legal_audit_log SET action = 'viewed' WHERE seq = :s").bindparams(
            s=victim["seq"]
        )
    )
    # The first call checkpointed every entry, the victim included: only a full walk re-reads
    # it (tests/domains/legal/test_audit_checkpoint.py covers the incremental side).
    broken = (await client.get("/api/legal/audit/verify?full=true", headers=admin)).json()

    assert broken["valid"] is False
    assert broken["broken_at"] == victim["seq"]


async def test_a_rewritten_entry_with_a_recomputed_hash_breaks_the_next_link(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    _, user = await make_signed_in(session)
    await sign_personal(client, user, "PPA")
    first = (await client.get("/api/legal/audit?limit=200", headers=admin)).json()["items"][-1]
    head = int(await session.scalar(sa.text("SELECT max(seq) FROM legal_audit_log")) or 0)
    target = head - 2
    row = await session.get(LegalAuditEntry, target)
    assert row is not None
    row.data = {**row.data, "forged": "yes"}
    row.hash = audit.entry_hash(row)
    session.add(row)
    await session.flush()

    broken = (await client.get("/api/legal/audit/verify", headers=admin)).json()

    assert first["seq"] >= 1
    assert broken["broken_at"] == target + 1
    assert "prev_hash" in broken["reason"]


async def test_a_deleted_last_entry_is_found(client: AsyncClient, session: AsyncSession) -> None:
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    _, user = await make_signed_in(session)
    await sign_personal(client, user, "PPA")
    await (await session.connection()).execute(
        sa.text("DELETE FROM legal_audit_log WHERE seq = (SELECT max(seq) FROM legal_audit_log)")
    )

    broken = (await client.get("/api/legal/audit/verify", headers=admin)).json()

    assert broken["valid"] is False
    assert "removed" in broken["reason"]


async def test_appends_link_each_entry_to_the_previous_one(session: AsyncSession) -> None:
    one = await audit.append(session, "test_one", data={"n": 1})
    two = await audit.append(session, "test_two", data={"n": 2})

    assert two.seq == one.seq + 1
    assert two.prev_hash == one.hash
    assert one.hash == audit.entry_hash(one)
