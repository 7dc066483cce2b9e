from enum import StrEnum


class FileReadAccess(StrEnum):
    ADMIN = "admin"
    OWNER = "owner"
    SHARED = "shared"
    VENTURE = "venture"

    def __str__(self) -> str:
        return str(self.value)
