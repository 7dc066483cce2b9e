from enum import StrEnum


class ReportReadScope(StrEnum):
    OWN = "own"
    PLATFORM = "platform"

    def __str__(self) -> str:
        return str(self.value)
