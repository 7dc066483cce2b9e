"""Errors of the notifications domain."""

from __future__ import annotations

from brain.core.errors import NotFound, ValidationFailed


class EmailTemplateError(ValueError):
    """A template is unknown, or the data given for it is incomplete or unsafe.

    A programming error in the caller, raised when `send_email` is called (never later, in
    the delivery job), so the request that asked for the email fails visibly.
    """


class InvalidRecipient(ValueError):
    """The `to` address is not a single plain email address."""


class UnknownNotificationType(ValidationFailed):
    code = "UNKNOWN_NOTIFICATION_TYPE"
    title = "No notification type has this name"


class NotificationNotFound(NotFound):
    """Also what another user's notification is: its existence is not theirs to learn."""

    title = "Notification not found"


class DeviceNotFound(NotFound):
    title = "Push device not found"


class PreferenceLocked(ValidationFailed):
    """A critical type (password reset) is always sent: its preferences cannot be changed."""

    code = "PREFERENCE_LOCKED"
    title = "This notification type is critical and always sent"


class InvalidPushEndpoint(ValidationFailed):
    code = "INVALID_PUSH_ENDPOINT"
    title = "The push endpoint must be an https URL of a push service"


class InvalidUnsubscribeToken(ValidationFailed):
    code = "INVALID_UNSUBSCRIBE_TOKEN"
    title = "The unsubscribe link is not valid"


class AnnouncementNotFound(NotFound):
    title = "Announcement not found"
