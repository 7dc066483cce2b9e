"""The umbrella domain's fixed numbers and names, as data (domain rules, "Umbrella").

Revenue share: a reward paid to a referred user from a platform pool earns the ACTIVE referral
chain above them 1.0% (level 1, their referrer), 0.5% (level 2) and 0.25% (level 3) of it,
rounded down to 0.01 BUZ, paid from the community pool. Basis points keep it integer.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from enum import StrEnum

SUBJECT_TYPE = "umbrella_relationship"  # legal's subject type for a relationship's agreement
AGREEMENT = "UMBRELLA_AGREEMENT"
ACTIVATE_ACTION = "umbrella.activate"
AGREEMENT_WINDOW = timedelta(days=30)  # PENDING_AGREEMENT -> EXPIRED after this

# Level -> basis points of the source amount (100 bps = 1%).
SHARE_BPS: dict[int, int] = {1: 100, 2: 50, 3: 25}
MAX_LEVEL = max(SHARE_BPS)
NETWORK_DEPTH = 3

# Transfer kinds that pay a user from a platform pool (never TRANSFER: user to user; never
# REVENUE_SHARE itself, or shares would earn shares).
SHARED_KINDS: frozenset[str] = frozenset({"REWARD", "WELCOME_BONUS", "STAKE_REWARD"})

# Referral codes: no 0/O, 1/I/L, so a code read aloud or typed from paper is unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


def share_units(amount: int, level: int) -> int:
    """The level's share of `amount` units, rounded down to a unit (0.01 BUZ)."""
    return amount * SHARE_BPS[level] // 10_000


class Kind(StrEnum):
    REFERRAL = "REFERRAL"
    MENTOR_MENTEE = "MENTOR_MENTEE"
    COLLABORATOR = "COLLABORATOR"
    INVESTOR_INVESTEE = "INVESTOR_INVESTEE"
    ADVISOR_VENTURE = "ADVISOR_VENTURE"
    PARTNER = "PARTNER"
    PEER = "PEER"


SOCIAL_KINDS: tuple[Kind, ...] = tuple(k for k in Kind if k is not Kind.REFERRAL)


class ReferralType(StrEnum):
    PRIVATE_UMBRELLA = "PRIVATE_UMBRELLA"
    CORPORATE_UMBRELLA = "CORPORATE_UMBRELLA"
    AFFILIATE_UMBRELLA = "AFFILIATE_UMBRELLA"


class State(StrEnum):
    # A referral invitation, before the invitee accepts it (not a link yet).
    INVITED = "INVITED"
    # The referral link's lifecycle (the `umbrella` state machine).
    PENDING_AGREEMENT = "PENDING_AGREEMENT"
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    EXPIRED = "EXPIRED"
    # Social relationships, and the end of an invitation.
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    CANCELLED = "CANCELLED"
    ENDED = "ENDED"


# States in which a relationship counts as a link in the graph.
LINKED: tuple[State, ...] = (State.ACTIVE, State.SUSPENDED, State.PENDING_AGREEMENT, State.ACCEPTED)
# Open: a second request of the same kind between the same two users is a duplicate.
OPEN: tuple[State, ...] = (
    State.INVITED,
    State.PENDING,
    State.ACCEPTED,
    State.PENDING_AGREEMENT,
    State.ACTIVE,
    State.SUSPENDED,
)


class MachineEvent(StrEnum):
    ACTIVATE = "activate"
    SUSPEND = "suspend"
    RESUME = "resume"
    TERMINATE = "terminate"
    EXPIRE = "expire"


class Via(StrEnum):
    CODE = "code"
    INVITATION = "invitation"
    REQUEST = "request"


class ShareStatus(StrEnum):
    PENDING = "PENDING"
    PAID = "PAID"
    VOIDED = "VOIDED"
