from enum import StrEnum


class UserReadView(StrEnum):
    FULL = "full"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
