from enum import StrEnum


class DeliveryStatus(StrEnum):
    FAILED = "FAILED"
    PENDING = "PENDING"
    SENT = "SENT"
    SKIPPED = "SKIPPED"

    def __str__(self) -> str:
        return str(self.value)
