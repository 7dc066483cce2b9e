from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain import handlers
from brain.core import db
from brain.core.config import Settings
from brain.domains.notifications.models import Notification
from brain.domains.users.schemas import Role
from tests.factories.users import make_user


@pytest.fixture(autouse=True)
def _subscribed() -> None:
    handlers.register()


@pytest.fixture
async def committed_member(
    committed_db: async_sessionmaker[AsyncSession],
) -> AsyncIterator[uuid.UUID]:
    """A member committed for real (tests of truly concurrent transactions); removed with
    their notifications afterwards."""
    async with db.session_scope() as s:
        user = await make_user(s, role=Role.MEMBER)
    yield user.id
    async with db.session_scope() as s:
        await s.exec(sa.delete(Notification).where(col(Notification.user_id) == user.id))
        await s.exec(sa.text("DELETE FROM users WHERE id = :id").bindparams(id=user.id))  # type: ignore[call-overload]


@dataclass
class Received:
    mail_from: str
    rcpt_to: list[str]
    message: Message


@dataclass
class SmtpServer:
    """A minimal SMTP server on loopback (no TLS): EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT."""

    port: int = 0
    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")

        reply("220 test ESMTP")
        mail_from, rcpt_to = "", list[str]()
        try:
            while line := (await reader.readline()).decode().rstrip("\r\n"):
                verb = line.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    reply("250-test")
                    reply("250 AUTH PLAIN")
                elif verb == "AUTH":
                    _, user, password = base64.b64decode(line.split()[2]).decode().split("\0")
                    self.logins.append((user, password))
                    reply("235 ok")
                elif verb == "MAIL":
                    mail_from, rcpt_to = line[10:].strip("<>"), []
                    reply("250 ok")
                elif verb == "RCPT":
                    rcpt_to.append(line[8:].strip("<>"))
                    reply("250 ok")
                elif verb == "DATA":
                    reply("354 go on")
                    await writer.drain()
                    data = await reader.readuntil(b"\r\n.\r\n")
                    raw = data[: -len(b".\r\n")].replace(b"\r\n..", b"\r\n.")
                    self.messages.append(
                        Received(mail_from, rcpt_to, email.message_from_bytes(raw))
                    )
                    reply("250 queued")
                elif verb == "QUIT":
                    reply("221 bye")
                    await writer.drain()
                    break
                else:
                    reply("250 ok")
                await writer.drain()
        finally:
            writer.close()


@pytest.fixture
async def smtp_server() -> AsyncIterator[SmtpServer]:
    server = SmtpServer()
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    server.port = listener.sockets[0].getsockname()[1]
    async with listener:
        yield server
        listener.close()


@dataclass
class SinkHandler:
    """aiosmtpd handler: keeps every message a real SMTP conversation delivered."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: ARG002
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    """A real SMTP server (aiosmtpd) on a loopback port, started and stopped by the test."""

    handler: SinkHandler
    port: int
    controller: Any = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_sink(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpSink]:
    """Started; the settings point at it (no STARTTLS: a loopback catcher)."""
    sink = SmtpSink(SinkHandler(), free_port())
    sink.start()
    monkeypatch.setattr(settings, "smtp_url", sink.url)
    monkeypatch.setattr(settings, "smtp_starttls", False)
    yield sink
    sink.stop()
