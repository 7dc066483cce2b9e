"""The quota under concurrent uploads, with real commits: each upload records itself in its
own session, and no interleaving lets two of them past the quota together."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.core.errors import BrainError
from brain.domains.files import service
from brain.domains.files.models import FileQuota, StoredFile
from brain.domains.files.upload import Uploaded
from brain.domains.users.models import User, UserActivity
from brain.domains.users.schemas import Role
from tests.factories.users import make_user

SIZE = 1000
CONTENDERS = 6


@pytest.fixture
async def owner(committed_db: async_sessionmaker[AsyncSession]) -> AsyncIterator[uuid.UUID]:
    async with committed_db() as session:
        user = await make_user(session, role=Role.MEMBER)
        await session.commit()
        user_id = user.id
    yield user_id
    async with committed_db() as session:
        await session.exec(sa.delete(StoredFile).where(col(StoredFile.owner_id) == user_id))
        await session.exec(sa.delete(FileQuota).where(col(FileQuota.user_id) == user_id))
        await session.exec(sa.delete(UserActivity).where(col(UserActivity.user_id) == user_id))
        await session.exec(sa.delete(User).where(col(User.id) == user_id))
        await session.commit()


async def _record(factory: async_sessionmaker[AsyncSession], owner_id: uuid.UUID) -> str:
    upload = Uploaded(
        key=uuid.uuid4().hex,
        name="a.png",
        content_type="image/png",
        size=SIZE,
        sha256="0" * 64,
        venture_id=None,
        tags=[],
    )
    try:
        async with factory() as session:
            await service.record_upload(session, owner_id=owner_id, upload=upload)
            await session.commit()
            return "stored"
    except BrainError as exc:
        return exc.code


async def test_concurrent_uploads_cannot_pass_the_quota_together(
    committed_db: async_sessionmaker[AsyncSession],
    owner: uuid.UUID,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "file_quota_bytes", SIZE * 2 + 10)
    outcomes = await asyncio.gather(*(_record(committed_db, owner) for _ in range(CONTENDERS)))
    assert sorted(outcomes) == ["QUOTA_EXCEEDED"] * (CONTENDERS - 2) + ["stored"] * 2
    async with committed_db() as session:
        used = await service.used_bytes(session, owner)
        count = await session.scalar(
            sa.select(sa.func.count())
            .select_from(StoredFile)
            .where(col(StoredFile.owner_id) == owner)
        )
    assert used == SIZE * 2
    assert count == 2
