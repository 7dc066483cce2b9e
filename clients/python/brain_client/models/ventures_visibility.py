from enum import StrEnum


class VenturesVisibility(StrEnum):
    INVITE_ONLY = "INVITE_ONLY"
    PRIVATE = "PRIVATE"
    PUBLIC = "PUBLIC"

    def __str__(self) -> str:
        return str(self.value)
