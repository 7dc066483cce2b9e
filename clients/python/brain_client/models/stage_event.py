from enum import StrEnum


class StageEvent(StrEnum):
    ADVANCE = "advance"
    ARCHIVE = "archive"
    REVERT = "revert"

    def __str__(self) -> str:
        return str(self.value)
