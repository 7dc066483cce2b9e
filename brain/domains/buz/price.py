"""The USD price of one BUZ: set by an admin (audited), read by anyone with its history."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings, get_settings
from brain.core.pagination import Keyset, PageParams
from brain.domains.buz.admin import record_admin_action
from brain.domains.buz.models import BuzPrice
from brain.domains.buz.schemas import PricePoint, PriceRead

PRICES = BuzPrice.__table__  # type: ignore[attr-defined]
# The price history, newest first.
PRICE_HISTORY = Keyset("buz.price_history", PRICES.c.created_at, PRICES.c.id)


def _price_point(row: BuzPrice) -> PricePoint:
    return PricePoint(
        price_usd=row.price_usd, set_at=row.created_at, set_by=row.set_by, note=row.note
    )


async def set_price(
    session: AsyncSession, *, actor_id: uuid.UUID, price_usd: Decimal, note: str | None
) -> PricePoint:
    """Record a new price (the history keeps every one) and its audit row."""
    row = BuzPrice(price_usd=price_usd, set_by=actor_id, note=note)
    session.add(row)
    record_admin_action(
        session,
        actor_id=actor_id,
        action="SET_PRICE",
        reason=note or "price set",
        details={"price_usd": str(price_usd)},
    )
    await session.flush()
    return _price_point(row)


async def get_price(
    session: AsyncSession, *, page: PageParams, settings: Settings | None = None
) -> PriceRead:
    """The current price (the default from settings until one is set) and one page of the
    history."""
    settings = settings or get_settings()
    found = await session.exec(PRICE_HISTORY.apply(select(BuzPrice), page))
    rows, next_cursor = PRICE_HISTORY.page(list(found.all()), page)
    newest = select(BuzPrice).order_by(*PRICE_HISTORY.order_by()).limit(1)
    latest = (await session.exec(newest)).first()
    return PriceRead(
        price_usd=latest.price_usd if latest else settings.buz_default_price_usd,
        set_at=latest.created_at if latest else None,
        history=[_price_point(r) for r in rows],
        next_cursor=next_cursor,
    )
