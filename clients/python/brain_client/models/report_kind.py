from enum import StrEnum


class ReportKind(StrEnum):
    BUZ_ECONOMY = "buz_economy"
    PLATFORM_HEALTH = "platform_health"
    USER_ENGAGEMENT = "user_engagement"
    VENTURE_PERFORMANCE = "venture_performance"

    def __str__(self) -> str:
        return str(self.value)
