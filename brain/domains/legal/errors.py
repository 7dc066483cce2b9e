"""Errors of the legal domain, each with a fixed status and code."""

from __future__ import annotations

from typing import Any

from brain.core.errors import BrainError, Conflict, NotFound, PermissionDenied, ValidationFailed


class ComplianceRequired(BrainError):
    """The acting user has not signed (a current version of) every template the action
    requires. The problem body lists them in `missing` (template types)."""

    status = 403
    code = "COMPLIANCE_REQUIRED"
    title = "Signed legal documents required"

    def __init__(
        self, detail: str | None = None, *, action: str, missing: list[str], **extra: Any
    ) -> None:
        super().__init__(
            detail or f"'{action}' needs these documents signed: {', '.join(missing)}.",
            action=action,
            missing=missing,
            **extra,
        )
        self.action = action
        self.missing = missing


class TemplateNotFound(NotFound):
    code = "TEMPLATE_NOT_FOUND"
    title = "Template not found"


class DocumentNotFound(NotFound):
    code = "DOCUMENT_NOT_FOUND"
    title = "Document not found"


class InvalidVersion(ValidationFailed):
    title = "Invalid template version"


class InvalidDocument(ValidationFailed):
    title = "Invalid document"


class DocumentNotEditable(Conflict):
    code = "DOCUMENT_NOT_EDITABLE"
    title = "The document can no longer be changed"


class DocumentNotSignable(Conflict):
    code = "DOCUMENT_NOT_SIGNABLE"
    title = "The document cannot be signed now"


class NotYourTurn(Conflict):
    code = "NOT_YOUR_TURN"
    title = "Not your turn to sign"


class AlreadySigned(Conflict):
    code = "ALREADY_SIGNED"
    title = "Already signed"


class NotASigner(PermissionDenied):
    """A party (a VIEWER, CC, the sender, a legal admin) that is not asked to sign: the
    document is visible to it, so 403 (domain rules: 404 only where existence would leak)."""

    code = "NOT_A_SIGNER"
    title = "You are not asked to sign this document"


class NotCompleted(Conflict):
    code = "DOCUMENT_NOT_COMPLETED"
    title = "The document is not completed"


class NotPersonal(ValidationFailed):
    title = "This template is not a personal agreement"
