"""Errors of the users domain."""

from __future__ import annotations

from brain.core.errors import BrainError, Conflict, NotFound, PermissionDenied


class UserNotFound(NotFound):
    title = "User not found"


class EmailTaken(Conflict):
    """Raised to callers that may know (admins); self-registration never shows it."""

    code = "EMAIL_TAKEN"
    title = "Email already registered"


class InvalidEmail(BrainError):
    """An address every entry point refuses (`users.emails.normalize_email`): bad syntax, a
    special-use domain, or mixed-script look-alike letters."""

    status = 422
    code = "INVALID_EMAIL"
    title = "Invalid email address"


class SelfChangeForbidden(PermissionDenied):
    title = "You cannot change your own role or status"


class UserNotActive(BrainError):
    status = 409
    code = "USER_NOT_ACTIVE"
    title = "The user is not active"
