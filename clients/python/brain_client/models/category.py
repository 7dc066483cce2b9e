from enum import StrEnum


class Category(StrEnum):
    BADGES = "badges"
    BUZ = "buz"
    XP = "xp"

    def __str__(self) -> str:
        return str(self.value)
