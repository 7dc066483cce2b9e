"""Client events (`POST /track`): checks per event, clock-skew correction, one write.

A batch is judged event by event: an event that fails a check is listed in `errors` and the
others are still stored (a client should not lose 499 good events over one bad one). The
shape of the batch itself (at most 500, names, ids, types) is the schema's: a batch that
breaks it is refused whole with 422, before anything is stored.

Skew correction, as PostHog does it: the client stamps the batch with `sent_at` by its own
clock; the server takes (its time of receipt - sent_at) as the device's offset and adds it to
every timestamp of the batch. No IP address is read or stored.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.analytics import rules, store
from brain.domains.analytics.schemas import TrackBatch, TrackError, TrackResult

_LATEST = datetime.max.replace(tzinfo=UTC)
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _properties(raw: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in raw.items() if k.lower() not in rules.DROPPED_PROPERTIES}


async def track(
    session: AsyncSession, *, user_id: uuid.UUID, batch: TrackBatch, now: datetime
) -> TrackResult:
    offset = now - batch.sent_at if batch.sent_at is not None else None
    oldest = store.retention_start(now)
    errors: list[TrackError] = []
    events: list[store.NewEvent] = []
    seen: set[uuid.UUID] = set()

    def refuse(index: int, event_id: uuid.UUID, code: str, detail: str) -> None:
        errors.append(TrackError(index=index, event_id=event_id, code=code, detail=detail))

    for index, item in enumerate(batch.events):
        at = item.timestamp or now
        if item.timestamp is not None and offset is not None:
            try:
                at = item.timestamp + offset
            except OverflowError:
                # The clock correction carries it past the calendar (year 90 sent from a
                # clock at year 2568): no real time, so the nearest refusal says why.
                at = _LATEST if offset > timedelta(0) else _EARLIEST
        properties = _properties(item.properties)
        text = json.dumps(properties, separators=(",", ":"), default=str)
        size = len(text.encode())
        if item.event_id in seen:
            refuse(
                index, item.event_id, "DUPLICATE_IN_BATCH", "This event id is in the batch twice."
            )
        elif at > now + rules.FUTURE_TOLERANCE:
            refuse(
                index,
                item.event_id,
                "TIMESTAMP_IN_FUTURE",
                f"The corrected timestamp {at.isoformat()} is in the future.",
            )
        elif at < oldest:
            refuse(
                index,
                item.event_id,
                "TIMESTAMP_TOO_OLD",
                f"Events before {oldest.isoformat()} are past retention.",
            )
        elif size > rules.PROPERTIES_MAX_BYTES:
            refuse(
                index,
                item.event_id,
                "PROPERTIES_TOO_LARGE",
                f"Properties are {size} bytes of JSON; at most {rules.PROPERTIES_MAX_BYTES}.",
            )
        else:
            seen.add(item.event_id)
            events.append(
                store.NewEvent(
                    event_id=item.event_id,
                    occurred_at=at,
                    name=item.name,
                    source=rules.CLIENT,
                    actor_id=user_id,
                    user_id=user_id,
                    venture_id=None,
                    properties=properties,
                    properties_json=text,
                )
            )
    new = await store.write(session, events)
    return TrackResult(
        accepted=len(new),
        duplicate=len(events) - len(new),
        rejected=len(errors),
        errors=errors,
    )
