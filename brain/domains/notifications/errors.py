"""Errors of the notifications domain."""

from __future__ import annotations


class EmailTemplateError(ValueError):
    """A template is unknown, or the data given for it is incomplete or unsafe.

    A programming error in the caller, raised when `send_email` is called (never later, in
    the delivery job), so the request that asked for the email fails visibly.
    """


class InvalidRecipient(ValueError):
    """The `to` address is not a single plain email address."""
