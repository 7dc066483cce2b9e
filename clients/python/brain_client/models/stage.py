from enum import StrEnum


class Stage(StrEnum):
    ARCHIVED = "ARCHIVED"
    DEVELOPMENT = "DEVELOPMENT"
    EXIT = "EXIT"
    GROWTH = "GROWTH"
    IDEA = "IDEA"
    LAUNCH = "LAUNCH"
    MATURE = "MATURE"
    PLANNING = "PLANNING"
    TESTING = "TESTING"

    def __str__(self) -> str:
        return str(self.value)
