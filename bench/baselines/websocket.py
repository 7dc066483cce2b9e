"""The websocket baseline: a bare `websockets` server speaking the smallest subset of the
Brain's protocol the fan-out bench uses, with no authentication, no database, no history.

    python -m bench.baselines.websocket --port 8770

A client's `auth` frame is answered `ready` unread; `subscribe` adds it to the one audience;
`ping` is answered `pong`; a `publish` frame (from the bench's publisher) is sent to every
subscribed client with `websockets.broadcast` (one frame encoded once, written to each socket
without waiting), which is the floor for a Python fan-out.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from websockets.asyncio.server import ServerConnection, broadcast, serve

AUDIENCE: set[ServerConnection] = set()


async def handler(ws: ServerConnection) -> None:
    offset = 0
    try:
        async for raw in ws:
            frame = json.loads(raw)
            kind = frame.get("type")
            if kind == "auth":
                await ws.send(json.dumps({"type": "ready"}))
            elif kind == "subscribe":
                AUDIENCE.add(ws)
                await ws.send(json.dumps({"type": "subscribed", "channel": frame["channel"]}))
            elif kind == "ping":
                await ws.send(json.dumps({"type": "pong"}))
            elif kind == "publish":
                offset += 1
                message = {
                    "type": "system_announcement",
                    "channel": "broadcast",
                    "offset": offset,
                    "epoch": "bare",
                    "data": frame["data"],
                }
                broadcast(AUDIENCE, json.dumps(message, separators=(",", ":")))
    finally:
        AUDIENCE.discard(ws)


async def main(port: int) -> None:
    async with serve(handler, "127.0.0.1", port, max_queue=64, compression=None):
        await asyncio.Future()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(main(parser.parse_args().port))
