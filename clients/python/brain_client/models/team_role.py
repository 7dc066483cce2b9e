from enum import StrEnum


class TeamRole(StrEnum):
    ADVISOR = "ADVISOR"
    CO_FOUNDER = "CO_FOUNDER"
    INVESTOR = "INVESTOR"
    MEMBER = "MEMBER"
    OBSERVER = "OBSERVER"
    OWNER = "OWNER"

    def __str__(self) -> str:
        return str(self.value)
