from enum import StrEnum


class State(StrEnum):
    ACCEPTED = "ACCEPTED"
    ACTIVE = "ACTIVE"
    CANCELLED = "CANCELLED"
    DECLINED = "DECLINED"
    ENDED = "ENDED"
    EXPIRED = "EXPIRED"
    INVITED = "INVITED"
    PENDING = "PENDING"
    PENDING_AGREEMENT = "PENDING_AGREEMENT"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"

    def __str__(self) -> str:
        return str(self.value)
