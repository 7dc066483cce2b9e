"""The liveness baseline: a bare FastAPI app answering `GET /api/health/live` with the same
JSON and the same response model as the Brain's, without its middleware, routes or lifespan.

    uvicorn bench.baselines.live:app --workers 2
"""

from __future__ import annotations

from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel


class Liveness(BaseModel):
    status: Literal["alive"] = "alive"


app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.get("/api/health/live", response_model=Liveness)
async def live() -> Liveness:
    return Liveness()
