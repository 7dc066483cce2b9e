"""The notifications domain's part of a user's data export (brain/core/export.py): the emails
sent to the user.

Messages are kept by address, not by user id (a message is addressed when it is rendered), so
those listed are the ones sent to the user's current address. A closed account's address is
pseudonymized, so its export lists none. The body is left out: it is erased once delivered,
and until then it can hold a secret (a password-reset link) that a download must not carry.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.notifications.models import EmailMessage
from brain.domains.users import service as users

EMAILS = Keyset(
    "notifications.export_emails",
    sa.inspect(EmailMessage).columns.created_at,
    sa.inspect(EmailMessage).columns.id,
)


def _email(row: EmailMessage) -> dict[str, Any]:
    return json_object(
        row.model_dump(include={"id", "to", "template", "subject", "status", "attempts",
                                "created_at", "sent_at"})
    )  # fmt: skip


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    user = await users.get_user(session, user_id)
    sent = select(EmailMessage).where(EmailMessage.to == user.email)
    return {"emails": keyset_rows(session, EMAILS, sent, _email)}


EXPORT = DataExport(collect=collect, tables=("email_messages",))
