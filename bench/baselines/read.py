"""The authenticated-read baseline: a bare FastAPI app with an asyncpg pool that answers
`GET /api/buz/balance/{user_id}` with one `SELECT` on the benchmark database. No
authentication, no ORM, no transaction: the floor under what the Brain's read costs.

    BENCH_DSN=postgresql://... BENCH_POOL_SIZE=20 uvicorn bench.baselines.read:app --workers 2
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from fastapi import FastAPI, HTTPException

# The wallet's unique code (`wallet:<user id>`, see brain.domains.buz.rules), not imported:
# the baseline stays free of the Brain.
SELECT = "SELECT balance, version FROM buz_accounts WHERE code = $1"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    size = int(os.environ.get("BENCH_POOL_SIZE", "20"))
    pool = await asyncpg.create_pool(os.environ["BENCH_DSN"], min_size=1, max_size=size)
    app.state.pool = pool
    try:
        yield
    finally:
        await pool.close()


app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)


@app.get("/api/buz/balance/{user_id}")
async def balance(user_id: uuid.UUID) -> dict[str, Any]:
    row = await app.state.pool.fetchrow(SELECT, f"wallet:{user_id}")
    if row is None:
        raise HTTPException(404)
    return {
        "user_id": str(user_id),
        "available": str(row["balance"]),
        "wallet_version": row["version"],
    }
