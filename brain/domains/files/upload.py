"""Streaming a multipart upload into storage, with every check made while the bytes arrive.

The body is read chunk by chunk from `request.stream()` and fed to python-multipart's
streaming parser (the same parser Starlette uses, without Starlette's form handling, which
spools whole files before the route runs). Each chunk of the file part goes, in order, to:

- the sniffer (`sniff.py`): after the first 8 KiB a type that is not allowed, or that does not
  match the file's name, is refused with 415 before another byte is stored;
- the size check: past `file_max_bytes` the upload stops with 413 `FILE_TOO_LARGE`;
- SHA-256, and the storage writer (a staged write, visible only after `commit()`).

Any failure aborts the staged write (or deletes the committed object), so a refused upload
leaves no bytes; a killed process leaves a staged write that `sweep_incomplete` removes.
What the process holds for one upload is a chunk, the sniffer's head and tail (~72 KiB) and,
on S3, one part (8 MiB): never the body.

Form fields: `file` (required, exactly one), `venture_id` (optional), `tags` (optional,
comma-separated); anything else is refused.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from brain.domains.files.errors import BadUpload, FileTooLarge, UnsupportedFileType
from brain.domains.files.rules import (
    FIELD_MAX,
    TAG_MAX,
    TAGS_MAX,
    clean_name,
    clean_tags,
    is_traversal,
)
from brain.domains.files.schemas import TAG_PATTERN
from brain.domains.files.sniff import Refused, Sniffer
from brain.domains.files.storage import Storage, Writer, new_key

FIELDS = ("venture_id", "tags")
# The schema's `maxLength` of `tags` (router.UPLOAD_BODY).
TAGS_FIELD_MAX = 1000


@dataclass
class Uploaded:
    """A file stored under `key` and checked, not yet recorded."""

    key: str
    name: str
    content_type: str
    size: int
    sha256: str
    venture_id: uuid.UUID | None
    tags: list[str]


@dataclass
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    name: str = ""
    filename: str | None = None
    value: bytearray = field(default_factory=bytearray)


class _Events:
    """python-multipart's callbacks are synchronous; they queue what happened, and the
    coroutine acts on it (storage writes are awaited) after each chunk."""

    def __init__(self) -> None:
        self.queue: list[tuple[str, bytes]] = []
        self._field = bytearray()
        self._value = bytearray()

    def callbacks(self) -> dict[str, object]:
        def on(kind: str) -> object:
            return lambda: self.queue.append((kind, b""))

        def header_field(data: bytes, start: int, end: int) -> None:
            self._field += data[start:end]

        def header_value(data: bytes, start: int, end: int) -> None:
            self._value += data[start:end]

        def header_end() -> None:
            self.queue.append(("header", bytes(self._field).lower() + b"\x00" + self._value))
            self._field.clear()
            self._value.clear()

        def part_data(data: bytes, start: int, end: int) -> None:
            self.queue.append(("data", data[start:end]))

        return {
            "on_part_begin": on("begin"),
            "on_header_field": header_field,
            "on_header_value": header_value,
            "on_header_end": header_end,
            "on_headers_finished": on("headers_done"),
            "on_part_data": part_data,
            "on_part_end": on("end"),
            "on_end": on("finish"),
        }


def boundary_of(content_type: str | None) -> bytes:
    kind, options = parse_options_header(content_type or "")
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise BadUpload("Send the file as multipart/form-data, in a part named `file`.")
    return boundary


class _Upload:
    def __init__(self, storage: Storage, max_bytes: int) -> None:
        self.storage = storage
        self.max_bytes = max_bytes
        self.part: _Part | None = None
        self.writer: Writer | None = None
        self.sniffer: Sniffer | None = None
        self.hasher = hashlib.sha256()
        self.name: str | None = None
        self.fields: dict[str, str] = {}
        self.finished = False

    async def handle(self, kind: str, data: bytes) -> None:
        if kind == "begin":
            self.part = _Part()
        elif kind == "header":
            assert self.part is not None
            key, _, value = data.partition(b"\x00")
            self.part.headers[key] = value
        elif kind == "headers_done":
            await self._start_part()
        elif kind == "data":
            await self._data(data)
        elif kind == "end":
            self._end_part()
        elif kind == "finish":
            self.finished = True

    async def _start_part(self) -> None:
        assert self.part is not None
        _, options = parse_options_header(self.part.headers.get(b"content-disposition", b""))
        self.part.name = options.get(b"name", b"").decode("utf-8", "replace")
        raw = options.get(b"filename")
        if self.part.name == "file":
            if self.writer is not None:
                raise BadUpload("Send one file per upload.")
            filename = (raw or b"").decode("utf-8", "replace")
            if is_traversal(filename):
                raise BadUpload("The file name points outside itself (a path); refused.")
            self.name = clean_name(filename)
            if self.name is None:
                raise BadUpload("The file part needs a file name.")
            self.sniffer = Sniffer(self.name)
            self.writer = await self.storage.writer(new_key())
        elif self.part.name not in FIELDS or raw is not None or self.part.name in self.fields:
            raise BadUpload(
                f"Unexpected form part {self.part.name!r}: send `file`, and "
                "optionally `venture_id` and `tags` once each."
            )

    async def _data(self, data: bytes) -> None:
        assert self.part is not None
        if self.part.name != "file":
            self.part.value += data
            if len(self.part.value) > FIELD_MAX:
                raise BadUpload(f"The form field {self.part.name!r} is too long.")
            return
        assert self.sniffer is not None
        assert self.writer is not None
        if self.sniffer.size + len(data) > self.max_bytes:
            raise FileTooLarge(f"A file may be at most {self.max_bytes} bytes.")
        try:
            self.sniffer.feed(data)
        except Refused as exc:
            raise UnsupportedFileType(str(exc)) from None
        self.hasher.update(data)
        await self.writer.write(data)

    def _end_part(self) -> None:
        assert self.part is not None
        if self.part.name in FIELDS:
            try:
                self.fields[self.part.name] = self.part.value.decode("utf-8")
            except UnicodeDecodeError:
                raise BadUpload(f"The form field {self.part.name!r} is not UTF-8.") from None
        self.part = None

    def venture_id(self) -> uuid.UUID | None:
        raw = self.fields.get("venture_id")
        if raw is None:
            return None
        try:
            return uuid.UUID(raw)
        except ValueError:
            raise BadUpload("`venture_id` is not a UUID.") from None

    def tags(self) -> list[str]:
        raw = self.fields.get("tags", "")
        if len(raw) > TAGS_FIELD_MAX:
            raise BadUpload(f"`tags` is longer than {TAGS_FIELD_MAX} characters.")
        tags = clean_tags(raw.split(","))
        if len(tags) > TAGS_MAX or any(
            len(t) > TAG_MAX or not re.match(TAG_PATTERN, t) for t in tags
        ):
            raise BadUpload(f"At most {TAGS_MAX} tags of letters, digits and `_.+-`.")
        return tags


async def receive(
    stream: AsyncIterator[bytes], *, content_type: str | None, storage: Storage, max_bytes: int
) -> Uploaded:
    """Parse the multipart `stream` into storage; the file is committed and checked when this
    returns, and nothing is left behind when it raises."""
    events = _Events()
    parser = MultipartParser(boundary_of(content_type), events.callbacks())  # type: ignore[arg-type]
    upload = _Upload(storage, max_bytes)
    committed = False
    try:
        async for chunk in stream:
            try:
                parser.write(chunk)
            except MultipartParseError:
                raise BadUpload("The multipart body is malformed.") from None
            for kind, data in events.queue:
                await upload.handle(kind, data)
            events.queue.clear()
        if not upload.finished:
            raise BadUpload("The multipart body ended early.")
        if upload.writer is None or upload.sniffer is None or upload.name is None:
            raise BadUpload("The upload has no part named `file`.")
        venture_id, tags = upload.venture_id(), upload.tags()
        await upload.writer.commit()
        committed = True
        key = upload.writer.key
        try:
            content_type_ = await upload.sniffer.verdict(
                lambda offset, length: storage.read_range(key, offset, length)
            )
        except Refused as exc:
            raise UnsupportedFileType(str(exc)) from None
        return Uploaded(
            key=key,
            name=upload.name,
            content_type=content_type_,
            size=upload.sniffer.size,
            sha256=upload.hasher.hexdigest(),
            venture_id=venture_id,
            tags=tags,
        )
    except BaseException:
        if upload.writer is not None:
            if committed:
                await storage.delete(upload.writer.key)
            else:
                await upload.writer.abort()
        raise
