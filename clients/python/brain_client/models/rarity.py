from enum import StrEnum


class Rarity(StrEnum):
    COMMON = "COMMON"
    EPIC = "EPIC"
    LEGENDARY = "LEGENDARY"
    RARE = "RARE"
    UNCOMMON = "UNCOMMON"

    def __str__(self) -> str:
        return str(self.value)
