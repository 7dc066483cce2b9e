"""Errors of the legal domain, each with a fixed status and code."""

from __future__ import annotations

from brain.core.errors import ComplianceRequired as ComplianceRequired  # re-exported
from brain.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


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
