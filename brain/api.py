"""The one list of installed domains and their routers, mounted under `/api`.

Adding a domain: append a `Domain` here, import its models in `brain/models.py`, subscribe
its handlers in `brain/handlers.py` (docs/development.md walks through it).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, FastAPI

from brain.core.health import router as health_router
from brain.core.routes import API_PREFIX
from brain.domains.auth.router import router as auth_router
from brain.domains.buz.router import router as buz_router
from brain.domains.legal.router import router as legal_router
from brain.domains.state_machines.router import router as state_machines_router
from brain.domains.users.router import router as users_router


@dataclass(frozen=True)
class Domain:
    name: str
    router: APIRouter
    description: str


# In dependency order (house style): a domain may import only those above it.
DOMAINS: list[Domain] = [
    Domain(
        "users",
        users_router,
        "Accounts, profiles (with per-field visibility), settings, activity and stats.",
    ),
    Domain(
        "auth",
        auth_router,
        "Sign-in, tokens and sessions, password reset and email verification, roles and "
        "the security audit log. Use **Authorize** with your email as the username.",
    ),
    Domain(
        "state-machines",
        state_machines_router,
        "The workflow engine behind every lifecycle: definitions (with Mermaid diagrams), "
        "instances, events, history and stats. Administrators only; domains drive their own "
        "machines.",
    ),
    Domain(
        "legal",
        legal_router,
        "Legal templates and their versions, multi-party e-signing with evidence, "
        "verification and completion certificates, the hash-chained audit log, and the "
        "compliance rules that gate actions elsewhere (`COMPLIANCE_REQUIRED`).",
    ),
    Domain(
        "buz",
        buz_router,
        "The BUZ token: a double-entry ledger of wallets, staking and system accounts. "
        'Amounts are decimal strings with at most two places (`"1000.50"`); every write '
        "takes an `Idempotency-Key` header.",
    ),
]

SYSTEM_TAG = {
    "name": "system",
    "description": "Health and liveness probes of the Brain process.",
}


def openapi_tags() -> list[dict[str, str]]:
    return [SYSTEM_TAG] + [{"name": d.name, "description": d.description} for d in DOMAINS]


def include_routers(app: FastAPI) -> None:
    """Mount the health router and every domain's router under `/api`.

    Each is included directly on the app with the `/api` prefix rather than through an `/api`
    router holding them: FastAPI (since 0.137) keeps included routers as a tree and walks it on
    every request, each level twice (once to find the branch, again inside it), so a level of
    nesting was ~10 % of the CPU of a cheap request. Matching is a linear scan in this order;
    each domain's `DomainRouter` turns away paths outside its prefix at once, so a request
    walks only its own domain's routes (fastapi/fastapi#16159 asks for this upstream).
    """
    app.include_router(health_router, prefix=API_PREFIX)
    for domain in DOMAINS:
        app.include_router(domain.router, prefix=API_PREFIX)
