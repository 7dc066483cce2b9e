"""The umbrella domain's public service: what the router, the handlers and other domains call.
Session first, keyword-only after; flushes, never commits.

The functions live in `referrals` (codes, links, the one-referrer and no-cycle rules),
`relationships` (invitations, requests and the lifecycle on the `umbrella` machine), `shares`
(revenue shares) and `network` (the graph, analytics, recommendations).
"""

from __future__ import annotations

from brain.domains.umbrella.network import analytics, network, recommendations
from brain.domains.umbrella.referrals import (
    check_link,
    link,
    owner_of_code,
    referral_code,
    referrer_of,
    regenerate_code,
)
from brain.domains.umbrella.relationships import (
    Viewer,
    accept,
    activate_if_signed,
    decline,
    end,
    follow_transition,
    list_relationships,
    load,
    may_sign_for,
    relationship_read,
    request,
    suspend_or_resume,
    update,
)
from brain.domains.umbrella.shares import (
    active_chain,
    get_share,
    list_shares,
    pay_shares,
    pays_a_user_from_a_pool,
    share_read,
    void_shares,
)

__all__ = [
    "Viewer",
    "accept",
    "activate_if_signed",
    "active_chain",
    "analytics",
    "check_link",
    "decline",
    "end",
    "follow_transition",
    "get_share",
    "link",
    "list_relationships",
    "list_shares",
    "load",
    "may_sign_for",
    "network",
    "owner_of_code",
    "pay_shares",
    "pays_a_user_from_a_pool",
    "recommendations",
    "referral_code",
    "referrer_of",
    "regenerate_code",
    "relationship_read",
    "request",
    "share_read",
    "suspend_or_resume",
    "update",
    "void_shares",
]
