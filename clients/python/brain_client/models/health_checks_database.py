from enum import StrEnum


class HealthChecksDatabase(StrEnum):
    NOT_CONFIGURED = "not_configured"
    OK = "ok"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
