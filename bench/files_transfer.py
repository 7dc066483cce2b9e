"""A 50 MB upload and download through a real uvicorn process, beside a plain `cp`.

    python -m bench.files_transfer --help

Starts the Brain under uvicorn (one worker, SQLite, local storage, both in a temporary
folder), signs in a seeded MEMBER, makes a `--mb` MB PNG (a valid header and a large
ancillary chunk of random bytes), then:

- uploads it (`POST /api/files`, multipart, streamed from disk by httpx) and downloads it
  (`GET /api/files/{id}/content`, streamed to disk), `--rounds` times each;
- samples the worker's RSS every 50 ms during each, and reports the idle RSS, the peak of
  each phase and how far the peak is above idle: what a transfer costs in memory, which must
  not grow with the file (the body is never held whole; the bar is under 100 MB for 50 MB);
- reports MB/s of each (the median round), beside `cp` of the same file on the same disk;
- checks the downloaded bytes' SHA-256 against the source.

Everything is in a temporary folder removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import httpx

from bench.servers import RssSampler, Server, free_port, uvicorn_command

MB = 1024 * 1024


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.files_transfer", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--mb", type=int, default=50, help="size of the file, in MiB")
    p.add_argument("--rounds", type=int, default=3)
    return p.parse_args()


def make_png(path: Path, size: int) -> str:
    """A PNG of exactly `size` bytes (random payload in a `teXt` chunk); returns its SHA-256."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    tail = chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    payload = b"pad\x00" + os.urandom(size - len(head) - len(tail) - 12 - 4)
    data = head + chunk(b"teXt", payload) + tail
    assert len(data) == size
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def seed_token(env: dict[str, str]) -> str:
    """A MEMBER's access token, made in a child process against the bench database."""
    code = """
import asyncio
from brain import handlers
from brain.core import db, jobs
from brain.core.config import get_settings
from brain.domains.auth import service as auth
from brain.domains.users import service as users
from brain.domains.users.schemas import Role

async def main() -> None:
    settings = get_settings()
    db.configure(settings)
    jobs.configure(settings, autostart=False)
    handlers.register()
    async with db.session_scope() as session:
        user = await users.create_user(session, email="bench-files@example.com",
            display_name="Bench", source="admin", role=Role.MEMBER)
        tokens = await auth.start_session(session, settings, user_id=user.id,
            client=auth.Client(ip="127.0.0.1"), method="bench")
    print(tokens.access_token)
    await db.dispose()

asyncio.run(main())
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def timed_cp(source: Path, folder: Path) -> float:
    target = folder / "copy.bin"
    start = time.perf_counter()
    subprocess.run(["cp", str(source), str(target)], check=True)
    # cp returns when the bytes are in the page cache; so does the Brain's storage until its
    # fsync, which cp does not do: sync here so both are measured to the disk.
    subprocess.run(["sync", str(target)], check=True)
    elapsed = time.perf_counter() - start
    target.unlink()
    return elapsed


def upload(base: str, token: str, source: Path) -> tuple[str, float]:
    with httpx.Client(base_url=base, timeout=300) as http, source.open("rb") as handle:
        start = time.perf_counter()
        response = http.post(
            "/api/files",
            files={"file": ("bench.png", handle, "image/png")},
            headers={"Authorization": f"Bearer {token}"},
        )
        elapsed = time.perf_counter() - start
    response.raise_for_status()
    return str(response.json()["id"]), elapsed


def download(base: str, token: str, file_id: str, target: Path) -> tuple[str, float]:
    digest = hashlib.sha256()
    with httpx.Client(base_url=base, timeout=300) as http, target.open("wb") as handle:
        start = time.perf_counter()
        with http.stream(
            "GET", f"/api/files/{file_id}/content", headers={"Authorization": f"Bearer {token}"}
        ) as response:
            response.raise_for_status()
            for part in response.iter_bytes(256 * 1024):
                digest.update(part)
                handle.write(part)
        elapsed = time.perf_counter() - start
    return digest.hexdigest(), elapsed


def run(args: argparse.Namespace, folder: Path) -> None:
    size = args.mb * MB
    source = folder / "source.png"
    expected = make_png(source, size)
    env = os.environ | {
        "BRAIN_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bench.db'}",
        "BRAIN_DATA_DIR": str(folder / "data"),
        "BRAIN_STORAGE_DIR": str(folder / "files"),
        "BRAIN_RATE_LIMITS_ENABLED": "false",
        "BRAIN_LOG_LEVEL": "WARNING",
        "BRAIN_ACCESS_LOG": "false",
        "BRAIN_FILE_MAX_BYTES": str(max(size, 50 * MB)),
    }
    env.pop("BRAIN_REDIS_URL", None)
    subprocess.run([Path(sys.executable).parent / "brain", "migrate"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    token = seed_token(env)
    port = free_port()
    server = Server(
        "brain", uvicorn_command("brain.app:create_app", factory=True, port=port, workers=1),
        port=port, env=env,
    )  # fmt: skip
    try:
        server.wait_ready()
        idle = max(server.wait_workers_settled(1).values())
        ups: list[float] = []
        downs: list[float] = []
        peak_up = peak_down = 0.0
        for n in range(args.rounds):
            sampler = RssSampler(server, interval=0.05)
            with sampler.measuring():
                file_id, seconds = upload(server.base, token, source)
            sampler.close()
            peak_up = max(peak_up, *sampler.peak.values())
            ups.append(seconds)
            sampler = RssSampler(server, interval=0.05)
            with sampler.measuring():
                digest, seconds = download(server.base, token, file_id, folder / f"down-{n}.png")
            sampler.close()
            peak_down = max(peak_down, *sampler.peak.values())
            downs.append(seconds)
            assert digest == expected, "the downloaded bytes differ from the upload"
            (folder / f"down-{n}.png").unlink()
        cps = [timed_cp(source, folder) for _ in range(args.rounds)]
    finally:
        server.stop()

    def rate(seconds: list[float]) -> str:
        return f"{args.mb / statistics.median(seconds):.0f} MB/s"

    print(f"file: {args.mb} MiB PNG, {args.rounds} rounds (median); worker RSS idle {idle:.0f} MB")
    print("| operation | throughput | peak worker RSS | above idle |")
    print("|---|---|---|---|")
    print(f"| upload `POST /api/files` | {rate(ups)} | {peak_up:.0f} MB | "
          f"+{peak_up - idle:.0f} MB |")  # fmt: skip
    print(f"| download `GET /api/files/{{id}}/content` | {rate(downs)} | {peak_down:.0f} MB | "
          f"+{peak_down - idle:.0f} MB |")  # fmt: skip
    print(f"| `cp` + `sync` of the same file | {rate(cps)} | | |")
    grown = max(peak_up, peak_down) - idle
    verdict = "under" if grown < 100 else "OVER"
    print(f"bar: a {args.mb} MiB transfer grows the worker by {grown:.0f} MB, {verdict} 100 MB "
          f"(absolute peak {max(peak_up, peak_down):.0f} MB, of which {idle:.0f} MB is the idle "
          "app)")  # fmt: skip


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-files-") as tmp:
        run(args, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
