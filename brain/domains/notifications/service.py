"""The notifications domain's face to the others: `notify` (a notification of one of the
types of the domain rules, through inbox, email and push as the user's preferences say) and
`send_email` (a plain transactional email that is no notification type: address verification,
email change).

Sending email: render now, record in the caller's transaction, deliver after commit.

`send_email` renders the template at once (an unknown template or a missing variable raises
here, in the request that asked for the email, not minutes later in a job), inserts an
`email_messages` row in the caller's transaction, and publishes `notifications.email_queued`
through the bus. After the commit the event's handler queues the delivery job; the bus's
outbox and sweeper make sure that happens even if the process dies right after the commit, and
a rolled-back transaction leaves neither a row nor an email.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import get_settings
from brain.domains.notifications.errors import EmailTemplateError, InvalidRecipient
from brain.domains.notifications.events import EmailQueued
from brain.domains.notifications.inbox import notify as notify
from brain.domains.notifications.models import EmailMessage

TEMPLATES_DIR = Path(__file__).parent / "templates"
APP_NAME = "SmartStart"

_TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
# A plain address: one @, no spaces, no display name, no header tricks.
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+$")


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body: str


@lru_cache(maxsize=64)
def _load(name: str) -> tuple[string.Template, string.Template]:
    if not _TEMPLATE_NAME.match(name):
        raise EmailTemplateError(f"invalid email template name {name!r}")
    subject_path = TEMPLATES_DIR / f"{name}.subject.txt"
    body_path = TEMPLATES_DIR / f"{name}.body.txt"
    if not subject_path.is_file() or not body_path.is_file():
        raise EmailTemplateError(f"no email template named {name!r}")
    return (
        string.Template(subject_path.read_text(encoding="utf-8").strip()),
        string.Template(body_path.read_text(encoding="utf-8")),
    )


def template_names() -> list[str]:
    return sorted(p.name.removesuffix(".subject.txt") for p in TEMPLATES_DIR.glob("*.subject.txt"))


def template_variables(name: str) -> set[str]:
    """The `${...}` names a template uses (those without a default must be in `data`)."""
    subject, body = _load(name)
    return set(subject.get_identifiers()) | set(body.get_identifiers())


def default_variables() -> dict[str, str]:
    """Variables every template may use without the caller passing them."""
    return {"app_name": APP_NAME, "public_base_url": get_settings().public_base_url.rstrip("/")}


def render(name: str, data: Mapping[str, Any]) -> RenderedEmail:
    """Fill template `name` with `data`; every `${var}` must be provided."""
    subject_t, body_t = _load(name)
    values = {**default_variables(), **{k: str(v) for k, v in data.items()}}
    try:
        subject = subject_t.substitute(values)
        body = body_t.substitute(values)
    except KeyError as exc:
        raise EmailTemplateError(
            f"email template {name!r} needs the variable {exc.args[0]!r}"
        ) from exc
    except ValueError as exc:  # a stray `$` in the template itself
        raise EmailTemplateError(f"email template {name!r} is malformed: {exc}") from exc
    if "\r" in subject or "\n" in subject:
        # A line break in a header would let data inject headers.
        raise EmailTemplateError(f"email template {name!r}: the subject must be one line")
    return RenderedEmail(subject=subject, body=body)


def _check_address(to: str) -> str:
    address = to.strip()
    if len(address) > 320 or not _ADDRESS.match(address) or parseaddr(address)[1] != address:
        raise InvalidRecipient(f"not a plain email address: {to!r}")
    return address


async def send_email(
    session: AsyncSession,
    *,
    to: str,
    template: str,
    data: dict[str, Any],
    idempotency_key: str,
) -> None:
    """Queue the email `template` rendered with `data` for `to`, once per `idempotency_key`.

    Nothing is sent unless the caller's transaction commits. A second call with the same key
    (in this transaction or any later one) does nothing, even with different arguments, so
    derive the key from what the email is about (`auth.password_reset:<token id>`).
    """
    if not idempotency_key or len(idempotency_key) > 200:
        raise ValueError("idempotency_key must be 1 to 200 characters")
    rendered = render(template, data)
    address = _check_address(to)
    existing = await session.scalar(
        select(EmailMessage.id).where(col(EmailMessage.idempotency_key) == idempotency_key)
    )
    if existing is not None:
        return
    message = EmailMessage(
        idempotency_key=idempotency_key,
        to=address,
        template=template,
        subject=rendered.subject,
        body=rendered.body,
    )
    try:
        # A savepoint, so losing a race to a concurrent transaction with the same key leaves
        # the caller's transaction usable.
        async with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return
    await bus.publish(session, EmailQueued(message_id=message.id, template=template))
