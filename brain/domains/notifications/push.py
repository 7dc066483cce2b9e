"""Push: device registration and a provider port.

`WebPushProvider` sends RFC 8030 Web Push with an RFC 8291 (aes128gcm) encrypted payload and
RFC 8292 VAPID headers; pywebpush does the encryption and py-vapid the signing, httpx the HTTP
(async, so a slow push service holds no thread). Without VAPID keys in the settings,
`LogProvider` logs what would have been pushed, so development needs no push service.

A 404 or 410 from the push service means the subscription is gone for good (the user
unsubscribed or the browser dropped it): the device is removed. Any other failure raises, so
the delivery job retries.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Literal, Protocol
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings, get_settings
from brain.domains.notifications.errors import DeviceNotFound, InvalidPushEndpoint
from brain.domains.notifications.models import PushDevice

log = logging.getLogger(__name__)

Outcome = Literal["sent", "gone"]


@dataclass(frozen=True)
class Target:
    device_id: uuid.UUID
    endpoint: str
    p256dh: str
    auth: str


class PushProvider(Protocol):
    async def send(self, target: Target, payload: dict[str, str]) -> Outcome: ...


class LogProvider:
    """No push service configured: log the push (never its content) and call it sent."""

    async def send(self, target: Target, payload: dict[str, str]) -> Outcome:  # noqa: ARG002
        log.info("push to device %s (no VAPID keys set; logged, not sent)", target.device_id)
        return "sent"


class WebPushProvider:
    def __init__(self, settings: Settings) -> None:
        from py_vapid import Vapid

        assert settings.vapid_private_key is not None
        self._vapid = Vapid.from_string(private_key=settings.vapid_private_key)
        self._subject = settings.vapid_subject
        self._timeout = settings.smtp_timeout_seconds

    async def send(self, target: Target, payload: dict[str, str]) -> Outcome:
        # Imported on the first push, not at start: pywebpush and httpx (which loads its CLI's
        # rich and click) are ~20 MB a process that pushes nothing never needs.
        import httpx
        from pywebpush import WebPusher

        subscription = {
            "endpoint": target.endpoint,
            "keys": {"p256dh": target.p256dh, "auth": target.auth},
        }
        body = WebPusher(subscription).encode(json.dumps(payload).encode(), "aes128gcm")["body"]
        url = urlsplit(target.endpoint)
        claims: dict[str, str | int] = {
            "sub": self._subject,
            "aud": f"{url.scheme}://{url.netloc}",
            "exp": int(time.time()) + 12 * 3600,
        }
        headers = {
            **self._vapid.sign(claims),
            "TTL": "86400",
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "Urgency": "normal",
        }
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            response = await client.post(target.endpoint, content=body, headers=headers)
        if response.status_code in (404, 410):
            return "gone"
        if response.status_code >= 400:
            raise RuntimeError(f"push service answered {response.status_code}")
        return "sent"


_provider: PushProvider | None = None


def get_provider() -> PushProvider:
    if _provider is not None:
        return _provider
    settings = get_settings()
    return WebPushProvider(settings) if settings.vapid_private_key else LogProvider()


def use_provider(provider: PushProvider | None) -> None:
    """Replace the provider (tests, or another push service)."""
    global _provider
    _provider = provider


# -- devices ---------------------------------------------------------------------------------


def _check_endpoint(endpoint: str) -> None:
    url = urlsplit(endpoint)
    allowed = {"https", "http"} if get_settings().push_allow_http_endpoints else {"https"}
    if url.scheme not in allowed or not url.hostname:
        raise InvalidPushEndpoint()
    if get_settings().push_allow_http_endpoints:
        return
    try:
        address = ipaddress.ip_address(url.hostname)
    except ValueError:
        if url.hostname == "localhost" or url.hostname.endswith(".local"):
            raise InvalidPushEndpoint() from None
        return
    # An IP literal is never a real push service; refusing private ones keeps the server from
    # being aimed at the internal network.
    if not address.is_global:
        raise InvalidPushEndpoint()


async def register_device(
    session: AsyncSession, *, user_id: uuid.UUID, endpoint: str, p256dh: str, auth: str
) -> tuple[PushDevice, bool]:
    """Register (or refresh) a subscription; returns it and whether it is new. An endpoint
    that another user registered moves to this one: the browser is now theirs."""
    _check_endpoint(endpoint)
    row = (
        await session.exec(select(PushDevice).where(col(PushDevice.endpoint) == endpoint))
    ).first()
    created = row is None
    if row is None:
        row = PushDevice(user_id=user_id, endpoint=endpoint, p256dh=p256dh, auth=auth)
    row.user_id, row.p256dh, row.auth = user_id, p256dh, auth
    session.add(row)
    await session.flush()
    return row, created


async def remove_device(session: AsyncSession, *, user_id: uuid.UUID, endpoint: str) -> None:
    result = await session.exec(
        sa.delete(PushDevice)
        .where(col(PushDevice.user_id) == user_id)
        .where(col(PushDevice.endpoint) == endpoint)
    )
    if not result.rowcount:
        raise DeviceNotFound()


async def list_devices(session: AsyncSession, user_id: uuid.UUID) -> list[PushDevice]:
    return list(
        (
            await session.exec(
                select(PushDevice)
                .where(col(PushDevice.user_id) == user_id)
                .order_by(col(PushDevice.created_at), col(PushDevice.id))
            )
        ).all()
    )


async def forget(session: AsyncSession, device_id: uuid.UUID) -> None:
    await session.exec(sa.delete(PushDevice).where(col(PushDevice.id) == device_id))
