"""Changing the email address a user signs in with, the way Auth0 and Keycloak do it.

1. The signed-in user asks, with the new address and their current password (a stolen access
   token alone must not be enough to move the account away). A wrong password counts toward
   the lockout like a failed sign-in.
2. A one-time link goes to the NEW address (proof that the user owns it), and at once a
   notice goes to the OLD address: a change was asked for, nothing has changed yet, and how to
   stop it (changing or resetting the password spends every pending change link).
3. Opening the link changes the address, marks it verified, and sends a second notice to the
   old address. Every other session ends, and every link still pending (verification, reset,
   other changes) stops working: they went to, or were asked for, the old identity.

Only the latest link works. Whether the new address already belongs to an account is never
said in the answer (the domain rules: no endpoint reveals which emails are registered): such
an address gets a notice that an account exists there instead of a link. An address taken
between the request and the confirmation is refused then, with 409 `EMAIL_TAKEN`.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.domains.auth.audit import Client, audit
from brain.domains.auth.credentials import require_current_password
from brain.domains.auth.errors import EmailUnchanged, InvalidToken
from brain.domains.auth.one_time import (
    EMAIL_CHANGE,
    RESET,
    VERIFY,
    spend_unused_tokens,
    use_one_time_token,
)
from brain.domains.auth.recovery import EMAIL_CHANGE_LINK, send_link
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.auth.sessions import revoke_all
from brain.domains.notifications import service as notifications
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus


def mask_email(email: str) -> str:
    """`a***@example.com`: enough for the owner to recognise an address in a notice, not
    enough to hand it to whoever reads the old mailbox."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _app_url(settings: Settings) -> str:
    return (settings.public_app_url or settings.public_base_url).rstrip("/")


async def request_email_change(
    session: AsyncSession,
    settings: Settings,
    *,
    actor: AuthenticatedUser,
    new_email: str,
    current_password: str,
    client: Client,
) -> None:
    """Step 1: check the password, email a confirmation link to `new_email` and a notice to
    the current address. `new_email` is normalised as registration normalises it."""
    await require_current_password(
        session,
        settings,
        actor=actor,
        password=current_password,
        client=client,
        via="email_change",
    )
    user = await users.get_user(session, actor.id)
    normalized = users.normalize_email(new_email)
    new = normalized.address
    if normalized.key == user.email_key:  # the same identity, however it is spelled
        raise EmailUnchanged("The account already uses this address.")
    # A new request replaces the previous one: only the latest link works.
    await spend_unused_tokens(session, user_id=user.id, purposes=(EMAIL_CHANGE,))
    hours = settings.email_change_hours
    request_id = uuid.uuid4().hex  # one request, one pair of emails
    taken = await users.find_by_email(session, new) is not None
    if taken:
        await notifications.send_email(
            session,
            to=new,
            template="auth_email_change_taken",
            data={"app_url": _app_url(settings)},
            idempotency_key=f"auth.email_change_taken:{request_id}",
        )
    else:
        await send_link(
            session,
            settings,
            EMAIL_CHANGE_LINK,
            user_id=user.id,
            email=new,
            display_name=user.display_name,
            lifetime=timedelta(hours=hours),
            new_email=new,
            expires_hours=hours,
        )
    await notifications.send_email(
        session,
        to=user.email,
        template="auth_email_change_requested",
        data={
            "display_name": user.display_name,
            "new_email": mask_email(new),
            "expires_hours": hours,
            "app_url": _app_url(settings),
        },
        idempotency_key=f"auth.email_change_requested:{request_id}",
    )
    await audit(
        session,
        "email_change_requested",
        user_id=user.id,
        session_id=actor.session_id,
        client=client,
        new_email=new,
        address_taken=taken,
    )


async def confirm_email_change(
    session: AsyncSession,
    settings: Settings,
    *,
    token: str,
    client: Client,
    caller: AuthenticatedUser | None = None,
) -> uuid.UUID:
    """Step 2: spend the link's token and move the account to its address; returns the
    user's id. `caller`: the signed-in user confirming, whose session is kept if it is the
    account's own; every other session ends.

    Why sessions end: the address is the account's identity and its way back in (password
    reset). Like a password change, moving it signs every other device out, so a session
    left open on a lost or shared device does not outlive the identity it was opened under.
    """
    row = await use_one_time_token(session, token=token, purpose=EMAIL_CHANGE)
    user = await users.get_user(session, row.user_id)
    if user.status != UserStatus.ACTIVE or row.new_email is None:
        raise InvalidToken()
    old = await users.change_email(
        session, user_id=user.id, email=row.new_email, actor_id=user.id
    )  # EmailTaken (409) when another account took the address meanwhile
    await spend_unused_tokens(session, user_id=user.id, purposes=(VERIFY, RESET, EMAIL_CHANGE))
    keep = caller.session_id if caller is not None and caller.id == user.id else None
    await revoke_all(
        session, user_id=user.id, reason="email_changed", actor_id=user.id, keep=keep,
        client=client,
    )  # fmt: skip
    await audit(
        session,
        "email_changed",
        user_id=user.id,
        actor_id=user.id,
        client=client,
        old_email=old,
        new_email=user.email,
    )
    await notifications.send_email(
        session,
        to=old,
        template="auth_email_changed",
        data={
            "display_name": user.display_name,
            "new_email": mask_email(user.email),
            "app_url": _app_url(settings),
        },
        idempotency_key=f"auth.email_changed:{row.token_hash[:32]}",
    )
    return user.id
