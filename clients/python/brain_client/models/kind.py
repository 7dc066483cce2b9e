from enum import StrEnum


class Kind(StrEnum):
    ADVISOR_VENTURE = "ADVISOR_VENTURE"
    COLLABORATOR = "COLLABORATOR"
    INVESTOR_INVESTEE = "INVESTOR_INVESTEE"
    MENTOR_MENTEE = "MENTOR_MENTEE"
    PARTNER = "PARTNER"
    PEER = "PEER"
    REFERRAL = "REFERRAL"

    def __str__(self) -> str:
        return str(self.value)
