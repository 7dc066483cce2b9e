"""The files domain's policy as data: which types are allowed (by sniffed content, with the
extensions each may carry), how names are cleaned, and the limits of links and lists.

No I/O here: `sniff.py` decides what a file is, this module decides whether it may stay.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

# Signed links: 1 hour unless asked, never past 7 days (the S3 presigned-URL ceiling).
LINK_DEFAULT_SECONDS = 3600
LINK_MAX_SECONDS = 7 * 24 * 3600
LINK_MAX_DOWNLOADS = 1_000_000
# A killed upload's bytes are left under `tmp/` (local) or as an open multipart upload (S3);
# older than this they can only be debris, and the sweeper removes them.
ORPHAN_AGE = timedelta(hours=1)
SWEEP_EVERY = timedelta(minutes=30)
NAME_MAX = 255
TAG_MAX = 40
TAGS_MAX = 20
# A multipart body carries the file plus its headers and a few small fields; this much
# above the file limit is what the request may add.
MULTIPART_OVERHEAD = 64 * 1024
FIELD_MAX = 4096


@dataclass(frozen=True)
class FileType:
    mime: str
    extensions: tuple[str, ...]
    label: str
    how: str  # how the sniffer recognises it (the docs table)


TYPES: tuple[FileType, ...] = (
    FileType("image/png", (".png",), "PNG image", "`89 50 4E 47 0D 0A 1A 0A` signature"),
    FileType("image/jpeg", (".jpg", ".jpeg"), "JPEG image", "`FF D8 FF` signature"),
    FileType("image/gif", (".gif",), "GIF image", "`GIF87a` / `GIF89a`"),
    FileType("image/webp", (".webp",), "WebP image", "`RIFF` ... `WEBP`"),
    FileType("application/pdf", (".pdf",), "PDF document", "`%PDF-` signature"),
    FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
        "Word document",
        "zip with `[Content_Types].xml` and `word/document.xml`, no macros",
    ),
    FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
        "Excel workbook",
        "zip with `[Content_Types].xml` and `xl/workbook.xml`, no macros",
    ),
    FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
        "PowerPoint presentation",
        "zip with `[Content_Types].xml` and `ppt/presentation.xml`, no macros",
    ),
    FileType(
        "application/vnd.oasis.opendocument.text",
        (".odt",),
        "OpenDocument text",
        "zip whose first entry `mimetype` names it",
    ),
    FileType(
        "application/vnd.oasis.opendocument.spreadsheet",
        (".ods",),
        "OpenDocument spreadsheet",
        "zip whose first entry `mimetype` names it",
    ),
    FileType(
        "application/vnd.oasis.opendocument.presentation",
        (".odp",),
        "OpenDocument presentation",
        "zip whose first entry `mimetype` names it",
    ),
    FileType("application/zip", (".zip",), "zip archive", "any other readable zip"),
    FileType("text/csv", (".csv",), "CSV", "UTF-8 text without NUL bytes or markup, named `.csv`"),
    FileType(
        "text/plain",
        (".txt", ".md"),
        "plain text",
        "UTF-8 text without NUL bytes or markup (`<svg`, `<html`, `<?xml`... are refused)",
    ),
)
BY_MIME: dict[str, FileType] = {t.mime: t for t in TYPES}

# Sorted for the API: `?type=` takes one of these or a family (`image`, `text`...).
MIME_TYPES: tuple[str, ...] = tuple(t.mime for t in TYPES)

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def clean_name(raw: str) -> str | None:
    """The display name kept for a file: its last path segment, NFC, without control or
    path characters, leading dots or spaces, at most NAME_MAX characters. None when nothing
    is left (the upload is refused). Never used to build a storage path."""
    name = unicodedata.normalize("NFC", raw)
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if not name or set(name) <= {"_", "."}:
        return None
    if len(name) > NAME_MAX:
        _stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        name = name[: NAME_MAX - len(keep) - 1] + "." + keep if keep else name[:NAME_MAX]
    return name


def is_traversal(raw: str) -> bool:
    """A name that tries to point outside itself (`../x`, `/etc/passwd`, `C:\\x`, `..\\x`):
    refused outright rather than cleaned, as the OWASP cheat sheet advises."""
    parts = re.split(r"[/\\]", raw)
    return (
        ".." in parts or raw.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", raw))
    ) or "\x00" in raw


def extension(name: str) -> str:
    _, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and ext else ""


def clean_tags(tags: list[str]) -> list[str]:
    """Lower-cased, stripped, unique, in order; empty ones dropped."""
    seen: dict[str, None] = {}
    for tag in tags:
        value = tag.strip().lower()
        if value:
            seen.setdefault(value, None)
    return list(seen)
