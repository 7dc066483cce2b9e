from enum import StrEnum


class UserStatus(StrEnum):
    ACTIVE = "ACTIVE"
    DEACTIVATED = "DEACTIVATED"
    SUSPENDED = "SUSPENDED"

    def __str__(self) -> str:
        return str(self.value)
