"""Errors of the analytics domain: each has a fixed status and a stable code."""

from __future__ import annotations

from brain.core.errors import BrainError, Conflict, NotFound


class AnalyticsNotFound(NotFound):
    """Also what a caller gets for another user's analytics or a venture they are not on:
    whether it exists is not theirs to learn."""

    title = "Not found"


class ReportNotFound(NotFound):
    title = "Report not found"


class ReportNotReady(Conflict):
    code = "REPORT_NOT_READY"
    title = "The report is not completed"


class UnknownTimeZone(BrainError):
    status = 422
    code = "UNKNOWN_TIME_ZONE"
    title = "Not an IANA time zone"
