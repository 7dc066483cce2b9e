"""Errors of the buz domain: each has a fixed status and a stable code."""

from __future__ import annotations

from brain.core.errors import BrainError, Conflict, NotFound, PermissionDenied, ValidationFailed


class InsufficientFunds(BrainError):
    status = 409
    code = "INSUFFICIENT_FUNDS"
    title = "Insufficient funds"


class IdempotencyConflict(BrainError):
    status = 409
    code = "IDEMPOTENCY_CONFLICT"
    title = "Idempotency key reused with a different request"


class DailyLimitExceeded(BrainError):
    status = 409
    code = "DAILY_LIMIT_EXCEEDED"
    title = "Daily transfer limit reached"


class SupplyCapExceeded(BrainError):
    status = 409
    code = "SUPPLY_CAP_EXCEEDED"
    title = "The mint would exceed the max supply"


class RecipientNotActive(BrainError):
    status = 409
    code = "RECIPIENT_NOT_ACTIVE"
    title = "The recipient's account is not active"


class InvalidTransfer(ValidationFailed):
    """A well-formed request that breaks a transfer rule (self-transfer, out-of-range amount)."""

    title = "Transfer not allowed"


class WalletNotFound(NotFound):
    title = "Wallet not found"


class TransferNotFound(NotFound):
    title = "Transfer not found"


class PositionNotFound(NotFound):
    title = "Staking position not found"


class PositionClosed(Conflict):
    code = "POSITION_CLOSED"
    title = "The position is already unstaked"


class StakingNotAllowed(PermissionDenied):
    title = "Staking needs the permission `buz:stake`"
