"""Signed links: served without a token, refused once expired, revoked or used up, and never
when the signature does not verify."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.domains.files.models import FileLink
from brain.domains.users.schemas import Role
from tests.factories.files import png, uploaded
from tests.factories.users import make_signed_in


def _path(link: dict[str, Any]) -> str:
    parts = urlsplit(link["url"])
    return f"{parts.path}?{parts.query}"


async def _link(
    client: AsyncClient, headers: dict[str, str], file_id: str, **body: Any
) -> dict[str, Any]:
    response = await client.post(f"/api/files/{file_id}/links", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_a_link_serves_the_file_without_a_token(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    content = png(extra=100)
    file = await uploaded(client, headers, content)
    link = await _link(client, headers, file["id"], expires_in=600)
    assert link["url"].startswith("http")
    response = await client.get(_path(link))
    assert response.status_code == 200, response.text
    assert response.content == content
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["cache-control"] == "no-store"


async def test_a_link_defaults_to_an_hour_and_cannot_pass_seven_days(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    link = await _link(client, headers, file["id"])
    row = await session.get(FileLink, uuid.UUID(link["id"]))
    assert row is not None
    assert timedelta(minutes=59) < row.expires_at - row.created_at <= timedelta(hours=1)
    too_long = await client.post(
        f"/api/files/{file['id']}/links", json={"expires_in": 7 * 86400 + 1}, headers=headers
    )
    assert too_long.status_code == 422


@pytest.mark.parametrize("tamper", ["signature", "expires", "link"])
async def test_a_forged_link_is_refused(
    client: AsyncClient, session: AsyncSession, tamper: str
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    link = await _link(client, headers, file["id"])
    query = parse_qs(urlsplit(link["url"]).query)
    expires, signature = query["expires"][0], query["signature"][0]
    link_id = link["id"]
    if tamper == "signature":
        signature = signature[:-2] + ("AA" if not signature.endswith("AA") else "BB")
    elif tamper == "expires":
        expires = str(int(expires) + 86400)
    else:
        other = await _link(client, headers, file["id"])
        link_id = other["id"]  # another link's id with this link's signature
    response = await client.get(
        f"/api/files/public/links/{link_id}/content",
        params={"expires": expires, "signature": signature},
    )
    assert response.status_code == 404
    assert response.json()["code"] == "RESOURCE_NOT_FOUND"


async def test_a_link_signed_with_another_key_is_refused(
    client: AsyncClient, session: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pydantic import SecretStr

    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    link = await _link(client, headers, file["id"])
    monkeypatch.setattr(settings, "file_link_key", SecretStr("a-rotated-key-0123456789abcdef"))
    assert (await client.get(_path(link))).status_code == 404


async def test_an_expired_link_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    link = await _link(client, headers, file["id"], expires_in=60)
    row = await session.get(FileLink, uuid.UUID(link["id"]))
    assert row is not None
    # The row's expiry passes (the signature covers it, so only time can move it).
    row.created_at -= timedelta(minutes=2)
    row.expires_at -= timedelta(minutes=2)
    session.add(row)
    await session.flush()
    # The URL still names the old expiry; rebuild the URL for the row as it is now.
    from brain.domains.files.service import link_url

    response = await client.get(urlsplit(link_url(row)).path + "?" + urlsplit(link_url(row)).query)
    assert response.status_code == 410
    assert response.json()["code"] == "LINK_EXPIRED"


async def test_a_revoked_link_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    link = await _link(client, headers, file["id"])
    assert (await client.get(_path(link))).status_code == 200
    revoked = await client.delete(f"/api/files/{file['id']}/links/{link['id']}", headers=headers)
    assert revoked.status_code == 204
    assert (await client.get(_path(link))).status_code == 410
    listed = await client.get(f"/api/files/{file['id']}/links", headers=headers)
    assert listed.json()["items"][0]["revoked_at"] is not None


async def test_a_link_with_a_download_limit_is_used_up(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png(extra=1000))
    link = await _link(client, headers, file["id"], max_downloads=2)
    # A resumed range does not spend a download; a fresh one does.
    assert (await client.get(_path(link))).status_code == 200
    assert (await client.get(_path(link), headers={"Range": "bytes=10-"})).status_code == 206
    assert (await client.get(_path(link))).status_code == 200
    used_up = await client.get(_path(link))
    assert used_up.status_code == 410
    listed = await client.get(f"/api/files/{file['id']}/links", headers=headers)
    assert listed.json()["items"][0]["downloads"] == 2


async def test_a_deleted_files_link_is_gone(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    link = await _link(client, headers, file["id"])
    assert (await client.delete(f"/api/files/{file['id']}", headers=headers)).status_code == 204
    assert (await client.get(_path(link))).status_code == 404
