from enum import StrEnum


class StakeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    MATURED = "MATURED"
    UNSTAKED = "UNSTAKED"

    def __str__(self) -> str:
        return str(self.value)
