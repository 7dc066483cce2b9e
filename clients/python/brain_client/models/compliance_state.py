from enum import StrEnum


class ComplianceState(StrEnum):
    EXPIRED = "expired"
    MISSING = "missing"
    OUTDATED = "outdated"
    SIGNED = "signed"

    def __str__(self) -> str:
        return str(self.value)
