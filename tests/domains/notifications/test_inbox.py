"""The inbox as a user sees it: raised by other domains' events, counted, read, archived,
deleted, private; preferences and critical types."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast, bus, db
from brain.core.jobs import InProcessJobs
from brain.core.models import OutboxEvent
from brain.domains.buz.events import StakeMatured
from brain.domains.gamification.events import BadgeEarned, LevelUp
from brain.domains.notifications import handlers
from brain.domains.notifications import service as notifications
from brain.domains.notifications.models import Notification, NotificationDelivery
from brain.domains.umbrella.events import SharePaid
from brain.domains.users.schemas import Role
from tests.factories.buz import make_signed_in_holder
from tests.factories.legal import sign_personal
from tests.factories.users import emails_to, make_signed_in, make_user

N = "/api/notifications"
BUZ_TERMS = ("BTS", "BPP")


async def inbox(client: AsyncClient, headers: dict[str, str], **query: Any) -> list[dict[str, Any]]:
    response = await client.get(N, headers=headers, params=query)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def unread(client: AsyncClient, headers: dict[str, str]) -> int:
    response = await client.get(f"{N}/unread-count", headers=headers)
    assert response.status_code == 200, response.text
    return int(response.json()["unread"])


async def raise_one(user_id: uuid.UUID, key: str, type_: str = "buz.stake_matured") -> uuid.UUID:
    async with db.session_scope() as s:
        return await notifications.notify(
            s, type=type_, user_id=user_id, data={"position_id": key, "reward": "1.00"},
            source_key=key,
        )  # fmt: skip


async def test_a_transfer_puts_one_notification_in_the_inbox_even_when_redelivered(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    alice, a_headers = await make_signed_in_holder(session, balance="100")
    await sign_personal(client, a_headers, *BUZ_TERMS)
    bob, b_headers = await make_signed_in(session, role=Role.MEMBER)
    await make_holder_accounts(session, bob.id)
    sent = await client.post(
        "/api/buz/transfer",
        json={"to_user_id": str(bob.id), "amount": "12.50"},
        headers=a_headers | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert sent.status_code == 201, sent.text
    await job_runner.run_until_idle()

    [item] = await inbox(client, b_headers)
    assert item["type"] == "buz.received"
    assert item["title"] == "You received 12.50 BUZ"
    assert alice.display_name in item["body"]
    assert item["read"] is False
    assert await unread(client, b_headers) == 1

    # The event delivered again: through the bus (its delivery record makes it a no-op) and
    # straight to the handler (as if that record were lost): still one notification.
    [row] = [
        r
        for r in (
            await session.exec(
                select(OutboxEvent).where(col(OutboxEvent.name) == "buz.transfer_completed")
            )
        ).all()
        if r.payload["kind"] == "TRANSFER"
    ]
    await bus.dispatch([row.id])
    event = bus.DomainEvent._types[row.name].model_validate(row.payload)
    async with db.session_scope() as s:
        await handlers.on_transfer(s, event)  # type: ignore[arg-type]
    await job_runner.run_until_idle()
    assert len(await inbox(client, b_headers)) == 1
    assert await unread(client, b_headers) == 1
    sender_sees = [i["type"] for i in await inbox(client, a_headers)]
    assert "buz.received" not in sender_sees, "the sender is not notified"

    read = await client.post(f"{N}/{item['id']}/read", headers=b_headers)
    assert read.status_code == 200
    assert read.json()["read"] is True
    assert await unread(client, b_headers) == 0
    # Reading it again changes nothing, the counter included.
    assert (await client.post(f"{N}/{item['id']}/read", headers=b_headers)).status_code == 200
    assert await unread(client, b_headers) == 0


async def make_holder_accounts(session: AsyncSession, user_id: uuid.UUID) -> None:
    from brain.domains.buz import service as buz

    await buz.open_accounts(session, user_id=user_id)


async def test_read_unread_archive_delete_and_read_all_keep_the_count_exact(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    ids = [str(await raise_one(user.id, f"p{i}")) for i in range(4)]
    assert await unread(client, headers) == 4
    assert [i["id"] for i in await inbox(client, headers)] == ids[::-1], "newest first"

    await client.post(f"{N}/{ids[0]}/read", headers=headers)
    assert await unread(client, headers) == 3
    assert [i["id"] for i in await inbox(client, headers, unread="true")] == ids[:0:-1]
    await client.post(f"{N}/{ids[0]}/unread", headers=headers)
    assert await unread(client, headers) == 4

    archived = await client.post(f"{N}/{ids[1]}/archive", headers=headers)
    assert archived.json()["archived"] is True
    assert archived.json()["read"] is True
    assert await unread(client, headers) == 3
    assert ids[1] not in [i["id"] for i in await inbox(client, headers)]
    assert [i["id"] for i in await inbox(client, headers, archived="true")] == [ids[1]]

    assert (await client.delete(f"{N}/{ids[2]}", headers=headers)).status_code == 204
    assert await unread(client, headers) == 2
    assert (await client.get(f"{N}/{ids[2]}", headers=headers)).status_code == 404
    assert (await client.delete(f"{N}/{ids[2]}", headers=headers)).status_code == 404

    done = await client.post(f"{N}/read-all", headers=headers)
    assert done.json() == {"marked": 2, "unread": 0}
    assert (await client.post(f"{N}/read-all", headers=headers)).json()["marked"] == 0

    other = await inbox(client, headers, type="buz.received")
    assert other == []


async def test_another_user_cannot_read_mark_or_delete_my_notification(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    owner, o_headers = await make_signed_in(session, role=Role.MEMBER)
    _, x_headers = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    item = await raise_one(owner.id, "mine")
    for headers in (x_headers, admin):
        assert (await client.get(f"{N}/{item}", headers=headers)).status_code == 404
        for action in ("read", "unread", "archive"):
            response = await client.post(f"{N}/{item}/{action}", headers=headers)
            assert response.status_code == 404
            assert response.json()["code"] == "RESOURCE_NOT_FOUND"
        assert (await client.get(f"{N}/{item}/deliveries", headers=headers)).status_code == 404
        assert (await client.delete(f"{N}/{item}", headers=headers)).status_code == 404
    [mine] = await inbox(client, o_headers)
    assert mine["read"] is False
    assert await unread(client, o_headers) == 1


async def test_with_email_off_for_a_type_only_the_inbox_gets_it(
    client: AsyncClient,
    session: AsyncSession,
    job_runner: InProcessJobs,
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    put = await client.put(
        f"{N}/preferences",
        json={"preferences": [{"type": "system.announcement", "channel": "email",
                               "enabled": False}]},
        headers=headers,
    )  # fmt: skip
    assert put.status_code == 200, put.text
    pref = {(p["type"], p["channel"]): p for p in put.json()["preferences"]}
    assert pref[("system.announcement", "email")]["enabled"] is False
    assert pref[("system.announcement", "in_app")]["enabled"] is True
    async with db.session_scope() as s:
        await notifications.notify(
            s, type="system.announcement", user_id=user.id, source_key="a1",
            data={"announcement_title": "Hi", "announcement_body": "News"},
        )  # fmt: skip
    await job_runner.run_until_idle()
    [item] = await inbox(client, headers)
    assert item["title"] == "Hi"
    assert emails_to(user.email) == []
    deliveries = (await client.get(f"{N}/{item['id']}/deliveries", headers=headers)).json()
    status = {d["channel"]: (d["status"], d["reason"]) for d in deliveries}
    assert status["in_app"] == ("SENT", None)
    assert status["email"] == ("SKIPPED", "switched off by preference")
    assert status["push"] == ("SKIPPED", "no push device registered")


async def test_a_password_reset_is_emailed_whatever_the_preferences(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    user = await make_user(session, role=Role.MEMBER)
    # A critical type cannot be switched off ...
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    locked = await client.put(
        f"{N}/preferences",
        json={"preferences": [{"type": "auth.password_reset", "channel": "email",
                               "enabled": False}]},
        headers=headers,
    )  # fmt: skip
    assert locked.status_code == 422
    assert locked.json()["code"] == "PREFERENCE_LOCKED"
    # ... and even the global email switch and quiet hours do not stop it.
    from brain.domains.notifications.models import QuietHours
    from brain.domains.users import service as users
    from brain.domains.users.schemas import NotificationShortcuts, SettingsUpdate

    await users.put_settings(
        session, user.id,
        SettingsUpdate(notifications=NotificationShortcuts(email=False, push=False)),
    )  # fmt: skip
    session.add(QuietHours(user_id=user.id, start_minute=0, end_minute=1439))
    await session.flush()
    forgot = await client.post("/api/auth/forgot-password", json={"email": user.email})
    assert forgot.status_code in (200, 202, 204), forgot.text
    await job_runner.run_until_idle()
    [body] = emails_to(user.email)
    assert "reset-password?token=" in body
    row = (
        await session.exec(select(Notification).where(col(Notification.user_id) == user.id))
    ).one()
    assert row.type == "auth.password_reset"
    assert row.in_inbox is False, "email only"
    await session.refresh(row)
    assert row.data == {}, "the reset link is not kept once sent"


async def test_preferences_list_every_type_and_channel_and_change_only_those_named(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    first = (await client.get(f"{N}/preferences", headers=headers)).json()
    assert len(first["preferences"]) == 12 * 3
    received = {p["channel"]: p for p in first["preferences"] if p["type"] == "buz.received"}
    assert received["in_app"]["enabled"] is True
    assert received["email"] == {
        "type": "buz.received", "channel": "email", "enabled": False, "default": False,
        "locked": False,
    }  # fmt: skip
    changed = await client.put(
        f"{N}/preferences",
        json={
            "preferences": [{"type": "buz.received", "channel": "email", "enabled": True}],
            "quiet_hours": {"start": "22:00", "end": "07:00"},
        },
        headers=headers,
    )
    after = changed.json()
    assert after["quiet_hours"] == {"start": "22:00", "end": "07:00"}
    diff = [
        (a["type"], a["channel"])
        for a, b in zip(after["preferences"], first["preferences"], strict=True)
        if a != b
    ]
    assert diff == [("buz.received", "email")]
    for bad in (
        {"preferences": [{"type": "nope.nope", "channel": "email", "enabled": True}]},
        {"preferences": [{"type": "buz.received", "channel": "sms", "enabled": True}]},
        {"quiet_hours": {"start": "25:00", "end": "07:00"}},
    ):
        refused = await client.put(f"{N}/preferences", json=bad, headers=headers)
        assert refused.status_code == 422, bad
    assert (await client.get(f"{N}/preferences", headers=headers)).json() == after
    cleared = await client.put(f"{N}/preferences", json={"clear_quiet_hours": True},
                               headers=headers)  # fmt: skip
    assert cleared.json()["quiet_hours"] is None


async def test_other_domains_events_raise_their_types_once(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    events = [
        BadgeEarned(user_id=user.id, badge="FIRST_VENTURE", badge_name="First <b>Venture</b>",
                    rarity="RARE"),
        LevelUp(user_id=user.id, from_level="OWLET", to_level="FLEDGLING", total_xp=120),
        SharePaid(share_id=uuid.uuid4(), relationship_id=uuid.uuid4(), user_id=user.id, level=1,
                  amount=250, source_transfer_id=uuid.uuid4(), transfer_id=uuid.uuid4()),
        StakeMatured(position_id=uuid.uuid4(), user_id=user.id, reward=1234),
    ]  # fmt: skip
    for _ in range(2):  # published twice (two events with the same facts): one notification
        for event in events:
            async with db.session_scope() as s:
                await bus.publish(s, event.model_copy(update={"event_id": uuid.uuid4()}))
        await job_runner.run_until_idle()
    items = {i["type"]: i for i in await inbox(client, headers)}
    assert sorted(items) == [
        "buz.stake_matured", "gamification.badge_earned", "gamification.level_up",
        "umbrella.share_paid",
    ]  # fmt: skip
    assert items["gamification.badge_earned"]["title"] == "Badge earned: First <b>Venture</b>"
    assert items["umbrella.share_paid"]["title"] == "Revenue share: 2.50 BUZ"
    assert items["buz.stake_matured"]["body"] == "Your stake matured with a reward of 12.34 BUZ."
    assert await unread(client, headers) == 4


async def test_a_new_inbox_item_is_published_on_the_users_channel_after_commit(
    session: AsyncSession, job_runner: InProcessJobs, db_connection: object
) -> None:
    user = await make_user(session, role=Role.MEMBER)
    await session.flush()
    previous = broadcast._broadcast
    hub = broadcast.Broadcast()
    broadcast.use_broadcast(hub)
    try:
        async with hub.subscribe(f"user:{user.id}") as sub:
            async with db.session_scope() as s:
                notification_id = await notifications.notify(
                    s, type="buz.stake_matured", user_id=user.id, source_key="live",
                    data={"position_id": "p", "reward": "1.00"},
                )  # fmt: skip
                assert sub._queue.empty(), "nothing is published before the commit"
            message = await sub.get()
    finally:
        broadcast.use_broadcast(previous)
    assert message.data is not None
    assert message.data["type"] == "notification"
    assert message.data["data"]["id"] == str(notification_id)
    assert message.data["data"]["title"] == "Your stake matured"


async def test_notify_is_idempotent_and_checks_its_input(
    session: AsyncSession, job_runner: InProcessJobs, db_connection: object
) -> None:
    import pytest

    from brain.domains.notifications.errors import EmailTemplateError, UnknownNotificationType

    user = await make_user(session, role=Role.MEMBER)
    first = await raise_one(user.id, "same")
    assert await raise_one(user.id, "same") == first
    rows = (
        await session.exec(
            select(NotificationDelivery).where(col(NotificationDelivery.user_id) == user.id)
        )
    ).all()
    assert [r.channel for r in rows] == ["in_app"]
    with pytest.raises(UnknownNotificationType):
        await notifications.notify(session, type="x.y", user_id=user.id, data={}, source_key="k")
    with pytest.raises(EmailTemplateError, match="reward"):
        await notifications.notify(
            session, type="buz.stake_matured", user_id=user.id, data={"position_id": "p"},
            source_key="k",
        )  # fmt: skip
