"""Errors of the auth domain. Sign-in failures share one message whatever the cause, so
they never reveal whether an email is registered."""

from __future__ import annotations

from brain.core.errors import AuthRequired, BrainError, NotFound, PermissionDenied


class InvalidCredentials(AuthRequired):
    code = "INVALID_CREDENTIALS"
    title = "Invalid email or password"


class InvalidToken(BrainError):
    """A reset or verification token that is unknown, used or expired."""

    status = 400
    code = "INVALID_TOKEN"
    title = "The link is invalid or has expired"


class RegistrationRefused(BrainError):
    status = 400
    code = "REGISTRATION_REFUSED"
    title = "Registration could not be completed"


class RoleGrantForbidden(PermissionDenied):
    title = "You may not grant this role"


class EmailUnchanged(BrainError):
    """An email change to the address the account already has."""

    status = 400
    code = "EMAIL_UNCHANGED"
    title = "This is already your email address"


class SessionNotFound(NotFound):
    """No such session, or one that is neither the caller's nor theirs to manage: a session
    id is nobody else's business, so both answer the same."""

    code = "SESSION_NOT_FOUND"
    title = "Session not found"
