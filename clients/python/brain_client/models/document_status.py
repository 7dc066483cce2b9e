from enum import StrEnum


class DocumentStatus(StrEnum):
    COMPLETED = "COMPLETED"
    DECLINED = "DECLINED"
    DRAFT = "DRAFT"
    EXPIRED = "EXPIRED"
    PARTIALLY_SIGNED = "PARTIALLY_SIGNED"
    PENDING = "PENDING"
    VOIDED = "VOIDED"

    def __str__(self) -> str:
        return str(self.value)
