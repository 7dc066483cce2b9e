"""Websocket fan-out: 2,000 sockets on one Brain process, against a bare `websockets` server.

    python -m bench.websocket_fanout --help

Migrates a fresh SQLite database, seeds `--connections / 5` users with a session each (five
sockets per user, the per-user limit) and a SUPER_ADMIN, starts the Brain on one uvicorn
process (in-process broadcast; `--redis URL` for the Redis engine), then opens the sockets
(`auth`, `subscribe` to `broadcast`) in batches. Then `--rounds` times: the publisher stamps
the wall-clock time into a message and sends it (the Brain: `POST /api/websocket/broadcast`
as the admin; the baseline: a `publish` frame), and every socket records when it arrives. The
latency of one delivery is arrival minus stamp: the publication path and the fan-out to every
socket, as one client would see it. p50, p99 and max over every delivery, the deliveries
missed, and the server's memory per connection (RSS after the sockets are open minus RSS
before, divided by their number) are printed beside the same figures for
`bench/baselines/websocket.py` (bare `websockets`, no auth, no history, no database).

The sockets are held by this one process, on the same 2 cores as the server (as the issue
asks): both sides pay the same client cost. Raise `ulimit -n` above twice `--connections`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from bench.servers import ROOT, Server, free_port, rss_mb, uvicorn_command

USERS_PER_SOCKET = 5


@dataclass
class Side:
    name: str
    latencies: list[float] = field(default_factory=list)
    missed: int = 0
    connect_seconds: float = 0.0
    rss_before: float = 0.0
    rss_after: float = 0.0
    connections: int = 0

    def per_connection_kb(self) -> float:
        return (self.rss_after - self.rss_before) * 1024 / max(1, self.connections)

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


class Audience:
    """The bench's sockets: each records the arrival of every stamped message."""

    def __init__(self, side: Side) -> None:
        self.side = side
        self.sockets: list[ClientConnection] = []
        self.readers: list[asyncio.Task[None]] = []
        self.arrived: dict[int, int] = {}
        self.round_done: dict[int, asyncio.Event] = {}
        self.expected = 0

    async def open_one(self, url: str, token: str) -> None:
        ws = await connect(url, compression=None, max_queue=None, open_timeout=60)
        await ws.send(json.dumps({"type": "auth", "token": token}))
        ready = json.loads(await ws.recv())
        if ready.get("type") != "ready":
            raise RuntimeError(f"not ready: {ready}")
        await ws.send(json.dumps({"type": "subscribe", "channel": "broadcast"}))
        while json.loads(await ws.recv()).get("type") != "subscribed":
            pass
        self.sockets.append(ws)
        self.readers.append(asyncio.create_task(self._read(ws)))

    async def _read(self, ws: ClientConnection) -> None:
        async for raw in ws:
            now = time.time()
            frame = json.loads(raw)
            if frame.get("type") == "ping":
                await ws.send('{"type":"pong"}')
                continue
            data = frame.get("data") or {}
            if "sent_at" not in data:
                continue
            self.side.latencies.append(now - float(data["sent_at"]))
            n = int(data["round"])
            self.arrived[n] = self.arrived.get(n, 0) + 1
            if self.arrived[n] >= self.expected and n in self.round_done:
                self.round_done[n].set()

    async def open_all(self, url: str, tokens: list[str], batch: int) -> None:
        started = time.perf_counter()
        for start in range(0, len(tokens), batch):
            await asyncio.gather(*(self.open_one(url, t) for t in tokens[start : start + batch]))
        self.side.connect_seconds = time.perf_counter() - started
        self.expected = len(self.sockets)
        self.side.connections = len(self.sockets)

    async def close(self) -> None:
        for task in self.readers:
            task.cancel()
        await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)


async def run_rounds(audience: Audience, publish: Any, rounds: int, gap: float) -> None:
    """One warm-up message (not counted: the first publication pays for imports and caches),
    then `rounds` measured ones."""
    for n in range(-1, rounds):
        if n == 0:
            audience.side.latencies.clear()
            audience.side.missed = 0
        audience.round_done[n] = asyncio.Event()
        await publish({"sent_at": time.time(), "round": n})
        try:
            await asyncio.wait_for(audience.round_done[n].wait(), 10)
        except TimeoutError:
            pass
        audience.side.missed += audience.expected - audience.arrived.get(n, 0)
        await asyncio.sleep(gap)


def seed(db_url: str, sockets: int) -> tuple[list[str], str]:
    """Tokens for the sockets (five per user) and the admin's token."""
    script = f"""
import asyncio, json
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession
from brain.core import db, jobs
from brain.core.config import get_settings
from brain.domains.auth import service as auth
from brain.domains.users import service as users
from brain.domains.users.schemas import Role

async def main():
    engine = create_async_engine({db_url!r})
    db.use_sessionmaker(async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False))
    jobs.configure(get_settings(), autostart=False)
    tokens, admin = [], None
    async with db.session_scope() as session:
        for n in range({sockets // USERS_PER_SOCKET} + 1):
            role = Role.SUPER_ADMIN if n == 0 else Role.MEMBER
            user = await users.create_user(session, email=f"ws-bench-{{n}}@example.com",
                display_name=f"Bench {{n}}", source="admin", role=role)
            issued = await auth.start_session(session, get_settings(), user_id=user.id,
                client=auth.Client(ip="127.0.0.1"), method="bench")
            if n == 0:
                admin = issued.access_token
            else:
                tokens += [issued.access_token] * {USERS_PER_SOCKET}
    await engine.dispose()
    print(json.dumps({{"tokens": tokens, "admin": admin}}))

asyncio.run(main())
"""
    env = os.environ | {"BRAIN_DATABASE_URL": db_url, "BRAIN_LOG_LEVEL": "WARNING"}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True
    )
    seeded = json.loads(out.stdout.decode().strip().splitlines()[-1])
    return list(seeded["tokens"])[:sockets], str(seeded["admin"])


def prepare_brain(args: argparse.Namespace) -> tuple[dict[str, str], list[str], str]:
    """A migrated database with the users seeded; the Brain's environment and the tokens."""
    folder = Path(tempfile.mkdtemp(prefix="bench-ws-"))
    db_url = f"sqlite+aiosqlite:///{folder / 'brain.db'}"
    env = os.environ | {
        "BRAIN_DATABASE_URL": db_url,
        "BRAIN_RATE_LIMITS_ENABLED": "false",
        "BRAIN_LOG_LEVEL": "WARNING",
        "BRAIN_ACCESS_LOG": "false",
        "BRAIN_ACCESS_TOKEN_MINUTES": "60",
    }
    env.pop("BRAIN_REDIS_URL", None)
    if args.redis:
        env["BRAIN_REDIS_URL"] = args.redis
    subprocess.run(
        [sys.executable, "-m", "brain.cli", "migrate"], env=env, cwd=ROOT, check=True,
        capture_output=True,
    )  # fmt: skip
    tokens, admin = seed(db_url, args.connections)
    return env, tokens, admin


async def bench_brain(
    args: argparse.Namespace, env: dict[str, str], tokens: list[str], admin: str
) -> Side:
    side = Side("Brain")
    port = free_port()
    command = [
        *uvicorn_command("brain.app:create_app", port=port, workers=1, factory=True),
        "--ws",
        "websockets-sansio",
    ]
    server = Server("brain", command, port=port, env=env)
    try:
        server.wait_ready()
        await asyncio.sleep(1)
        side.rss_before = rss_mb(server.process.pid) or 0.0
        audience = Audience(side)
        await audience.open_all(f"ws://127.0.0.1:{port}/api/websocket/connect", tokens, args.batch)
        await asyncio.sleep(1)
        side.rss_after = rss_mb(server.process.pid) or 0.0
        async with httpx.AsyncClient(base_url=server.base, timeout=30) as http:

            async def publish(data: dict[str, Any]) -> None:
                response = await http.post(
                    "/api/websocket/broadcast",
                    json={"data": data},
                    headers={"Authorization": f"Bearer {admin}"},
                )
                response.raise_for_status()

            await run_rounds(audience, publish, args.rounds, args.gap)
        await audience.close()
    finally:
        server.stop()
    return side


async def bench_baseline(args: argparse.Namespace) -> Side:
    side = Side("bare websockets")
    port = free_port()
    command = [sys.executable, "-m", "bench.baselines.websocket", "--port", str(port)]
    server = Server("baseline", command, port=port, env=os.environ)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                probe = await connect(f"ws://127.0.0.1:{port}/", open_timeout=2)
                await probe.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        await asyncio.sleep(1)
        side.rss_before = rss_mb(server.process.pid) or 0.0
        audience = Audience(side)
        tokens = [str(uuid.uuid4())] * args.connections
        await audience.open_all(f"ws://127.0.0.1:{port}/", tokens, args.batch)
        await asyncio.sleep(1)
        side.rss_after = rss_mb(server.process.pid) or 0.0
        publisher = await connect(f"ws://127.0.0.1:{port}/", compression=None)

        async def publish(data: dict[str, Any]) -> None:
            await publisher.send(json.dumps({"type": "publish", "data": data}))

        await run_rounds(audience, publish, args.rounds, args.gap)
        await publisher.close()
        await audience.close()
    finally:
        server.stop()
    return side


def table(sides: list[Side], args: argparse.Namespace) -> str:
    rows = [
        f"{args.connections} sockets on one process, {args.rounds} messages each "
        f"({args.connections * args.rounds} deliveries per side)",
        "",
        "| | p50 ms | p99 ms | max ms | missed | connect s | RSS before MB | RSS after MB "
        "| KB per connection |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in sides:
        rows.append(
            f"| {s.name} | {s.pct(0.5):.1f} | {s.pct(0.99):.1f} | "
            f"{max(s.latencies, default=0) * 1000:.1f} | {s.missed} | {s.connect_seconds:.1f} | "
            f"{s.rss_before:.0f} | {s.rss_after:.0f} | {s.per_connection_kb():.1f} |"
        )
    return "\n".join(rows)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.websocket_fanout", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--connections", type=int, default=2000)
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--gap", type=float, default=0.5, help="seconds between messages")
    p.add_argument("--batch", type=int, default=100, help="sockets opened at once")
    p.add_argument("--redis", default=None, help="Redis URL: the Brain's Redis engine")
    p.add_argument("--only", choices=("brain", "baseline"), default=None)
    return p.parse_args()


def main() -> None:
    args = parse_args()
    sides = []
    if args.only != "baseline":
        env, tokens, admin = prepare_brain(args)
        sides.append(asyncio.run(bench_brain(args, env, tokens, admin)))
    if args.only != "brain":
        sides.append(asyncio.run(bench_baseline(args)))
    print(table(sides, args))


if __name__ == "__main__":
    main()
