"""Factories for the files domain: contents of each allowed (and refused) type, and uploads
through the API."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Any

from httpx import AsyncClient, Response


def png(extra: int = 0) -> bytes:
    """A valid 1x1 PNG, padded with `extra` bytes in an ancillary chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", header)
    if extra:
        body += chunk(b"teXt", b"pad\x00" + b"x" * extra)
    body += chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
CSV = b"name,amount\nada,12\n"


def office(kind: str = "docx", *, macro: bool = False, padding: int = 0) -> bytes:
    """A minimal OOXML package (`docx`, `xlsx`, `pptx`), optionally with a VBA project."""
    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(main[kind], "<document/>")
        if macro:
            archive.writestr(main[kind].split("/")[0] + "/vbaProject.bin", b"\xd0\xcf\x11\xe0")
        if padding:
            archive.writestr("media/pad.bin", b"\x00" * padding, zipfile.ZIP_STORED)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


async def upload(
    client: AsyncClient,
    headers: dict[str, str],
    content: bytes = b"",
    name: str = "picture.png",
    *,
    content_type: str = "application/octet-stream",
    **fields: Any,
) -> Response:
    return await client.post(
        "/api/files",
        files={"file": (name, content or png(), content_type)},
        data={k: str(v) for k, v in fields.items()},
        headers=headers,
    )


async def uploaded(
    client: AsyncClient,
    headers: dict[str, str],
    content: bytes = b"",
    name: str = "a.png",
    **fields: Any,
) -> dict[str, Any]:
    response = await upload(client, headers, content, name, **fields)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result
