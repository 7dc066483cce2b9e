from enum import StrEnum


class UserSendType(StrEnum):
    NOTIFICATION = "notification"
    SYSTEM_ANNOUNCEMENT = "system_announcement"

    def __str__(self) -> str:
        return str(self.value)
