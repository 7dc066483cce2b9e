from enum import StrEnum


class UsersVisibility(StrEnum):
    MEMBERS = "members"
    PRIVATE = "private"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
