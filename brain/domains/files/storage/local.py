"""Local-filesystem storage: `<root>/objects/<2 hex>/<key>`, staged in `<root>/tmp/<key>`.

File calls run in a worker thread (`asyncio.to_thread`): a disk write can block for
milliseconds, which the event loop serving every other request must not wait for. Commit is
an fsync and a rename on the same file system, so a key never names half a file.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import IO

from brain.domains.files.storage import CHUNK, check_key


class LocalWriter:
    def __init__(self, storage: LocalStorage, key: str, handle: IO[bytes], tmp: Path) -> None:
        self.key = key
        self._storage = storage
        self._handle = handle
        self._tmp = tmp
        self._done = False

    async def write(self, data: bytes) -> None:
        await asyncio.to_thread(self._handle.write, data)

    async def commit(self) -> None:
        final = self._storage.path(self.key)

        def finish() -> None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self._tmp, final)

        await asyncio.to_thread(finish)
        self._done = True

    async def abort(self) -> None:
        if self._done:
            return
        self._done = True

        def drop() -> None:
            self._handle.close()
            self._tmp.unlink(missing_ok=True)

        await asyncio.to_thread(drop)


class LocalStorage:
    kind = "local"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.tmp = self.root / "tmp"

    def path(self, key: str) -> Path:
        check_key(key)
        return self.objects / key[:2] / key

    async def writer(self, key: str) -> LocalWriter:
        check_key(key)
        tmp = self.tmp / key

        def open_tmp() -> IO[bytes]:
            self.tmp.mkdir(parents=True, exist_ok=True)
            # "xb": a key is written once; an existing file is a bug, not something to clobber.
            return open(tmp, "xb")

        return LocalWriter(self, key, await asyncio.to_thread(open_tmp), tmp)

    async def read_range(self, key: str, offset: int, length: int) -> bytes:
        path = self.path(key)

        def read() -> bytes:
            with open(path, "rb") as handle:
                handle.seek(offset)
                return handle.read(length)

        return await asyncio.to_thread(read)

    async def stream(self, key: str, offset: int, length: int) -> AsyncIterator[bytes]:
        path = self.path(key)
        handle = await asyncio.to_thread(open, path, "rb")
        try:
            await asyncio.to_thread(handle.seek, offset)
            left = length
            while left > 0:
                data = await asyncio.to_thread(handle.read, min(CHUNK, left))
                if not data:
                    break
                left -= len(data)
                yield data
        finally:
            await asyncio.to_thread(handle.close)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path(key).is_file)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path(key).unlink, True)

    async def keys_older_than(self, cutoff: datetime) -> list[str]:
        limit = cutoff.timestamp()

        def scan() -> list[str]:
            if not self.objects.is_dir():
                return []
            return [
                entry.name
                for folder in self.objects.iterdir()
                if folder.is_dir()
                for entry in os.scandir(folder)
                if entry.is_file() and entry.stat().st_mtime < limit
            ]

        return await asyncio.to_thread(scan)

    async def sweep_incomplete(self, cutoff: datetime) -> int:
        limit = cutoff.timestamp()

        def sweep() -> int:
            if not self.tmp.is_dir():
                return 0
            removed = 0
            for entry in os.scandir(self.tmp):
                if entry.is_file() and entry.stat().st_mtime < limit:
                    Path(entry.path).unlink(missing_ok=True)
                    removed += 1
            return removed

        return await asyncio.to_thread(sweep)

    async def presigned_url(
        self,
        key: str,  # noqa: ARG002 - the port's signature; a folder has no URLs
        *,
        filename: str,  # noqa: ARG002
        content_type: str,  # noqa: ARG002
        expires_in: int,  # noqa: ARG002
    ) -> str | None:
        return None
