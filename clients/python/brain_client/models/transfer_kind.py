from enum import StrEnum


class TransferKind(StrEnum):
    BURN = "BURN"
    CHARGE = "CHARGE"
    FEE = "FEE"
    MINT = "MINT"
    PENALTY = "PENALTY"
    REVENUE_SHARE = "REVENUE_SHARE"
    REVERSAL = "REVERSAL"
    REWARD = "REWARD"
    STAKE = "STAKE"
    STAKE_REWARD = "STAKE_REWARD"
    TRANSFER = "TRANSFER"
    UNSTAKE = "UNSTAKE"
    WELCOME_BONUS = "WELCOME_BONUS"

    def __str__(self) -> str:
        return str(self.value)
