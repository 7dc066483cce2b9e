"""`brain create-admin` bootstraps a SUPER_ADMIN who can sign in."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.domains.auth import passwords
from brain.domains.auth.models import AuthCredential
from brain.domains.notifications.models import EmailMessage
from brain.domains.users import service as users
from tests.domains.auth.test_refresh import _delete_user
from tests.factories.users import unique_email


def _run(
    *args: str, settings: Settings, data_dir: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "BRAIN_DATABASE_URL": settings.database_url,
        "BRAIN_LOG_LEVEL": "WARNING",
        # Its own outbox folder: other tests count the emails in the shared one.
        "BRAIN_DATA_DIR": str(data_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "brain", "create-admin", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


async def test_create_admin_makes_a_super_admin(
    committed_db: async_sessionmaker[AsyncSession], settings: Settings, tmp_path: Path
) -> None:
    email = unique_email("root")
    password = "bootstrap-admin-pass-91"
    result = _run(
        "--email", email, settings=settings, data_dir=tmp_path, stdin=f"{password}\n{password}\n"
    )
    assert result.returncode == 0, result.stderr
    user_id: uuid.UUID | None = None
    try:
        async with committed_db() as s:
            user = await users.find_by_email(s, email)
            assert user is not None
            user_id = user.id
            assert user.role == "SUPER_ADMIN"
            credential = await s.get(AuthCredential, user.id)
            assert credential is not None
            assert await passwords.verify_password(password, credential.password_hash)
        assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1  # the welcome email
        weak = _run(
            "--email",
            unique_email("root"),
            "--password",
            "short",
            settings=settings,
            data_dir=tmp_path,
        )
        assert weak.returncode != 0
    finally:
        if user_id is not None:
            await _delete_user(committed_db, user_id)
        # The welcome email's row was committed too; other tests count the table's rows.
        async with committed_db() as s:
            await s.exec(sa.delete(EmailMessage).where(EmailMessage.to == email))  # type: ignore[arg-type]
            await s.commit()
