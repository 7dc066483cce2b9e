"""Getting a rendered email out: SMTP when `BRAIN_SMTP_URL` is set, else a local `.eml` file.

smtplib is blocking, so it runs in a worker thread; no extra dependency is needed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import smtplib
import ssl
import uuid
from email.message import EmailMessage as MimeMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, parseaddr
from pathlib import Path
from urllib.parse import unquote, urlsplit

from brain.core.config import Settings

log = logging.getLogger(__name__)


def build_message(
    *, message_id: uuid.UUID, sender: str, to: str, subject: str, body: str
) -> MimeMessage:
    """An RFC 5322 message. The Message-ID derives from the row id, so a message that is
    delivered twice (a crash after the server accepted it) can be recognised as one."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "brain.invalid"
    msg = MimeMessage(policy=SMTP_POLICY)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = f"<{message_id}@{domain}>"
    msg.set_content(body)
    return msg


async def deliver(settings: Settings, message_id: uuid.UUID, msg: MimeMessage) -> None:
    if settings.smtp_url:
        await asyncio.to_thread(_send_smtp, settings, msg)
        log.info("email %s sent through SMTP", message_id)
    else:
        path = await asyncio.to_thread(_write_eml, settings.data_dir, message_id, msg)
        # The path only: bodies hold secrets (reset links).
        log.info("email %s written to %s (no BRAIN_SMTP_URL set)", message_id, path)


def outbox_path(data_dir: Path, message_id: uuid.UUID) -> Path:
    return data_dir / "outbox" / f"{message_id}.eml"


def _write_eml(data_dir: Path, message_id: uuid.UUID, msg: MimeMessage) -> Path:
    path = outbox_path(data_dir, message_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".eml.tmp")
    tmp.write_bytes(msg.as_bytes())
    # Atomic: a reader (or a retry) never sees half a message.
    os.replace(tmp, path)
    return path


def _send_smtp(settings: Settings, msg: MimeMessage) -> None:
    assert settings.smtp_url is not None
    url = urlsplit(settings.smtp_url)
    host = url.hostname
    if url.scheme not in ("smtp", "smtps") or not host:
        raise ValueError("BRAIN_SMTP_URL must look like smtp://user:pass@host:587 or smtps://...")
    timeout = settings.smtp_timeout_seconds
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if url.scheme == "smtps":
        client = smtplib.SMTP_SSL(host, url.port or 465, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(host, url.port or 587, timeout=timeout)
    with client:
        client.ehlo()
        if url.scheme == "smtp" and settings.smtp_starttls:
            if not client.has_extn("starttls"):
                # Never fall back to sending the password and the mail in clear text.
                raise smtplib.SMTPNotSupportedError(
                    "the SMTP server does not offer STARTTLS (set BRAIN_SMTP_STARTTLS=false "
                    "only for a local mail catcher)"
                )
            client.starttls(context=context)
            client.ehlo()
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(msg)
