"""Downloads: an attachment with the stored type, nosniff, ETag and If-None-Match, ranges."""

from __future__ import annotations

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.schemas import Role
from tests.factories.files import png, uploaded
from tests.factories.users import make_signed_in


async def test_a_download_is_an_attachment_with_the_stored_type(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    content = png(extra=5000)
    file = await uploaded(client, headers, content, 'Ünïcode "photo".png')
    response = await client.get(f"/api/files/{file['id']}/content", headers=headers)
    assert response.status_code == 200
    assert response.content == content
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%C3%9Cn%C3%AFcode" in response.headers["content-disposition"]
    assert response.headers["etag"] == f'"{file["sha256"]}"'
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-length"] == str(len(content))


async def test_if_none_match_answers_not_modified(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    url = f"/api/files/{file['id']}/content"
    etag = (await client.get(url, headers=headers)).headers["etag"]
    same = await client.get(url, headers=headers | {"If-None-Match": etag})
    assert same.status_code == 304
    assert same.content == b""
    other = await client.get(url, headers=headers | {"If-None-Match": '"other"'})
    assert other.status_code == 200


async def test_a_range_request_gets_those_bytes(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    content = png(extra=200_000)
    file = await uploaded(client, headers, content)
    url = f"/api/files/{file['id']}/content"
    size = len(content)
    for header, start, end in [
        ("bytes=0-99", 0, 99),
        ("bytes=100000-", 100000, size - 1),
        ("bytes=-10", size - 10, size - 1),
        (f"bytes=10-{size + 50}", 10, size - 1),
    ]:
        response = await client.get(url, headers=headers | {"Range": header})
        assert response.status_code == 206, header
        assert response.content == content[start : end + 1], header
        assert response.headers["content-range"] == f"bytes {start}-{end}/{size}"
    outside = await client.get(url, headers=headers | {"Range": f"bytes={size}-"})
    assert outside.status_code == 416
    assert outside.headers["content-range"] == f"bytes */{size}"
    assert outside.json()["code"] == "RANGE_NOT_SATISFIABLE"
    several = await client.get(url, headers=headers | {"Range": "bytes=0-1,5-6"})
    assert several.status_code == 200
    assert several.content == content
    stale = await client.get(url, headers=headers | {"Range": "bytes=0-1", "If-Range": '"old"'})
    assert stale.status_code == 200
