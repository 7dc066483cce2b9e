"""What a file is, from its bytes while they stream: never from its name or the client's
`Content-Type` (OWASP file upload cheat sheet: check the magic bytes).

Why no library (`filetype`, `puremagic`, libmagic): the allow-list is fourteen types with
fixed signatures, and the two cases that need thought are not what those libraries answer.
An office document is a zip: telling a `.docx` from a `.zip` (or from a macro-carrying
`.docm`) needs the archive's central directory, which sits at the *end* of the file, so it
is read here from the last bytes kept while streaming (or, when larger, with one ranged read
from storage). Text must be valid UTF-8 throughout and must not be markup (an SVG or HTML
page is text too, and the reason SVG is refused). A library guessing among hundreds of types
would add a dependency and still leave both checks to us.

Memory: the sniffer keeps the first `HEAD` bytes and the last `TAIL` bytes, whatever the
size of the file.
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Awaitable, Callable

from brain.domains.files.rules import BY_MIME, FileType, extension

HEAD = 8192
# The end-of-central-directory record is 22 bytes plus a comment of up to 65,535.
TAIL = 22 + 65_535 + 1024
# A central directory larger than this (a zip of ~100,000 entries) is refused.
CD_MAX = 8 * 1024 * 1024

ReadRange = Callable[[int, int], Awaitable[bytes]]

_MARKUP = re.compile(rb"^\s*<\s*([?!]|svg|html|script|xml|body|head|iframe|object|math)", re.I)
_ODF = {
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.spreadsheet",
    b"application/vnd.oasis.opendocument.presentation",
}
_OOXML_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}


class Refused(Exception):
    """The content is not an allowed type (or does not match its name); `str()` says why."""


def _family(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    return None


class Sniffer:
    """Fed every chunk of one upload; `early()` refuses a wrong type after the first bytes,
    `verdict()` names the type at the end."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.size = 0
        self._head = bytearray()
        self._tail = bytearray()
        self._family: str | None = None
        self._decided = False
        self._text = codecs.getincrementaldecoder("utf-8")(errors="strict")
        self._text_ok = True

    def feed(self, data: bytes) -> None:
        self.size += len(data)
        if len(self._head) < HEAD:
            self._head += data[: HEAD - len(self._head)]
        self._tail += data
        if len(self._tail) > TAIL:
            del self._tail[: len(self._tail) - TAIL]
        if self._family in (None, "text") and self._text_ok:
            try:
                self._text.decode(data)
            except UnicodeDecodeError:
                self._text_ok = False
            if b"\x00" in data:
                self._text_ok = False
        if not self._decided and len(self._head) >= HEAD:
            self.early()

    def early(self) -> None:
        """Decide the family from the head; raise `Refused` at once for anything else."""
        if self._decided:
            return
        self._decided = True
        head = bytes(self._head)
        self._family = _family(head)
        if self._family is None:
            if not self._text_ok or not head:
                raise Refused("The content is not one of the allowed file types.")
            if _MARKUP.match(head.lstrip(codecs.BOM_UTF8)):
                raise Refused("Markup (SVG, HTML, XML) is not an allowed file type.")
            self._family = "text"
        self._check_extension(self._candidates())

    def _candidates(self) -> tuple[str, ...]:
        if self._family == "zip":
            return tuple(m for m in BY_MIME if "zip" in m or "officedocument" in m or "oasis" in m)
        if self._family == "text":
            return ("text/csv", "text/plain")
        assert self._family is not None
        return (self._family,)

    def _check_extension(self, mimes: tuple[str, ...]) -> FileType:
        ext = extension(self.name)
        for mime in mimes:
            if ext in BY_MIME[mime].extensions:
                return BY_MIME[mime]
        allowed = sorted({e for m in mimes for e in BY_MIME[m].extensions})
        raise Refused(
            f"The content does not match the name {self.name!r}: "
            f"a file like this one must be named {', '.join(allowed)}."
        )

    async def verdict(self, read_range: ReadRange) -> str:
        """The file's type once every byte is in. `read_range(offset, length)` reads back what
        was stored (a large zip's central directory)."""
        self.early()
        if self._family == "text":
            try:
                self._text.decode(b"", final=True)
            except UnicodeDecodeError:
                self._text_ok = False
            if not self._text_ok:
                raise Refused("The content is not UTF-8 text.")
            return self._check_extension(("text/csv", "text/plain")).mime
        if self._family == "zip":
            mime = await self._zip_type(read_range)
            return self._check_extension((mime,)).mime
        assert self._family is not None
        return self._family

    async def _zip_type(self, read_range: ReadRange) -> str:
        names = await self._zip_names(read_range)
        head = bytes(self._head)
        if head.startswith(b"PK\x03\x04") and head[26:28] == b"\x08\x00":
            # ODF: the first entry is `mimetype`, stored uncompressed, naming the type.
            name_len, extra_len = struct.unpack_from("<HH", head, 26)
            (compressed,) = struct.unpack_from("<I", head, 18)
            (method,) = struct.unpack_from("<H", head, 8)
            start = 30 + name_len + extra_len
            if head[30:38] == b"mimetype" and method == 0:
                value = head[start : start + compressed]
                if value in _ODF:
                    return value.decode()
        if "[Content_Types].xml" in names:
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise Refused("Office documents with macros are not allowed.")
            for part, mime in _OOXML_PARTS.items():
                if part in names:
                    return mime
        return "application/zip"

    async def _zip_names(self, read_range: ReadRange) -> set[str]:
        tail = bytes(self._tail)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            raise Refused("The zip archive is unreadable (no end of central directory).")
        entries, cd_size, cd_offset, comment = struct.unpack_from("<HIIH", tail, at + 10)
        tail_start = self.size - len(tail)
        eocd_offset = tail_start + at
        if (
            cd_size > CD_MAX
            or 0xFFFFFFFF in (cd_size, cd_offset)
            or cd_offset + cd_size > eocd_offset
            or at + 22 + comment != len(tail)
        ):
            raise Refused("The zip archive is unreadable (a bad or zip64 central directory).")
        if cd_offset >= tail_start:
            directory = tail[cd_offset - tail_start : cd_offset - tail_start + cd_size]
        else:
            directory = await read_range(cd_offset, cd_size)
        names: set[str] = set()
        pos = 0
        for _ in range(entries):
            if directory[pos : pos + 4] != b"PK\x01\x02" or pos + 46 > len(directory):
                raise Refused("The zip archive is unreadable (a bad central directory entry).")
            name_len, extra_len, comment_len = struct.unpack_from("<HHH", directory, pos + 28)
            names.add(directory[pos + 46 : pos + 46 + name_len].decode("utf-8", "replace"))
            pos += 46 + name_len + extra_len + comment_len
        return names
