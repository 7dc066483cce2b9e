from enum import StrEnum


class SubjectType(StrEnum):
    OTHER = "other"
    UMBRELLA_RELATIONSHIP = "umbrella_relationship"
    USER = "user"
    VENTURE = "venture"

    def __str__(self) -> str:
        return str(self.value)
