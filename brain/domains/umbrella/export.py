"""The umbrella domain's part of a user's data export (brain/core/export.py).

- `referral_code`: the user's current code;
- `relationships`: every relationship the user is a party to (either side), with its kind,
  state and the other party's id (an id only: their data is theirs);
- `shares_earned`: every revenue share the user earned, with its amount and status.
  Shares others earned from the user's rewards are theirs, not the user's.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.domains.umbrella.models import (
    UmbrellaReferralCode,
    UmbrellaRelationship,
    UmbrellaRevenueShare,
)
from brain.domains.umbrella.relationships import RELATIONSHIPS, relationship_read
from brain.domains.umbrella.shares import SHARES, share_read


def _relationship(row: UmbrellaRelationship) -> dict[str, Any]:
    return json_object(relationship_read(row).model_dump())


def _share(row: UmbrellaRevenueShare) -> dict[str, Any]:
    return json_object(share_read(row).model_dump(mode="json"))


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    code = await session.get(UmbrellaReferralCode, user_id)
    mine = select(UmbrellaRelationship).where(
        sa.or_(
            col(UmbrellaRelationship.from_user_id) == user_id,
            col(UmbrellaRelationship.to_user_id) == user_id,
        )
    )
    earned = select(UmbrellaRevenueShare).where(col(UmbrellaRevenueShare.earner_id) == user_id)
    return {
        "referral_code": code.code if code is not None else None,
        "relationships": keyset_rows(session, RELATIONSHIPS, mine, _relationship),
        "shares_earned": keyset_rows(session, SHARES, earned, _share),
    }


EXPORT = DataExport(
    collect=collect,
    tables=("umbrella_referral_codes", "umbrella_relationships", "umbrella_revenue_shares"),
)
