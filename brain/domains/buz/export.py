"""The buz domain's part of a user's data export (brain/core/export.py).

- `accounts`: the user's wallet and staking account, with their balances, and `daily_sends`
  (what the wallet sent each UTC day, the count the daily cap checks);
- `transactions`: every ledger leg that touched either account, seen from the user's side as
  the history API shows it (the user's balance after it, the counterparty account; never the
  counterparty's balance), streamed page by page;
- `positions`: every staking position;
- for administrators, what they did to the token: the legs they posted that touch none of
  their own accounts (mints, burns), the price changes they made and their admin actions.

Amounts are decimal strings (`"1000.50"`), as in the API.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, jsonable, keyset_rows, pages
from brain.core.pagination import Keyset, PageParams
from brain.domains.buz import history, ledger, staking
from brain.domains.buz.models import BuzAdminAction, BuzPrice
from brain.domains.buz.rules import format_units, staking_id, wallet_id
from brain.domains.buz.schemas import AccountRef

ADMIN_ACTIONS = Keyset(
    "buz.export_admin_actions",
    sa.inspect(BuzAdminAction).columns.created_at,
    sa.inspect(BuzAdminAction).columns.id,
)


def _leg(row: dict[str, Any], refs: dict[uuid.UUID, AccountRef]) -> dict[str, Any]:
    return json_object(
        {
            "id": row["id"],
            "transfer_id": row["group_id"],
            "kind": row["kind"],
            "from_account": refs[row["debit_account_id"]].code,
            "to_account": refs[row["credit_account_id"]].code,
            "amount": format_units(row["amount"]),
            "memo": row["memo"],
            "reference": row["reference"],
            "created_at": row["created_at"],
        }
    )


def _admin_action(row: BuzAdminAction) -> dict[str, Any]:
    action = row.model_dump(exclude={"actor_id"})
    action["amount"] = format_units(row.amount) if row.amount is not None else None
    return json_object(action)


async def _accounts(session: AsyncSession, user_id: uuid.UUID) -> list[dict[str, Any]]:
    wallet, stake = wallet_id(user_id), staking_id(user_id)
    refs = await ledger.account_refs(session, [wallet, stake])
    figures = await ledger.balances(session, wallet=wallet, staking=stake)
    return [
        {
            "id": str(ref.id),
            "code": ref.code,
            "kind": ref.kind,
            "balance": format_units(figures[ref.id][0]) if ref.id in figures else "0.00",
            "version": figures[ref.id][1] if ref.id in figures else 0,
        }
        for ref in sorted(refs.values(), key=lambda r: r.code)
    ]


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    own = [wallet_id(user_id), staking_id(user_id)]

    async def legs_made(page: PageParams) -> tuple[list[dict[str, Any]], str | None]:
        rows, cursor = await ledger.legs_by_actor(session, actor=user_id, besides=own, page=page)
        ids = {r["debit_account_id"] for r in rows} | {r["credit_account_id"] for r in rows}
        refs = await ledger.account_refs(session, ids)
        return [_leg(r, refs) for r in rows], cursor

    async def transactions(page: PageParams) -> tuple[list[Any], str | None]:
        return await history.transactions(session, user_id=user_id, page=page)

    async def positions(page: PageParams) -> tuple[list[Any], str | None]:
        return await staking.list_positions(session, user_id=user_id, page=page)

    prices = await session.exec(select(BuzPrice).where(BuzPrice.set_by == user_id))
    actions = select(BuzAdminAction).where(BuzAdminAction.actor_id == user_id)
    return {
        "accounts": await _accounts(session, user_id),
        "daily_sends": [
            {"day": day.isoformat(), "amount": format_units(amount)}
            for day, amount in await ledger.daily_sends(session, own[0])
        ],
        "transactions": pages(transactions, jsonable),
        "positions": pages(positions, jsonable),
        "legs_posted_for_the_platform": pages(legs_made, lambda leg: leg),
        "prices_set": [
            jsonable({"price_usd": str(p.price_usd), "set_at": p.created_at, "note": p.note})
            for p in prices.all()
        ],
        "admin_actions": keyset_rows(session, ADMIN_ACTIONS, actions, _admin_action),
    }


EXPORT = DataExport(
    collect=collect,
    tables=(
        "buz_accounts",
        "buz_transfers",
        "buz_daily_sends",
        "buz_stake_positions",
        "buz_prices",
        "buz_admin_actions",
    ),
)
