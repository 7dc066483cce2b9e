"""Analytics helpers: publish events as the domains would, and run the ingest steps."""

from __future__ import annotations

from brain.core import bus, db
from brain.domains.analytics import rollups, store


async def publish(*events: bus.DomainEvent) -> None:
    """Publish and commit `events` (in the test's connection), as a domain's action would."""
    async with db.session_scope() as session:
        for event in events:
            await bus.publish(session, event)


async def ingest() -> tuple[int, int]:
    """Fold the outbox into the store with no settle delay, then roll up: (folded, rolled)."""
    folded = await store.fold_outbox(settle_seconds=0)
    rolled = await rollups.roll_up()
    return folded, rolled
