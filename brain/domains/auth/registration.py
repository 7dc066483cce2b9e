"""Self-registration: a new GUEST account, signed in at once, with a link to verify its
email. An email already in use is refused without saying so (the answer costs the same)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.domains.auth import passwords
from brain.domains.auth.audit import Client
from brain.domains.auth.credentials import set_password
from brain.domains.auth.errors import RegistrationRefused
from brain.domains.auth.recovery import send_verification
from brain.domains.auth.schemas import RegisterRequest
from brain.domains.auth.sessions import IssuedTokens, start_session
from brain.domains.users import service as users
from brain.domains.users.errors import EmailTaken


async def register(
    session: AsyncSession, settings: Settings, *, data: RegisterRequest, client: Client
) -> IssuedTokens:
    """Create a GUEST account, set its password, email a verification link, sign it in."""
    try:
        user = await users.create_user(
            session,
            email=str(data.email),
            display_name=data.display_name,
            first_name=data.first_name,
            last_name=data.last_name,
            source="register",
            referral_code=data.referral_code,
        )
    except EmailTaken as exc:
        # Hash anyway so this answer costs what a success costs.
        await passwords.hash_password(data.password)
        raise RegistrationRefused(
            "Registration could not be completed with these details. If you already have an "
            "account, sign in or reset your password."
        ) from exc
    await set_password(session, user_id=user.id, password=data.password)
    await send_verification(session, settings, user_id=user.id)
    return await start_session(session, settings, user_id=user.id, client=client, method="register")
