"""Channels: members only, a removed member stops receiving, domain events become messages,
recovery by offset and epoch, presence."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.broadcast import Broadcast
from brain.core.jobs import InProcessJobs
from tests.domains.websocket.conftest import ServerFactory, open_client, token_of
from tests.factories.buz import make_signed_in_holder
from tests.factories.legal import sign_personal
from tests.factories.ventures import add_member, create_venture, make_founder


async def test_a_transfer_is_a_token_update_to_both_users_with_their_new_balance(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient, job_runner: InProcessJobs
) -> None:
    ada, ada_h = await make_signed_in_holder(session, balance="100")
    bob, bob_h = await make_signed_in_holder(session, balance="5")
    await sign_personal(client, ada_h, "BTS", "BPP")
    url = await serve()
    ada_ws, _ = await open_client(url, token_of(ada_h))
    bob_ws, _ = await open_client(url, token_of(bob_h))
    sent = await client.post(
        "/api/buz/transfer",
        json={"to_user_id": str(bob.id), "amount": "10"},
        headers=ada_h | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert sent.status_code == 201, sent.text
    transfer_id = sent.json()["id"]
    await job_runner.run_until_idle()  # the update is a job (the worker's, in production)
    # Bob's inbox item for the transfer may come first on his channel, and the token updates
    # of the holders' funding rewards (their events are delivered in the same batch here).
    received = await bob_ws.next("token_update", skipping=("notification",))
    while received["data"]["transfer_id"] != transfer_id:
        received = await bob_ws.next("token_update", skipping=("notification",))
    assert received["channel"] == f"user:{bob.id}"
    assert received["data"]["transfer_id"] == transfer_id
    assert received["data"]["direction"] == "received"
    assert received["data"]["amount"] == "10.00"
    assert received["data"]["available_balance"] == "15.00"
    paid = await ada_ws.next("token_update")
    while paid["data"]["transfer_id"] != transfer_id:
        paid = await ada_ws.next("token_update")
    assert paid["data"]["transfer_id"] == transfer_id
    assert paid["data"]["direction"] == "sent"
    balance = await client.get(f"/api/buz/balance/{ada.id}", headers=ada_h)
    assert paid["data"]["available_balance"] == balance.json()["available"]
    for ws in (ada_ws, bob_ws):
        await ws.ws.close()


async def test_a_non_member_is_refused_a_venture_and_its_team_channel(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient
) -> None:
    _, owner_h = await make_founder(session, client)
    venture = await create_venture(client, owner_h)  # PUBLIC: visible, yet not a member
    _, stranger_h = await make_signed_in_holder(session)
    url = await serve()
    ws, _ = await open_client(url, token_of(stranger_h))
    for channel in (f"venture:{venture['id']}", f"team:{venture['id']}", f"venture:{uuid.uuid4()}"):
        refused = await ws.subscribe(channel)
        assert (refused["type"], refused["code"], refused["channel"]) == (
            "error",
            "CHANNEL_FORBIDDEN",
            channel,
        )
    await ws.ws.close()


async def test_members_hear_a_stage_change_and_a_removed_member_stops_receiving(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient, hub: Broadcast
) -> None:
    _, owner_h = await make_founder(session, client)
    venture = await create_venture(client, owner_h)
    vid = venture["id"]
    member, member_h = await add_member(session, client, owner_h, vid)
    url = await serve()
    owner_ws, _ = await open_client(url, token_of(owner_h))
    member_ws, _ = await open_client(url, token_of(member_h))
    for ws in (owner_ws, member_ws):
        joined = await ws.subscribe(f"venture:{vid}")
        assert joined["type"] == "subscribed", joined
        assert (await ws.subscribe(f"team:{vid}"))["type"] == "subscribed"

    advanced = await client.post(
        f"/api/ventures/{vid}/stage", json={"event": "advance", "reason": "plan"}, headers=owner_h
    )
    assert advanced.status_code == 200, advanced.text
    for ws in (owner_ws, member_ws):
        update = await ws.next("venture_update")
        assert update["channel"] == f"venture:{vid}"
        assert update["data"]["event"] == "stage_changed"
        assert (update["data"]["from_stage"], update["data"]["to_stage"]) == ("IDEA", "PLANNING")

    removed = await client.delete(f"/api/ventures/{vid}/team/{member.id}", headers=owner_h)
    assert removed.status_code == 204, removed.text
    gone: set[str] = set()
    while len(gone) < 2:
        frame = await member_ws.recv()
        if frame["type"] == "unsubscribed":
            assert frame["reason"] == "removed"
            gone.add(frame["channel"])
        elif frame.get("channel") != f"user:{member.id}":  # their own inbox is still theirs
            # at most the team's news of their own removal, racing the unsubscription
            assert frame["data"]["event"] == "member_left", frame
    assert gone == {f"venture:{vid}", f"team:{vid}"}
    left = await owner_ws.next("venture_update")
    assert (left["channel"], left["data"]["event"]) == (f"team:{vid}", "member_left")
    assert left["data"]["user_id"] == str(member.id)
    await hub.publish(f"venture:{vid}", {"type": "venture_update", "data": {"after": True}})
    assert (await owner_ws.next("venture_update"))["data"] == {"after": True}
    await member_ws.nothing()
    # Nor can they come back.
    assert (await member_ws.subscribe(f"venture:{vid}"))["code"] == "CHANNEL_FORBIDDEN"
    for ws in (owner_ws, member_ws):
        await ws.ws.close()


async def test_a_reconnecting_client_receives_exactly_what_it_missed_in_order(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient, hub: Broadcast
) -> None:
    user, headers = await make_signed_in_holder(session)
    _, owner_h = await make_founder(session, client)
    venture = await create_venture(client, owner_h)
    url = await serve()
    channel = f"user:{user.id}"
    ws, ready = await open_client(url, token_of(headers))
    await hub.publish(channel, {"type": "notification", "data": {"n": 1}})
    last = await ws.next("notification")
    await ws.ws.close()
    for n in (2, 3, 4):
        await hub.publish(channel, {"type": "notification", "data": {"n": n}})

    ws, ready = await open_client(
        url, token_of(headers), offset=last["offset"], epoch=last["epoch"]
    )
    assert ready["recovered"] is True
    missed = [await ws.next("notification") for _ in range(3)]
    assert [m["data"]["n"] for m in missed] == [2, 3, 4]
    assert [m["offset"] for m in missed] == [last["offset"] + k for k in (1, 2, 3)]
    await ws.nothing()
    # Live messages continue after the recovered ones, without a gap or a repeat.
    await hub.publish(channel, {"type": "notification", "data": {"n": 5}})
    assert (await ws.next("notification"))["data"] == {"n": 5}

    # The same on a subscribed channel; another epoch means: reload.
    broadcast_channel = "broadcast"
    start = await ws.subscribe(broadcast_channel)
    await ws.send(type="unsubscribe", channel=broadcast_channel)
    assert (await ws.next("unsubscribed"))["reason"] == "client"
    await hub.publish(broadcast_channel, {"type": "system_announcement", "data": {"n": 1}})
    again = await ws.subscribe(broadcast_channel, offset=start["offset"], epoch=start["epoch"])
    assert (again["type"], again["recovered"]) == ("subscribed", True)
    assert (await ws.next("system_announcement"))["data"] == {"n": 1}
    await ws.send(type="unsubscribe", channel=broadcast_channel)
    await ws.next("unsubscribed")
    stale = await ws.subscribe(broadcast_channel, offset=start["offset"], epoch="another-epoch")
    assert (stale["type"], stale["recovered"]) == ("subscribed", False)
    await ws.nothing()
    await ws.ws.close()
    del venture


async def test_a_history_that_no_longer_covers_the_offset_says_reload(
    serve: ServerFactory, session: AsyncSession, hub: Broadcast
) -> None:
    user, headers = await make_signed_in_holder(session)
    channel = f"user:{user.id}"
    first = await hub.publish(channel, {"type": "notification", "data": {"n": 0}})
    for n in range(1, hub.history_size + 2):
        await hub.publish(channel, {"type": "notification", "data": {"n": n}})
    url = await serve()
    ws, ready = await open_client(url, token_of(headers), offset=first.offset, epoch=first.epoch)
    assert ready["recovered"] is False
    await ws.nothing()
    await ws.ws.close()


async def test_presence_on_a_venture_channel(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient
) -> None:
    owner, owner_h = await make_founder(session, client)
    venture = await create_venture(client, owner_h)
    vid = venture["id"]
    member, member_h = await add_member(session, client, owner_h, vid)
    url = await serve()
    owner_ws, _ = await open_client(url, token_of(owner_h))
    await owner_ws.subscribe(f"venture:{vid}")
    member_ws, _ = await open_client(url, token_of(member_h))
    await member_ws.subscribe(f"venture:{vid}")
    joined = await owner_ws.next("presence")
    if joined["data"]["user_id"] == str(owner.id):  # their own arrival first
        joined = await owner_ws.next("presence")
    assert joined["data"]["user_id"] == str(member.id)
    assert joined["data"]["action"] == "join"
    await owner_ws.send(type="presence", channel=f"venture:{vid}")
    listed = await owner_ws.next("presence_list")
    assert {u["user_id"] for u in listed["users"]} == {str(owner.id), str(member.id)}
    await member_ws.ws.close()
    left = await owner_ws.next("presence")
    assert (left["data"]["user_id"], left["data"]["action"]) == (str(member.id), "leave")
    await owner_ws.ws.close()
