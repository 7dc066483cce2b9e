from enum import StrEnum


class SignerStatus(StrEnum):
    DECLINED = "DECLINED"
    NONE = "NONE"
    PENDING = "PENDING"
    SIGNED = "SIGNED"

    def __str__(self) -> str:
        return str(self.value)
