"""Request and response models of `/api/umbrella`. BUZ amounts are decimal strings."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from brain.core.schemas import InputModel
from brain.domains.buz.schemas import Units
from brain.domains.umbrella.rules import Kind, ReferralType, ShareStatus, State

__all__ = [
    "Analytics",
    "DecisionIn",
    "EarnedDay",
    "EarnedTotals",
    "NetworkEdge",
    "NetworkNode",
    "NetworkRead",
    "Recommendation",
    "ReferralCodeRead",
    "RelationshipCreate",
    "RelationshipRead",
    "RelationshipUpdate",
    "ShareRead",
]


class ReferralCodeRead(BaseModel):
    code: str = Field(description="Give it to people you invite; they enter it at sign-up.")


class RelationshipCreate(InputModel):
    kind: Kind = Field(
        description="REFERRAL invites the user into your umbrella (you become their referrer "
        "when they accept); the other kinds request a social relationship."
    )
    user_id: uuid.UUID = Field(description="The other party.")
    note: str | None = Field(default=None, max_length=500)
    referral_type: ReferralType | None = Field(
        default=None, description="REFERRAL only; PRIVATE_UMBRELLA by default."
    )


class RelationshipUpdate(InputModel):
    note: str | None = Field(default=None, max_length=500)
    referral_type: ReferralType | None = Field(
        default=None, description="REFERRAL only, by the referrer."
    )


class DecisionIn(InputModel):
    block: bool = Field(
        default=False,
        description="Decline only: the requester can no longer send you requests.",
    )


class RelationshipRead(BaseModel):
    id: uuid.UUID
    kind: Kind
    state: State
    referrer_id: uuid.UUID | None = Field(description="REFERRAL: the referrer; else null.")
    referred_id: uuid.UUID | None = Field(description="REFERRAL: the referred user; else null.")
    requester_id: uuid.UUID = Field(description="Who asked (the referrer for a referral).")
    addressee_id: uuid.UUID = Field(description="Who was asked (the referred user).")
    referral_type: ReferralType | None
    via: str = Field(description="`code` (at registration), `invitation` or `request`.")
    note: str | None
    expires_at: datetime | None = Field(
        description="PENDING_AGREEMENT: when it expires unless both parties have signed."
    )
    ended_at: datetime | None
    created_at: datetime
    updated_at: datetime


class NetworkNode(BaseModel):
    user_id: uuid.UUID
    level: int = Field(description="Hops from the user (0 is the user).")


class NetworkEdge(BaseModel):
    relationship_id: uuid.UUID
    kind: Kind
    state: State
    from_user_id: uuid.UUID
    to_user_id: uuid.UUID


class NetworkRead(BaseModel):
    user_id: uuid.UUID
    depth: int
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    levels: dict[str, int] = Field(description="How many people at each level.")


class EarnedTotals(BaseModel):
    day: Units = Field(description="Paid in the last 24 hours.")
    week: Units = Field(description="Paid in the last 7 days.")
    month: Units = Field(description="Paid in the last 30 days.")
    total: Units


class EarnedDay(BaseModel):
    date: date
    amount: Units


class Analytics(BaseModel):
    user_id: uuid.UUID
    referrals_total: int = Field(description="People this user referred (links, any state).")
    referrals_active: int
    depth: int = Field(description="Levels of referrals below the user (up to 3).")
    downline: dict[str, int] = Field(description="Referred people per level, 1 to 3.")
    shares_paid: int
    earned: EarnedTotals
    earned_by_day: list[EarnedDay] = Field(description="The last 30 days, days with earnings.")
    earned_by_week: list[EarnedDay] = Field(description="By ISO week (its Monday), 12 weeks.")
    earned_by_month: list[EarnedDay] = Field(description="By month (its 1st), 12 months.")


class Recommendation(BaseModel):
    user_id: uuid.UUID
    shared_connections: int
    shared_ventures: int
    score: int


class ShareRead(BaseModel):
    id: uuid.UUID
    relationship_id: uuid.UUID
    level: int
    amount: Units
    status: ShareStatus
    source_transfer_id: uuid.UUID = Field(
        description="The transfer that paid the referred user (in their BUZ transactions)."
    )
    source_amount: Units
    source_user_id: uuid.UUID
    earner_id: uuid.UUID
    transfer_id: uuid.UUID | None = Field(description="The share's own transfer; null if zero.")
    reversal_id: uuid.UUID | None = Field(
        description="VOIDED: the transfer that took the paid share back (null if none was made)."
    )
    created_at: datetime
    paid_at: datetime | None
    voided_at: datetime | None
