"""The buz domain's public service: what the router, the handlers, the jobs and other domains
call. Session first, keyword-only after; flushes, never commits; every money movement runs
through `ledger.atomic` and `ledger.post`.

The functions live in `wallets` (accounts, balances), `transfers` (moving money), `history`
(reading transfers), `staking`, `admin` (mint, burn), `price` and `reports` (supply,
analytics, the invariant check); all SQL on the ledger's tables is in `ledger`. This module is
the one other domains import.

Other domains pay and charge through `credit_reward`, `charge` and `pay_revenue_share`, and
take a payout back with `reverse_payout`, in
their own transaction, each with an idempotency key: the same key with the same request
returns the original transfer, so a redelivered event never pays twice. Amounts are integer
minor units (1 BUZ = 100); `rules.parse_units("50")` converts.
"""

from __future__ import annotations

from brain.domains.buz.admin import burn, mint
from brain.domains.buz.errors import InvalidTransfer
from brain.domains.buz.history import get_transfer, transactions, user_transfer
from brain.domains.buz.price import get_price, set_price
from brain.domains.buz.reports import analytics, supply, verify
from brain.domains.buz.reversals import reverse_payout
from brain.domains.buz.staking import list_positions, mark_matured, stake, tiers, unstake
from brain.domains.buz.transfers import (
    Posted,
    charge,
    credit_reward,
    pay_revenue_share,
    pay_welcome_bonus,
    transfer,
)
from brain.domains.buz.wallets import balance, balances, has_wallet, open_accounts

__all__ = [
    "InvalidTransfer",
    "Posted",
    "analytics",
    "balance",
    "balances",
    "burn",
    "charge",
    "credit_reward",
    "get_price",
    "get_transfer",
    "has_wallet",
    "list_positions",
    "mark_matured",
    "mint",
    "open_accounts",
    "pay_revenue_share",
    "pay_welcome_bonus",
    "reverse_payout",
    "set_price",
    "stake",
    "supply",
    "tiers",
    "transactions",
    "transfer",
    "unstake",
    "user_transfer",
    "verify",
]
