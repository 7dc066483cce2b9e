from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    IN_APP = "in_app"
    PUSH = "push"

    def __str__(self) -> str:
        return str(self.value)
