from __future__ import annotations

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.auth.events import LoggedIn
from brain.domains.users import service
from brain.domains.users.errors import EmailTaken
from brain.domains.users.models import UserActivity
from tests.factories.users import make_user


async def test_email_is_unique_case_insensitively(session: AsyncSession) -> None:
    user = await make_user(session, email="Case@Example.com")
    assert user.email == "Case@example.com"  # as given; the domain has no case
    assert user.email_key == "case@example.com"
    with pytest.raises(EmailTaken):
        await make_user(session, email="CASE@example.COM")
    assert await service.find_by_email(session, "  CASE@EXAMPLE.com ") is not None


async def test_activity_is_recorded_once_per_event(session: AsyncSession) -> None:
    user = await make_user(session)
    event = LoggedIn(user_id=user.id, session_id=user.id, method="password", actor_id=user.id)
    await service.record_activity(session, event)
    await service.record_activity(session, event)
    rows = (await session.exec(select(UserActivity).where(UserActivity.user_id == user.id))).all()
    assert len(rows) == 1
    assert rows[0].kind == "auth.logged_in"
    assert rows[0].data == {"session_id": str(user.id), "method": "password"}
