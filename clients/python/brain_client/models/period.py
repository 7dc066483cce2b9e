from enum import StrEnum


class Period(StrEnum):
    ALL_TIME = "all_time"
    MONTH = "month"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
