"""Factories for users and signed-in sessions: plain async helpers."""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import get_settings
from brain.domains.auth import service as auth
from brain.domains.users import service as users
from brain.domains.users.models import User
from brain.domains.users.schemas import Role, UserStatus

# Long enough for the policy and not in the common-password list.
DEFAULT_PASSWORD = "plum-cellar-48-violin-tide"


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


async def make_user(
    session: AsyncSession,
    *,
    role: Role = Role.GUEST,
    password: str | None = None,
    email: str | None = None,
    display_name: str | None = None,
    status: UserStatus = UserStatus.ACTIVE,
) -> User:
    """A user; with a `password` it can sign in (hashing costs ~0.1 s, so only when asked)."""
    user = await users.create_user(
        session,
        email=email or unique_email(role.value.lower()),
        display_name=display_name or f"Test {role.value.title()}",
        source="admin",
        role=role,
    )
    if password is not None:
        await auth.set_password(session, user_id=user.id, password=password)
    if status != UserStatus.ACTIVE:
        user.status = status.value
        session.add(user)
    await session.flush()
    return user


async def sign_in(session: AsyncSession, user: User) -> auth.IssuedTokens:
    """A new session for `user`, without the password round trip."""
    return await auth.start_session(
        session, get_settings(), user_id=user.id, client=auth.Client(ip="127.0.0.1"), method="test"
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def make_signed_in(
    session: AsyncSession, *, role: Role = Role.GUEST, password: str | None = None
) -> tuple[User, dict[str, str]]:
    """A user and the headers of a fresh session."""
    user = await make_user(session, role=role, password=password)
    tokens = await sign_in(session, user)
    return user, bearer(tokens.access_token)


def emails_to(address: str) -> list[str]:
    """Bodies of the emails delivered to `address`, in any spelling of it (the same identity:
    case, width, `ß`), through the local outbox (files under `<data_dir>/outbox/`, written
    once the job runner has run the delivery jobs)."""
    import email
    from email import policy

    from brain.domains.users.emails import email_key

    outbox = get_settings().data_dir / "outbox"
    bodies: list[str] = []
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if email_key(str(message["To"])) == email_key(address):
            part = message.get_body(preferencelist=("plain",))
            bodies.append(str(part.get_content()) if part is not None else "")
    return bodies


def token_from(body: str, path: str) -> str:
    """The token of the `/{path}?token=...` link in an email body."""
    import re

    match = re.search(rf"/{path}\?token=([A-Za-z0-9_\-]+)", body)
    assert match is not None, body
    return match.group(1)
