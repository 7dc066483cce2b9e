"""The migration that adds `hmac_key_id` labels every existing signature with the id of the key
that made it: the fingerprint of the secret key, so rows signed before keyrings still verify."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from brain.core.config import get_settings
from brain.domains.legal.integrity import evidence_hmac, evidence_key
from brain.domains.legal.keys import fingerprint, keyring
from tests.migrations.test_migrations import config_for, fresh_database_url

__all__ = ["fresh_database_url"]  # the fixture, imported for this module's tests

BEFORE = "b7c1f0a2d935"  # buz_fee_shards: the last revision without key ids


def table(name: str, *columns: str, **typed: sa.types.TypeEngine[Any]) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, typed.get(c)) for c in columns))


async def insert_signature(conn: AsyncConnection) -> None:
    """A signature as the code before keyrings stored it, with the rows it refers to."""
    now = datetime.now(UTC)
    user, document, signer = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    ts = sa.DateTime(timezone=True)
    version = uuid.UUID(
        str(
            await conn.scalar(
                sa.text("SELECT id FROM legal_template_versions WHERE template_type = 'PPA'")
            )
        )
    )
    await conn.execute(
        table(
            "users",
            "id",
            "email",
            "display_name",
            "role",
            "status",
            "created_at",
            "updated_at",
            id=sa.Uuid(),
            created_at=ts,
            updated_at=ts,
        ).insert(),
        [
            {
                "id": user,
                "email": "m@example.com",
                "display_name": "M",
                "role": "GUEST",
                "status": "ACTIVE",
                "created_at": now,
                "updated_at": now,
            }
        ],
    )
    await conn.execute(
        table(
            "legal_documents",
            "id",
            "template_version_id",
            "template_type",
            "template_major",
            "title",
            "subject_type",
            "subject_id",
            "sender_id",
            "signing_order",
            "personal",
            "status",
            "variables",
            "created_at",
            "updated_at",
            id=sa.Uuid(),
            template_version_id=sa.Uuid(),
            sender_id=sa.Uuid(),
            variables=sa.JSON(),
            created_at=ts,
            updated_at=ts,
        ).insert(),
        [
            {
                "id": document,
                "template_version_id": version,
                "template_type": "PPA",
                "template_major": 1,
                "title": "PPA",
                "subject_type": "user",
                "subject_id": str(user),
                "sender_id": user,
                "signing_order": "parallel",
                "personal": True,
                "status": "COMPLETED",
                "variables": {},
                "created_at": now,
                "updated_at": now,
            }
        ],
    )
    await conn.execute(
        table(
            "legal_document_signers",
            "id",
            "document_id",
            "user_id",
            "role",
            "order",
            "status",
            id=sa.Uuid(),
            document_id=sa.Uuid(),
            user_id=sa.Uuid(),
        ).insert(),
        [
            {
                "id": signer,
                "document_id": document,
                "user_id": user,
                "role": "SIGNER",
                "order": 1,
                "status": "SIGNED",
            }
        ],
    )
    await conn.execute(
        table(
            "legal_signatures",
            "id",
            "document_id",
            "signer_id",
            "user_id",
            "template_type",
            "template_major",
            "signed_at",
            "ip",
            "user_agent",
            "method",
            "document_sha256",
            "consent_given",
            "terms_accepted",
            "hmac",
            id=sa.Uuid(),
            document_id=sa.Uuid(),
            signer_id=sa.Uuid(),
            user_id=sa.Uuid(),
            signed_at=ts,
        ).insert(),
        [
            {
                "id": uuid.uuid4(),
                "document_id": document,
                "signer_id": signer,
                "user_id": user,
                "template_type": "PPA",
                "template_major": 1,
                "signed_at": now,
                "ip": "127.0.0.1",
                "user_agent": "test",
                "method": "click",
                "document_sha256": "0" * 64,
                "consent_given": True,
                "terms_accepted": True,
                "hmac": "1" * 64,
            }
        ],
    )


async def test_existing_signatures_get_the_id_of_the_key_derived_from_the_secret(
    fresh_database_url: str,
) -> None:
    config = config_for(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, BEFORE)
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.begin() as conn:
            await insert_signature(conn)

        await asyncio.to_thread(command.upgrade, config, "head")

        async with engine.connect() as conn:
            key_id = await conn.scalar(sa.text("SELECT hmac_key_id FROM legal_signatures"))
        await asyncio.to_thread(command.downgrade, config, BEFORE)
    finally:
        await engine.dispose()

    secret = get_settings().secret_key
    assert key_id == fingerprint(secret)
    # ...which is the id the implicit keyring gives the same key, so those rows verify.
    ring = keyring(get_settings())
    assert ring.get(key_id) is not None
    record = {"x": 1}
    assert evidence_hmac(ring.current.key, record) == evidence_hmac(evidence_key(secret), record)
