from enum import StrEnum


class BurnRequestFromPoolType0(StrEnum):
    COMMUNITY = "community"
    STAKING_REWARDS = "staking_rewards"
    USER_REWARDS = "user_rewards"
    VENTURE_FUND = "venture_fund"

    def __str__(self) -> str:
        return str(self.value)
