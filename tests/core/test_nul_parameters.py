"""A NUL character in a path or query parameter is a 422, never a 500.

Postgres text cannot hold a NUL (asyncpg refuses it: a 500 there), SQLite stores it; request
bodies already refuse it (`InputModel`). Parameters reach queries too: a search term, an
audit kind, a state machine's instance id."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in


@pytest.mark.parametrize(
    "url",
    [
        "/api/users?query=ab%00cd",
        "/api/auth/audit?kind=x%00",
        "/api/state-machines/LEGAL_DOCUMENT/doc%00one/state",
        "/api/state-machines/definitions/LEGAL%00DOCUMENT",
        "/api/buz/price?cursor=%00",
    ],
)
async def test_a_nul_in_a_parameter_is_a_422(
    client: AsyncClient, session: AsyncSession, url: str
) -> None:
    _, headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    response = await client.get(url, headers=headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert "NUL" in body["detail"]
    # A rule, not a schema constraint (the API fuzzer tells the two apart by the type).
    assert body["errors"][0]["type"] == "value_error"
