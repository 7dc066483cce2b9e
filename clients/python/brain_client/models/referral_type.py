from enum import StrEnum


class ReferralType(StrEnum):
    AFFILIATE_UMBRELLA = "AFFILIATE_UMBRELLA"
    CORPORATE_UMBRELLA = "CORPORATE_UMBRELLA"
    PRIVATE_UMBRELLA = "PRIVATE_UMBRELLA"

    def __str__(self) -> str:
        return str(self.value)
