"""Errors of the files domain: each has a fixed status and a stable code."""

from __future__ import annotations

from typing import ClassVar

from brain.core.errors import BrainError, Conflict, NotFound, ValidationFailed


class FileNotFound(NotFound):
    """Also what anyone gets for a file they may not read: its existence is not theirs."""

    title = "File not found"


class FileTooLarge(BrainError):
    status: ClassVar[int] = 413
    code: ClassVar[str] = "FILE_TOO_LARGE"
    title: ClassVar[str] = "The file is too large"


class QuotaExceeded(BrainError):
    status: ClassVar[int] = 413
    code: ClassVar[str] = "QUOTA_EXCEEDED"
    title: ClassVar[str] = "Your storage quota is used up"


class UnsupportedFileType(BrainError):
    status: ClassVar[int] = 415
    code: ClassVar[str] = "UNSUPPORTED_FILE_TYPE"
    title: ClassVar[str] = "This file type is not allowed"


class BadUpload(ValidationFailed):
    """A malformed multipart body, a missing file part, a refused name."""

    code = "INVALID_UPLOAD"
    title = "The upload is malformed"


class ShareNotFound(NotFound):
    title = "Share not found"


class LinkNotFound(NotFound):
    """Also a link whose signature does not verify: a forged link learns nothing."""

    title = "Link not found"


class LinkGone(BrainError):
    status: ClassVar[int] = 410
    code: ClassVar[str] = "LINK_EXPIRED"
    title: ClassVar[str] = "This link has expired, was revoked or has no downloads left"


class ShareTargetInvalid(ValidationFailed):
    code = "INVALID_SHARE_TARGET"
    title = "The file cannot be shared with this target"


class AlreadyShared(Conflict):
    code = "ALREADY_SHARED"
    title = "The file is shared with this target already"


class RangeNotSatisfiable(BrainError):
    status: ClassVar[int] = 416
    code: ClassVar[str] = "RANGE_NOT_SATISFIABLE"
    title: ClassVar[str] = "The requested range is outside the file"
