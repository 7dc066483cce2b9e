"""Email through a real SMTP server, Web Push through a local push service, quiet hours,
retries through an outage, and what users and admins see of deliveries."""

from __future__ import annotations

import asyncio
import base64
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.config import Settings
from brain.core.jobs import InProcessJobs
from brain.domains.notifications import delivery, preferences
from brain.domains.notifications import service as notifications
from brain.domains.notifications.models import NotificationDelivery, PushDevice, QuietHours
from brain.domains.users.schemas import Role
from tests.domains.notifications.conftest import SmtpSink
from tests.factories.users import make_signed_in

N = "/api/notifications"
ANNOUNCE = {"announcement_title": "Maintenance <tonight>", "announcement_body": "A & B"}


async def announce(user_id: uuid.UUID, key: str = "a1") -> uuid.UUID:
    async with db.session_scope() as s:
        return await notifications.notify(
            s, type="system.announcement", user_id=user_id, data=ANNOUNCE, source_key=key
        )


async def statuses(
    client: AsyncClient, headers: dict[str, str], notification_id: uuid.UUID
) -> dict[str, dict[str, Any]]:
    response = await client.get(f"{N}/{notification_id}/deliveries", headers=headers)
    assert response.status_code == 200, response.text
    return {d["channel"]: d for d in response.json()}


async def test_email_goes_through_smtp_as_text_and_html_with_one_click_unsubscribe(
    client: AsyncClient,
    session: AsyncSession,
    job_runner: InProcessJobs,
    smtp_sink: SmtpSink,
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    notification_id = await announce(user.id)
    await job_runner.run_until_idle()

    [message] = smtp_sink.messages
    assert message["To"] == user.email
    assert message["Subject"] == "Maintenance <tonight>"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert "A & B" in text.get_content()
    assert "Maintenance &lt;tonight&gt;" in html.get_content()
    assert "A &amp; B" in html.get_content()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip("<>")
    assert (await statuses(client, headers, notification_id))["email"]["status"] == "SENT"

    token = link.split("token=", 1)[1]
    assert (await client.post(f"{N}/unsubscribe", params={"token": token + "x"})).status_code == 422
    assert (await client.post(f"{N}/unsubscribe", params={"token": token})).status_code == 204
    prefs = (await client.get(f"{N}/preferences", headers=headers)).json()["preferences"]
    [email_pref] = [
        p for p in prefs if (p["type"], p["channel"]) == ("system.announcement", "email")
    ]
    assert email_pref["enabled"] is False


async def test_an_smtp_outage_leaves_deliveries_failed_then_retried_none_lost(
    client: AsyncClient,
    session: AsyncSession,
    job_runner: InProcessJobs,
    smtp_sink: SmtpSink,
    settings: Settings,
) -> None:
    smtp_sink.stop()  # the mail server is down
    people = [await make_signed_in(session, role=Role.MEMBER) for _ in range(3)]
    ids = [await announce(user.id) for user, _ in people]
    await job_runner.run_until_idle()
    for (_, headers), notification_id in zip(people, ids, strict=True):
        email = (await statuses(client, headers, notification_id))["email"]
        assert email["status"] == "FAILED"
        assert email["attempts"] == settings.job_max_tries
        assert "Connect" in email["reason"] or "refused" in email["reason"].lower()
        assert email["not_before"] is not None
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    failed = await client.get(
        f"{N}/admin/deliveries", params={"status": "FAILED", "channel": "email"}, headers=admin
    )
    assert failed.status_code == 200
    assert {d["notification_id"] for d in failed.json()["items"]} >= {str(i) for i in ids}

    # Before the backoff has passed, the sweeper leaves them alone.
    assert await delivery.retry_deliveries() == 0
    smtp_sink.start()  # back
    later = datetime.now(UTC) + delivery.RETRY_CAP
    assert await delivery.retry_deliveries(now=later) == 3
    await job_runner.run_until_idle()
    assert sorted(m["To"] for m in smtp_sink.messages) == sorted(u.email for u, _ in people)
    for (_, headers), notification_id in zip(people, ids, strict=True):
        email = (await statuses(client, headers, notification_id))["email"]
        assert (email["status"], email["reason"]) == ("SENT", None)
    assert await delivery.retry_deliveries(now=later) == 0, "a SENT delivery is never retried"


async def test_quiet_hours_delay_email_and_push_but_not_the_inbox(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs, smtp_sink: SmtpSink
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    now = datetime.now(UTC)
    start = (now.hour * 60 + now.minute - 30) % 1440
    session.add(QuietHours(user_id=user.id, start_minute=start, end_minute=(start + 120) % 1440))
    await session.flush()
    notification_id = await announce(user.id)
    await job_runner.run_until_idle()
    assert smtp_sink.messages == []
    status = await statuses(client, headers, notification_id)
    assert status["in_app"]["status"] == "SENT"
    assert status["email"]["status"] == "PENDING"
    assert status["email"]["reason"] == "waiting for quiet hours"
    waits = datetime.fromisoformat(status["email"]["not_before"])
    assert timedelta(minutes=85) < waits - now < timedelta(minutes=95)
    # When they are over (here: removed, rather than waiting 90 minutes), the deferred job
    # sends it.
    await client.put(f"{N}/preferences", json={"clear_quiet_hours": True}, headers=headers)
    await job_runner.run_until_idle(include_deferred=True)
    assert len(smtp_sink.messages) == 1


def test_quiet_hours_follow_the_users_time_zone_across_midnight() -> None:
    ctx = preferences.UserContext({}, _switches(), "America/New_York", (22 * 60, 7 * 60))
    # 03:30 UTC on a winter day is 22:30 in New York: quiet until 07:00 local (12:00 UTC).
    now = datetime(2026, 1, 15, 3, 30, tzinfo=UTC)
    assert preferences.quiet_until(ctx, now) == datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    # 13:00 UTC is 08:00 there: not quiet.
    assert preferences.quiet_until(ctx, datetime(2026, 1, 15, 13, 0, tzinfo=UTC)) is None
    # 05:00 local (10:00 UTC) is inside, after midnight: until 07:00 the same local day.
    assert preferences.quiet_until(ctx, datetime(2026, 1, 15, 10, 0, tzinfo=UTC)) == datetime(
        2026, 1, 15, 12, 0, tzinfo=UTC
    )


def _switches() -> Any:
    from brain.domains.users.schemas import NotificationShortcuts

    return NotificationShortcuts()


# -- push ------------------------------------------------------------------------------------


@dataclass
class PushService:
    """A local HTTP server acting as a push service: answers each path with its status."""

    port: int = 0
    answers: dict[str, int] = field(default_factory=dict)
    received: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)

    def endpoint(self, name: str, status: int = 201) -> str:
        self.answers[f"/push/{name}"] = status
        return f"http://127.0.0.1:{self.port}/push/{name}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = (await reader.readline()).decode().split()
        headers: dict[str, str] = {}
        while (line := (await reader.readline()).decode().strip()) != "":
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        path = request[1]
        self.received.append((path, headers, body))
        status = self.answers.get(path, 404)
        writer.write(
            f"HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        writer.close()


@pytest.fixture
async def push_service(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[PushService]:
    service = PushService()
    server = await asyncio.start_server(service.handle, "127.0.0.1", 0)
    service.port = server.sockets[0].getsockname()[1]
    key = ec.generate_private_key(ec.SECP256R1())
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    monkeypatch.setattr(settings, "vapid_private_key", base64.urlsafe_b64encode(der).decode())
    monkeypatch.setattr(settings, "vapid_public_key", "BPublicKeyForTheTest")
    monkeypatch.setattr(settings, "push_allow_http_endpoints", True)
    async with server:
        yield service
        server.close()


def browser_keys() -> dict[str, str]:
    """What a browser's PushSubscription holds: its P-256 public key and an auth secret."""
    public = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    return {"p256dh": b64(public), "auth": b64(os.urandom(16))}


async def test_web_push_reaches_the_push_service_and_a_gone_device_is_removed(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs, push_service: PushService
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    live, gone = push_service.endpoint("live"), push_service.endpoint("gone", 410)
    for endpoint in (live, gone):
        created = await client.post(
            f"{N}/devices", json={"endpoint": endpoint, "keys": browser_keys()}, headers=headers
        )
        assert created.status_code == 201, created.text
    again = await client.post(
        f"{N}/devices", json={"endpoint": live, "keys": browser_keys()}, headers=headers
    )
    assert again.status_code == 200, "registering again refreshes"
    key = await client.get(f"{N}/devices/vapid-key", headers=headers)
    assert key.json() == {"public_key": "BPublicKeyForTheTest"}

    notification_id = await announce(user.id)
    await job_runner.run_until_idle()
    assert sorted(p for p, _, _ in push_service.received) == ["/push/gone", "/push/live"]
    _, sent_headers, body = push_service.received[0]
    assert sent_headers["content-encoding"] == "aes128gcm"
    assert sent_headers["authorization"].startswith("vapid t=")
    assert sent_headers["ttl"] == "86400"
    assert b"Maintenance" not in body, "the payload is encrypted"
    assert (await statuses(client, headers, notification_id))["push"]["status"] == "SENT"
    devices = (await client.get(f"{N}/devices", headers=headers)).json()
    assert [d["endpoint"] for d in devices] == [live], "the 410 device is gone"

    # The last device gone too: the next push is SKIPPED, and the device list empties.
    push_service.answers["/push/live"] = 404
    second = await announce(user.id, "a2")
    await job_runner.run_until_idle()
    push = (await statuses(client, headers, second))["push"]
    assert (push["status"], push["reason"]) == ("SKIPPED", "every push device is gone (404/410)")
    assert (await client.get(f"{N}/devices", headers=headers)).json() == []


async def test_devices_are_validated_owned_and_removable(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    other, other_headers = await make_signed_in(session, role=Role.MEMBER)
    for endpoint in ("http://push.example/x", "https://10.0.0.5/x", "https://localhost/x", "x"):
        refused = await client.post(
            f"{N}/devices", json={"endpoint": endpoint, "keys": browser_keys()}, headers=headers
        )
        assert refused.status_code == 422, endpoint
    endpoint = "https://push.example.net/send/abc"
    body = {"endpoint": endpoint, "keys": browser_keys()}
    assert (await client.post(f"{N}/devices", json=body, headers=headers)).status_code == 201
    # Another user cannot remove it; signing in on that browser moves it to them.
    gone = await client.delete(f"{N}/devices", params={"endpoint": endpoint}, headers=other_headers)
    assert gone.status_code == 404
    moved = await client.post(f"{N}/devices", json=body, headers=other_headers)
    assert moved.status_code == 200
    row = (await session.exec(select(PushDevice).where(col(PushDevice.endpoint) == endpoint))).one()
    await session.refresh(row)
    assert row.user_id == other.id
    assert (await client.get(f"{N}/devices", headers=headers)).json() == []
    removed = await client.delete(
        f"{N}/devices", params={"endpoint": endpoint}, headers=other_headers
    )
    assert removed.status_code == 204
    assert user.id != other.id


async def test_a_preference_switched_off_after_raising_is_honoured_at_send_time(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs, smtp_sink: SmtpSink
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    notification_id = await announce(user.id)  # committed, its email job queued
    await client.put(
        f"{N}/preferences",
        json={"preferences": [{"type": "system.announcement", "channel": "email",
                               "enabled": False}]},
        headers=headers,
    )  # fmt: skip
    await job_runner.run_until_idle()
    assert smtp_sink.messages == []
    email = (await statuses(client, headers, notification_id))["email"]
    assert (email["status"], email["reason"]) == ("SKIPPED", "switched off by preference")
    rows = (
        await session.exec(
            select(NotificationDelivery).where(
                col(NotificationDelivery.notification_id) == notification_id
            )
        )
    ).all()
    assert len(rows) == 3
