"""Serving a file's bytes: as an attachment with its stored type, `nosniff`, an ETag from its
SHA-256 (`If-None-Match` answers 304), and single byte ranges (`Range`, 206; a range past the
end is 416). Several ranges in one request are answered with the whole file, which RFC 9110
allows, rather than a multipart/byteranges body no client here needs.

The bytes stream from storage in 64 KiB chunks after the database session has closed: a
download holds no connection and no more than a chunk in memory.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse, StreamingResponse

from brain.core.config import get_settings
from brain.domains.files.errors import RangeNotSatisfiable
from brain.domains.files.models import StoredFile
from brain.domains.files.storage import get_storage

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def disposition(name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def etag(row: StoredFile) -> str:
    return f'"{row.sha256}"'


def _range(header: str | None, size: int) -> tuple[int, int] | bool | None:
    """(start, length) for one satisfiable range; None for no usable Range header (serve it
    all); False for an unsatisfiable one (416)."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if match is None:
        return None  # several ranges or another unit: the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        length = min(int(last), size)
        return (size - length, length) if length > 0 else False
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return False
    return start, end - start + 1


def starts_at_zero(request: Request, row: StoredFile) -> bool:
    """Whether this request reads the file from its first byte (a link counts a download
    once, not once per resumed range)."""
    found = _range(request.headers.get("range"), row.size)
    return found is None or (isinstance(found, tuple) and found[0] == 0)


def not_modified(request: Request, row: StoredFile) -> bool:
    given = request.headers.get("if-none-match")
    if not given:
        return False
    tags = {t.strip().removeprefix("W/") for t in given.split(",")}
    return "*" in tags or etag(row) in tags


async def serve(request: Request, row: StoredFile, *, presign: bool = True) -> Response:
    headers = {
        "ETag": etag(row),
        "Accept-Ranges": "bytes",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": disposition(row.name),
        # Never rendered as a page, even by a browser that ignores the attachment.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-cache",
    }
    if not_modified(request, row):
        return Response(status_code=304, headers=headers)
    storage = get_storage()
    settings = get_settings()
    if presign and settings.storage_backend == "s3" and settings.s3_presigned_downloads:
        url = await storage.presigned_url(
            row.storage_key,
            filename=row.name,
            content_type=row.content_type,
            expires_in=settings.s3_presign_seconds,
        )
        if url is not None:
            return RedirectResponse(url, status_code=307, headers={"Cache-Control": "no-store"})
    if request.headers.get("if-range") not in (None, etag(row)):
        wanted: tuple[int, int] | bool | None = None
    else:
        wanted = _range(request.headers.get("range"), row.size)
    if wanted is False:
        raise RangeNotSatisfiable(
            f"The file has {row.size} bytes.", headers={"Content-Range": f"bytes */{row.size}"}
        )
    status = 200
    start, length = 0, row.size
    if isinstance(wanted, tuple):
        start, length = wanted
        status = 206
        headers["Content-Range"] = f"bytes {start}-{start + length - 1}/{row.size}"
    headers["Content-Length"] = str(length)
    return StreamingResponse(
        storage.stream(row.storage_key, start, length),
        status_code=status,
        media_type=row.content_type,
        headers=headers,
    )
