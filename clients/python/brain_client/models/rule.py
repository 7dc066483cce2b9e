from enum import StrEnum


class Rule(StrEnum):
    BADGE_EARNED = "badge_earned"
    BUZ_STAKED = "buz_staked"
    DAILY_LOGIN = "daily_login"
    FILE_SHARED = "file_shared"
    FIRST_VENTURE_BONUS = "first_venture_bonus"
    LEGAL_DOCUMENT_SIGNED = "legal_document_signed"
    PROFILE_COMPLETED = "profile_completed"
    REFERRAL_ACTIVATED = "referral_activated"
    TEAM_JOINED = "team_joined"
    VENTURE_CREATED = "venture_created"
    VENTURE_STAGE_ADVANCED = "venture_stage_advanced"

    def __str__(self) -> str:
        return str(self.value)
