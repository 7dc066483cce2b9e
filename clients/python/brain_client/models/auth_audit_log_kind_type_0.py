from enum import StrEnum


class AuthAuditLogKindType0(StrEnum):
    ACCOUNT_UNLOCKED = "account_unlocked"
    DATA_EXPORTED = "data_exported"
    EMAIL_CHANGED = "email_changed"
    EMAIL_CHANGE_REQUESTED = "email_change_requested"
    EMAIL_VERIFIED = "email_verified"
    LOCKOUT = "lockout"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    PASSWORD_RESET_REQUESTED = "password_reset_requested"
    REFRESH_REUSE = "refresh_reuse"
    ROLE_CHANGED = "role_changed"
    SESSION_REVOKED = "session_revoked"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"

    def __str__(self) -> str:
        return str(self.value)
