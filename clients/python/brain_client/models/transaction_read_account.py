from enum import StrEnum


class TransactionReadAccount(StrEnum):
    STAKING = "staking"
    WALLET = "wallet"

    def __str__(self) -> str:
        return str(self.value)
