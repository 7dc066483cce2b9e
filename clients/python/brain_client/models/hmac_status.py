from enum import StrEnum


class HmacStatus(StrEnum):
    TAMPERED = "tampered"
    UNKNOWN_KEY = "unknown_key"
    VALID = "valid"

    def __str__(self) -> str:
        return str(self.value)
