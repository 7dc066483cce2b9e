"""Request and response models of the auth domain, and the authenticated principal."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from brain.core.schemas import InputModel, trimmed_at_least
from brain.domains.auth.passwords import check_policy
from brain.domains.users.schemas import EmailIn, Role, UserRead

# Passwords are never trimmed (this module's inputs keep whitespace); names are.
DisplayNameIn = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=1, max_length=100),
    trimmed_at_least(1),
]

# Any length is accepted for *checking* a password (policy applies when one is set); the
# bound only stops a megabyte body from reaching the hasher.
PasswordAttempt = Annotated[str, Field(min_length=1, max_length=1024)]
NewPassword = Annotated[
    str,
    Field(
        min_length=1,
        max_length=1024,
        description="12-128 characters, anything allowed, not a common password.",
    ),
    AfterValidator(check_policy),
]
OpaqueToken = Annotated[str, Field(min_length=16, max_length=200)]


@dataclass(frozen=True)
class AuthenticatedUser:
    """Who is calling: what `CurrentUser` gives a route. Role and permissions come from the
    database on every request, so a role change applies at once, not at token expiry."""

    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    session_id: uuid.UUID
    permissions: frozenset[str]

    def can(self, permission: str) -> bool:
        return permission in self.permissions


class _Input(InputModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class RegisterRequest(_Input):
    email: EmailIn
    password: NewPassword
    display_name: DisplayNameIn
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    referral_code: str | None = Field(
        default=None, max_length=64, description="Kept for the umbrella domain (referrals)."
    )


class LoginRequest(_Input):
    email: EmailIn
    password: PasswordAttempt


class RefreshRequest(_Input):
    refresh_token: OpaqueToken


class TokenResponse(BaseModel):
    access_token: str = Field(description="JWT for `Authorization: Bearer ...`.")
    refresh_token: str = Field(description="Opaque; single use. Exchange at `/refresh`.")
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")
    user: UserRead


class MeRead(BaseModel):
    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    permissions: list[str]
    session_id: uuid.UUID
    email_verified: bool


class VerifyRequest(_Input):
    token: str = Field(min_length=1, max_length=8192)


class VerifyResponse(BaseModel):
    valid: bool
    claims: dict[str, Any] | None = Field(
        default=None,
        description="The token's claims when it is valid (signature, expiry, "
        "type and session all checked).",
    )


class ForgotPasswordRequest(_Input):
    email: EmailIn


class AcceptedResponse(BaseModel):
    detail: str


class ResetPasswordRequest(_Input):
    token: OpaqueToken
    new_password: NewPassword


class ChangePasswordRequest(_Input):
    current_password: PasswordAttempt
    new_password: NewPassword


class VerifyEmailRequest(_Input):
    token: OpaqueToken


class EmailChangeRequest(_Input):
    new_email: EmailIn = Field(description="The address to move the account to.")
    current_password: PasswordAttempt = Field(
        description="Your password: changing the sign-in address needs a fresh proof that "
        "you are you, not only a valid access token."
    )


class EmailChangeConfirm(_Input):
    token: OpaqueToken


class UnlockRequest(_Input):
    reason: Annotated[
        str,
        StringConstraints(strip_whitespace=False, min_length=3, max_length=500),
        trimmed_at_least(3),
    ] = Field(description="Why the account is unlocked (kept in the audit log).")


class UnlockRead(BaseModel):
    user_id: uuid.UUID
    was_locked: bool = Field(
        description="False when the account was not locked: nothing changed, but the "
        "attempt is audited all the same."
    )
    locked_until: datetime | None = Field(
        description="When the lock that was lifted would have ended."
    )
    failed_attempts_cleared: int = Field(
        description="Failed sign-ins counted toward the next lock that were forgotten."
    )


class SessionRead(BaseModel):
    id: uuid.UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    ip: str | None
    user_agent: str | None
    current: bool = Field(description="True for the session of the token making this request.")


class RoleUpdate(_Input):
    role: Role


class AuditEntryRead(BaseModel):
    id: uuid.UUID
    occurred_at: datetime
    kind: str
    user_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    session_id: uuid.UUID | None
    ip: str | None
    user_agent: str | None
    detail: dict[str, Any]


AuditKind = Literal[
    "sign_in",
    "sign_in_failed",
    "lockout",
    "password_reset_requested",
    "password_reset",
    "password_changed",
    "email_verified",
    "role_changed",
    "session_revoked",
    "refresh_reuse",
    "data_exported",
    "account_unlocked",
    "email_change_requested",
    "email_changed",
]
