"""Hashes and HMACs: the canonical forms that make documents, signatures and the audit log
verifiable. Pure functions, no database.

Canonical content (what a document's SHA-256 is taken over): Unicode NFC; every line ending
(`\\r\\n`, `\\r`) becomes `\\n`; trailing spaces and tabs are stripped from every line; trailing
blank lines are dropped and the text ends with exactly one `\\n`; encoded as UTF-8. So the same
text saved by two editors (CRLF vs LF, a stray trailing space) hashes the same, and any change
a reader could see changes the hash.

Canonical records (signature evidence, audit entries): JSON with sorted keys, no whitespace,
UTF-8, non-ASCII kept as is; UUIDs and times as strings (times ISO 8601 in UTC with
microseconds), so the form is the same on SQLite and Postgres.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
import uuid
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def canonical_content(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("", text)
    return text.rstrip("\n") + "\n"


def content_sha256(text: str) -> str:
    return hashlib.sha256(canonical_content(text).encode("utf-8")).hexdigest()


def _default(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in a canonical record")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not allowed in a canonical record")


def canonical_json(record: dict[str, Any]) -> bytes:
    return json.dumps(
        record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def evidence_key(secret: str) -> bytes:
    """The HMAC key a secret derives for evidence, so the same secret never signs two kinds of
    thing with the same key (tokens use `secret_key` itself). See `keys` for the keyring."""
    return hmac.new(secret.encode("utf-8"), b"legal-evidence", hashlib.sha256).digest()


def evidence_hmac(key: bytes, record: dict[str, Any]) -> str:
    """HMAC-SHA256 of a canonical record under a derived key (`evidence_key`)."""
    return hmac.new(key, canonical_json(record), hashlib.sha256).hexdigest()


def hmac_matches(key: bytes, record: dict[str, Any], expected: str) -> bool:
    return hmac.compare_digest(evidence_hmac(key, record), expected)


_VARIABLE = re.compile(r"\{\{\s*([a-z][a-z0-9_]{0,63})\s*\}\}")


def template_variables(content: str) -> set[str]:
    """The `{{ name }}` placeholders a template uses."""
    return set(_VARIABLE.findall(content))


def merge(content: str, variables: dict[str, str]) -> str:
    """`content` with each `{{ name }}` replaced by its value (the caller checks they are all
    given). Values are inserted literally: a value cannot introduce a new placeholder."""
    return _VARIABLE.sub(lambda m: variables[m.group(1)], content)
