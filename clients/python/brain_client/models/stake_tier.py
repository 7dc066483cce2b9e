from enum import StrEnum


class StakeTier(StrEnum):
    BRONZE = "BRONZE"
    GOLD = "GOLD"
    PLATINUM = "PLATINUM"
    SILVER = "SILVER"

    def __str__(self) -> str:
        return str(self.value)
