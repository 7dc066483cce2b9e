"""Uploads: streamed, sniffed by content, size and quota enforced, nothing kept when refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.domains.files.models import StoredFile
from brain.domains.users.schemas import Role
from tests.domains.files.conftest import stored_files
from tests.factories.files import (
    CSV,
    PDF,
    SVG,
    odt,
    office,
    plain_zip,
    png,
    upload,
    uploaded,
)
from tests.factories.users import make_signed_in

OOXML = "application/vnd.openxmlformats-officedocument."


async def _rows(session: AsyncSession) -> int:
    return int(await session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) or 0)


async def test_an_upload_is_stored_with_its_hash_type_and_clean_name(
    client: AsyncClient, session: AsyncSession, storage_dir: Path
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    content = png(extra=1000)
    body = await uploaded(client, headers, content, "Holiday photo.PNG", tags="Trip,summer")
    assert body["content_type"] == "image/png"
    assert body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["name"] == "Holiday photo.PNG"
    assert body["owner_id"] == str(user.id)
    assert body["tags"] == ["summer", "trip"]
    assert body["access"] == "owner"
    [path] = stored_files(storage_dir)
    assert path.read_bytes() == content
    # The stored name is the server's key, never the client's.
    assert "Holiday" not in str(path)


@pytest.mark.parametrize(
    ("content", "name", "mime"),
    [
        (PDF, "report.pdf", "application/pdf"),
        (b"GIF89a" + b"\x00" * 20, "a.gif", "image/gif"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "a.jpeg", "image/jpeg"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8, "a.webp", "image/webp"),
        (office("docx"), "plan.docx", OOXML + "wordprocessingml.document"),
        (office("xlsx"), "plan.xlsx", OOXML + "spreadsheetml.sheet"),
        (office("pptx"), "deck.pptx", OOXML + "presentationml.presentation"),
        (odt(), "letter.odt", "application/vnd.oasis.opendocument.text"),
        (plain_zip(), "bundle.zip", "application/zip"),
        (CSV, "table.csv", "text/csv"),
        ("Grüße\n".encode(), "notes.txt", "text/plain"),
    ],
)  # fmt: skip
async def test_each_allowed_type_is_recognised_by_its_content(
    client: AsyncClient, session: AsyncSession, content: bytes, name: str, mime: str
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    body = await uploaded(client, headers, content, name)
    assert body["content_type"] == mime


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (SVG, "logo.svg"),
        (SVG, "logo.txt"),  # markup is refused whatever it is called
        (b"<html><script>alert(1)</script></html>", "page.txt"),
        (png(), "invoice.pdf"),  # a PNG renamed .pdf
        (PDF, "photo.png"),
        (office("docx"), "plan.zip"),  # a docx is not a zip to us
        (office("docx", macro=True), "plan.docx"),  # macros
        (b"MZ\x90\x00" + b"\x00" * 100, "setup.exe"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc"),  # legacy OLE
        (b"a,b\n\x00\x01\x02", "data.csv"),  # binary posing as text
        (b"PK\x03\x04garbage", "broken.zip"),
    ],
)
async def test_a_type_not_allowed_is_refused_and_leaves_nothing(
    client: AsyncClient, session: AsyncSession, storage_dir: Path, content: bytes, name: str
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    response = await upload(client, headers, content, name, content_type="image/png")
    assert response.status_code == 415, response.text
    assert response.json()["code"] == "UNSUPPORTED_FILE_TYPE"
    assert stored_files(storage_dir) == []
    assert await _rows(session) == 0


async def test_an_oversize_file_is_refused_while_streaming_and_leaves_nothing(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    storage_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    monkeypatch.setattr(settings, "file_max_bytes", 100_000)
    response = await upload(client, headers, png(extra=200_000))
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "FILE_TOO_LARGE"
    assert stored_files(storage_dir) == []
    assert await _rows(session) == 0


async def test_a_body_past_the_route_limit_is_refused_before_it_is_read(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    limit = settings.file_max_bytes + 64 * 1024
    response = await client.post(
        "/api/files",
        content=b"x" * 10,
        headers=headers
        | {"Content-Type": "multipart/form-data; boundary=b", "Content-Length": str(limit + 1)},
    )
    assert response.status_code == 413


# (`C:\\dir\\x.png` never reaches the check: the multipart parser keeps only the last
# segment of a Windows path, as old browsers sent one.)
@pytest.mark.parametrize("name", ["../../etc/passwd.png", "/etc/x.png", "..\\..\\boot.png"])
async def test_a_path_traversal_name_is_refused(
    client: AsyncClient, session: AsyncSession, storage_dir: Path, name: str
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    response = await upload(client, headers, png(), name)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "INVALID_UPLOAD"
    assert stored_files(storage_dir) == []
    assert await _rows(session) == 0


async def test_an_upload_past_the_quota_is_refused_and_leaves_nothing(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    storage_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    first = png(extra=3000)
    monkeypatch.setattr(settings, "file_quota_bytes", len(first) + 1000)
    await uploaded(client, headers, first)
    response = await upload(client, headers, png(extra=3000))
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "QUOTA_EXCEEDED"
    assert len(stored_files(storage_dir)) == 1
    assert await _rows(session) == 1
    usage = (await client.get("/api/files/usage", headers=headers)).json()
    assert usage == {
        "used_bytes": len(first),
        "quota_bytes": settings.file_quota_bytes,
        "files": 1,
        "max_file_bytes": settings.file_max_bytes,
    }


async def test_the_eleventh_upload_in_an_hour_is_rate_limited(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    for _ in range(10):
        assert (await upload(client, headers)).status_code == 201
    response = await upload(client, headers)
    assert response.status_code == 429
    assert response.json()["code"] == "RATE_LIMITED"


async def test_a_guest_cannot_upload(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.GUEST)
    assert (await upload(client, headers)).status_code == 403
    assert (await client.post("/api/files", files={"file": ("a.png", png())})).status_code == 401


@pytest.mark.parametrize(
    ("files", "data"),
    [
        ({"other": ("a.png", png())}, {}),  # no `file` part
        ({"file": ("a.png", png())}, {"surprise": "1"}),  # an unknown field
        ({"file": ("a.png", png())}, {"venture_id": "not-a-uuid"}),
        ({"file": ("a.png", png())}, {"tags": "ok,<b>bad</b>"}),
        ({"file": ("", png())}, {}),  # no name
    ],
)
async def test_a_malformed_upload_is_refused_and_leaves_nothing(
    client: AsyncClient,
    session: AsyncSession,
    storage_dir: Path,
    files: dict[str, tuple[str, bytes]],
    data: dict[str, str],
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    response = await client.post("/api/files", files=files, data=data, headers=headers)
    assert response.status_code == 422, response.text
    assert stored_files(storage_dir) == []
    assert await _rows(session) == 0


async def test_a_body_that_is_not_multipart_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    response = await client.post("/api/files", json={"file": "x"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["code"] == "INVALID_UPLOAD"


async def test_a_venture_that_is_not_yours_is_refused(
    client: AsyncClient, session: AsyncSession, storage_dir: Path
) -> None:
    import uuid

    _, headers = await make_signed_in(session, role=Role.MEMBER)
    response = await upload(client, headers, venture_id=uuid.uuid4())
    assert response.status_code == 404
    assert stored_files(storage_dir) == []
    assert await _rows(session) == 0


async def test_a_large_office_document_is_sniffed_through_its_central_directory(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    # Bigger than the sniffer's tail: the directory is read back from storage.
    body = await uploaded(client, headers, office("xlsx", padding=300_000), "big.xlsx")
    assert body["content_type"].endswith("spreadsheetml.sheet")


async def test_an_upload_cut_off_midway_leaves_nothing(
    settings: Settings, storage_dir: Path
) -> None:
    from collections.abc import AsyncIterator

    from starlette.requests import ClientDisconnect

    from brain.domains.files import upload as streaming
    from brain.domains.files.storage import get_storage

    async def body() -> AsyncIterator[bytes]:
        yield (
            b'--XX\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n'
            + png(extra=20_000)[:15_000]
        )
        raise ClientDisconnect()

    with pytest.raises(ClientDisconnect):
        await streaming.receive(
            body(),
            content_type="multipart/form-data; boundary=XX",
            storage=get_storage(settings),
            max_bytes=settings.file_max_bytes,
        )
    assert stored_files(storage_dir) == []
