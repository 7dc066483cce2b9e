"""Getting a rendered email out: SMTP when `BRAIN_SMTP_URL` is set, else a local `.eml` file.

SMTP goes through aiosmtplib on the event loop: no worker thread held per message while a
slow server answers (an announcement fans out thousands).
"""

from __future__ import annotations

import asyncio
import logging
import os
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
    *,
    message_id: uuid.UUID,
    sender: str,
    to: str,
    subject: str,
    body: str,
    html: str | None = None,
    unsubscribe_url: str | None = None,
) -> MimeMessage:
    """An RFC 5322 message, multipart text + HTML when `html` is given. The Message-ID derives
    from the row id, so a message that is delivered twice (a crash after the server accepted
    it) can be recognised as one. `unsubscribe_url` adds `List-Unsubscribe` with RFC 8058
    one-click (mail clients show an unsubscribe button that POSTs to it)."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "brain.invalid"
    msg = MimeMessage(policy=SMTP_POLICY)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = f"<{message_id}@{domain}>"
    if unsubscribe_url:
        msg["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg


async def deliver(settings: Settings, message_id: uuid.UUID, msg: MimeMessage) -> None:
    if settings.smtp_url:
        await _send_smtp(settings, msg)
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


async def _send_smtp(settings: Settings, msg: MimeMessage) -> None:
    # Imported on the first SMTP send, not at start: without BRAIN_SMTP_URL it is never used.
    import aiosmtplib

    assert settings.smtp_url is not None
    url = urlsplit(settings.smtp_url)
    host = url.hostname
    if url.scheme not in ("smtp", "smtps") or not host:
        raise ValueError("BRAIN_SMTP_URL must look like smtp://user:pass@host:587 or smtps://...")
    implicit_tls = url.scheme == "smtps"
    client = aiosmtplib.SMTP(
        hostname=host,
        port=url.port or (465 if implicit_tls else 587),
        timeout=settings.smtp_timeout_seconds,
        use_tls=implicit_tls,
        # STARTTLS is done below, by hand, so that its absence is an error, never a fallback.
        start_tls=False,
        tls_context=ssl.create_default_context(),
    )
    async with client:
        if client.is_ehlo_or_helo_needed:
            await client.ehlo()
        if url.scheme == "smtp" and settings.smtp_starttls:
            if not client.supports_extension("starttls"):
                # Never fall back to sending the password and the mail in clear text.
                raise aiosmtplib.SMTPNotSupported(
                    "the SMTP server does not offer STARTTLS (set BRAIN_SMTP_STARTTLS=false "
                    "only for a local mail catcher)"
                )
            await client.starttls()
        if url.username:
            await client.login(unquote(url.username), unquote(url.password or ""))
        await client.send_message(msg)
