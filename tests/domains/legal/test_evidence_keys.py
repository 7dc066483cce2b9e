"""Rotating the evidence HMAC key: old signatures keep verifying under the key that made them,
a key dropped from the ring is "unknown key" (never "tampered"), and tampering stays tampering."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from httpx import AsyncClient
from pydantic import SecretStr, ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.domains.legal import handlers
from brain.domains.legal.keys import KeyringError, fingerprint, keyring
from brain.domains.users.schemas import Role
from tests.factories.legal import create_document, sign
from tests.factories.users import make_signed_in

NEW_SECRET = "n3w-evidence-key-0123456789-abcdefghijklmnop"
OTHER_SECRET = "another-evidence-key-0123456789-abcdefghijkl"


async def signed_document(client: AsyncClient, session: AsyncSession) -> tuple[str, dict[str, Any]]:
    """A completed document with one signature; its id, the sender's headers and the evidence."""
    _, s_h = await make_signed_in(session, role=Role.MEMBER)
    _, a_h = await make_signed_in(session, role=Role.MEMBER)
    a_id = (await client.get("/api/users/me", headers=a_h)).json()["id"]
    doc = await create_document(client, s_h, [(uuid.UUID(a_id), "SIGNER", 1)], send=True)
    response = await sign(client, doc["id"], a_h)
    assert response.status_code == 200, response.text
    return doc["id"], {"headers": s_h, "evidence": response.json()["signature"]}


async def verify(client: AsyncClient, doc_id: str, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post(f"/api/legal/documents/{doc_id}/verify", headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def rotate(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, keys: dict[str, str], current: str
) -> None:
    monkeypatch.setattr(settings, "legal_evidence_keys", {k: SecretStr(v) for k, v in keys.items()})
    monkeypatch.setattr(settings, "legal_evidence_key_id", current)


async def test_without_a_keyring_the_key_id_is_the_fingerprint_of_the_secret_key(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    doc_id, ctx = await signed_document(client, session)

    result = await verify(client, doc_id, ctx["headers"])

    key_id = fingerprint(settings.secret_key)
    assert ctx["evidence"]["hmac_key_id"] == key_id
    assert settings.secret_key[:8] not in key_id
    assert result["valid"] is True
    assert [(s["hmac_status"], s["hmac_key_id"]) for s in result["signatures"]] == [
        ("valid", key_id)
    ]


async def test_after_rotation_old_signatures_verify_under_their_key_and_new_ones_use_the_new(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_doc, old = await signed_document(client, session)
    old_id = fingerprint(settings.secret_key)
    rotate(settings, monkeypatch, {old_id: settings.secret_key, "2027-01": NEW_SECRET}, "2027-01")

    new_doc, new = await signed_document(client, session)
    old_result = await verify(client, old_doc, old["headers"])
    new_result = await verify(client, new_doc, new["headers"])

    assert new["evidence"]["hmac_key_id"] == "2027-01"
    assert old_result["valid"] is True
    assert old_result["signatures"][0]["hmac_key_id"] == old_id
    assert old_result["signatures"][0]["hmac_status"] == "valid"
    assert new_result["valid"] is True
    assert new_result["signatures"][0]["hmac_key_id"] == "2027-01"


async def test_a_key_dropped_from_the_ring_is_reported_unknown_not_tampered(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc_id, ctx = await signed_document(client, session)
    old_id = fingerprint(settings.secret_key)
    rotate(settings, monkeypatch, {"2027-01": NEW_SECRET}, "2027-01")

    result = await verify(client, doc_id, ctx["headers"])

    assert result["valid"] is False
    check = result["signatures"][0]
    assert (check["hmac_status"], check["hmac_key_id"], check["hmac_valid"]) == (
        "unknown_key",
        old_id,
        False,
    )
    assert "not in the evidence keyring" in result["failures"][0]
    assert "does not match" not in " ".join(result["failures"])


async def test_rotating_the_secret_key_alone_makes_old_signatures_unknown_not_tampered(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc_id, _ = await signed_document(client, session)
    monkeypatch.setattr(settings, "secret_key", OTHER_SECRET)
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)  # a token under the new key

    result = await verify(client, doc_id, admin)

    assert result["signatures"][0]["hmac_status"] == "unknown_key"


async def test_edited_evidence_under_a_known_key_is_tampered(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc_id, ctx = await signed_document(client, session)
    old_id = fingerprint(settings.secret_key)
    rotate(settings, monkeypatch, {old_id: settings.secret_key, "2027-01": NEW_SECRET}, "2027-01")
    await (await session.connection()).execute(
        sa.text("UPDATE legal_signatures SET ip = '10.6.6.6' WHERE document_id = :id").bindparams(
            sa.bindparam("id", uuid.UUID(doc_id), type_=sa.Uuid())
        )
    )

    result = await verify(client, doc_id, ctx["headers"])

    assert result["valid"] is False
    assert result["signatures"][0]["hmac_status"] == "tampered"
    assert f"(key {old_id!r})" in result["failures"][0]


async def test_relabelling_a_signature_with_another_known_key_does_not_make_it_valid(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc_id, ctx = await signed_document(client, session)
    old_id = fingerprint(settings.secret_key)
    rotate(settings, monkeypatch, {old_id: settings.secret_key, "2027-01": NEW_SECRET}, "2027-01")
    await (await session.connection()).execute(
        sa.text(
            "UPDATE legal_signatures SET hmac_key_id = '2027-01' WHERE document_id = :id"
        ).bindparams(sa.bindparam("id", uuid.UUID(doc_id), type_=sa.Uuid()))
    )

    result = await verify(client, doc_id, ctx["headers"])

    assert result["signatures"][0]["hmac_status"] == "tampered"


# -- settings -------------------------------------------------------------------------------


def make_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


PRODUCTION = {"env": "production", "secret_key": "p" * 48}


@pytest.mark.parametrize("env", ["production", "development"])
def test_a_keyring_whose_current_id_is_missing_is_refused(env: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_settings(
            **{**PRODUCTION, "env": env},
            legal_evidence_keys={"2027-01": NEW_SECRET},
            legal_evidence_key_id="2027-02",
        )

    assert "'2027-02' is not a key" in str(caught.value)
    assert NEW_SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"legal_evidence_keys": {"2027-01": NEW_SECRET}}, "must name the key"),
        ({"legal_evidence_key_id": "2027-01"}, "is empty"),
        (
            {"legal_evidence_keys": {"2027-01": "short"}, "legal_evidence_key_id": "2027-01"},
            "at least 32 characters",
        ),
        (
            {"legal_evidence_keys": {"bad id!": NEW_SECRET}, "legal_evidence_key_id": "bad id!"},
            "not a valid key id",
        ),
    ],
)
def test_production_refuses_an_unusable_keyring(values: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_settings(**PRODUCTION, **values)

    assert message in str(caught.value)
    # The console shows this error at startup: no secret in it, not even the refused one.
    assert NEW_SECRET not in str(caught.value)
    assert "'short'" not in str(caught.value)


def test_a_complete_keyring_is_accepted_and_its_repr_hides_the_secrets() -> None:
    settings = make_settings(
        **PRODUCTION,
        legal_evidence_keys={"2027-01": NEW_SECRET, fingerprint("p" * 48): "p" * 48},
        legal_evidence_key_id="2027-01",
    )

    ring = keyring(settings)

    assert ring.current.id == "2027-01"
    assert set(ring.keys) == {"2027-01", fingerprint("p" * 48)}
    assert NEW_SECRET not in repr(settings)
    assert NEW_SECRET not in repr(ring)


def test_an_sk_id_given_the_wrong_secret_stops_startup(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong_id = fingerprint(settings.secret_key)
    rotate(settings, monkeypatch, {wrong_id: OTHER_SECRET, "2027-01": NEW_SECRET}, "2027-01")

    with pytest.raises(KeyringError) as caught:
        handlers.register()

    assert wrong_id in str(caught.value)
    assert OTHER_SECRET not in str(caught.value)
