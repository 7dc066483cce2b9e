from enum import StrEnum


class ShareStatus(StrEnum):
    PAID = "PAID"
    PENDING = "PENDING"
    VOIDED = "VOIDED"

    def __str__(self) -> str:
        return str(self.value)
