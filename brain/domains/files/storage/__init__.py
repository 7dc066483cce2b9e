"""The storage port: where a file's bytes live, behind one small interface with two adapters.

- `local.LocalStorage` (default): a folder (`BRAIN_STORAGE_DIR`, else `<data_dir>/files`).
- `s3.S3Storage`: any S3-compatible endpoint (AWS, MinIO, R2, moto), `BRAIN_STORAGE_BACKEND=s3`.

Keys are made here (`new_key()`: 32 random hex digits) and checked by every adapter, so a
client-supplied name or path can never reach the file system or the bucket. A write is
staged (a `tmp/` file, an S3 multipart upload) and becomes visible under its key only on
`commit()`; anything staged and never committed (a killed upload) is removed by
`sweep_incomplete`, and committed bytes with no row (a crash between commit and insert) by
the orphan sweep in `jobs.py`. The same contract tests run on both adapters
(tests/domains/files/test_storage.py).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Protocol

from brain.core.config import Settings, get_settings

KEY = re.compile(r"^[0-9a-f]{32}$")
CHUNK = 64 * 1024


def new_key() -> str:
    return uuid.uuid4().hex


def check_key(key: str) -> str:
    if not KEY.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


class Writer(Protocol):
    key: str

    async def write(self, data: bytes) -> None: ...

    async def commit(self) -> None:
        """Make the bytes visible under the key."""

    async def abort(self) -> None:
        """Drop everything written; idempotent."""


class Storage(Protocol):
    kind: str

    async def writer(self, key: str) -> Writer: ...

    async def read_range(self, key: str, offset: int, length: int) -> bytes: ...

    def stream(self, key: str, offset: int, length: int) -> AsyncIterator[bytes]: ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None:
        """Remove the bytes; no error when they are gone already."""

    async def keys_older_than(self, cutoff: datetime) -> list[str]:
        """Committed keys last written before `cutoff`."""

    async def sweep_incomplete(self, cutoff: datetime) -> int:
        """Drop staged writes started before `cutoff`; returns how many."""

    async def presigned_url(
        self, key: str, *, filename: str, content_type: str, expires_in: int
    ) -> str | None:
        """A URL the client may fetch the bytes from directly, or None (local storage)."""


_cache: dict[tuple[object, ...], Storage] = {}


def get_storage(settings: Settings | None = None) -> Storage:
    """The configured adapter, one per configuration (an S3 client is costly to make)."""
    settings = settings or get_settings()
    if settings.storage_backend == "s3":
        secret = settings.s3_secret_access_key
        ident: tuple[object, ...] = (
            "s3",
            settings.s3_endpoint_url,
            settings.s3_bucket,
            settings.s3_region,
            settings.s3_access_key_id,
            secret.get_secret_value() if secret else None,
        )
        if ident not in _cache:
            from brain.domains.files.storage.s3 import S3Storage

            _cache[ident] = S3Storage.from_settings(settings)
        return _cache[ident]
    root = settings.storage_dir or settings.data_dir / "files"
    ident = ("local", str(root))
    if ident not in _cache:
        from brain.domains.files.storage.local import LocalStorage

        _cache[ident] = LocalStorage(root)
    return _cache[ident]
