from enum import StrEnum


class ReportDataScope(StrEnum):
    OWN = "own"
    PLATFORM = "platform"

    def __str__(self) -> str:
        return str(self.value)
