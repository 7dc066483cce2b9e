"""The legal domain's public service: what the router, the handlers and other domains call.
Session first, keyword-only after; never commits.

The functions live in `templates`, `documents`, `signing`, `verification` and `compliance`
(split to keep each module readable), the `legal_document` machine in `lifecycle`; this module
is the one other domains import. For other domains the
contract is compliance:

    await legal.require_compliance(session, user_id=..., action="buz.transfer")
    # raises ComplianceRequired: 403 COMPLIANCE_REQUIRED, `missing` = template types
    await legal.require_compliance(
        session, user_id=..., action="ventures.join", subject=("venture", str(venture_id))
    )  # the rule's scoped types (PPNA) count only when signed for that venture
    result = await legal.check_compliance(session, user_id=..., action=...)  # ComplianceCheck
"""

from __future__ import annotations

from brain.domains.legal.compliance import (
    Subject,
    check_compliance,
    compliance_report,
    count_signed_for_subject,
    list_rules,
    register_subject_check,
    replace_rules,
    require_compliance,
    require_role_documents,
    signatures_valid_from,
    subject_checks,
)
from brain.domains.legal.documents import (
    DocumentView,
    create_document,
    decline_document,
    delete_document,
    document_content,
    document_status,
    ensure_user_exists,
    get_document,
    list_documents,
    open_document,
    send_document,
    sync_transition,
    update_document,
    void_document,
)
from brain.domains.legal.errors import ComplianceRequired
from brain.domains.legal.lifecycle import MACHINE, unsigned_count
from brain.domains.legal.schemas import ComplianceCheck
from brain.domains.legal.signing import SigningClient, sign_document, sign_personal
from brain.domains.legal.templates import (
    current_version,
    current_versions,
    get_template,
    list_templates,
    list_versions,
    publish_version,
)
from brain.domains.legal.verification import (
    audit_read,
    certificate,
    evidence,
    list_audit,
    list_audit_verifications,
    verify_audit_chain,
    verify_document,
)

__all__ = [
    "MACHINE",
    "ComplianceCheck",
    "ComplianceRequired",
    "DocumentView",
    "SigningClient",
    "Subject",
    "audit_read",
    "certificate",
    "check_compliance",
    "compliance_report",
    "count_signed_for_subject",
    "create_document",
    "current_version",
    "current_versions",
    "decline_document",
    "delete_document",
    "document_content",
    "document_status",
    "ensure_user_exists",
    "evidence",
    "get_document",
    "get_template",
    "list_audit",
    "list_audit_verifications",
    "list_documents",
    "list_rules",
    "list_templates",
    "list_versions",
    "open_document",
    "publish_version",
    "register_subject_check",
    "replace_rules",
    "require_compliance",
    "require_role_documents",
    "send_document",
    "sign_document",
    "sign_personal",
    "signatures_valid_from",
    "subject_checks",
    "sync_transition",
    "unsigned_count",
    "update_document",
    "verify_audit_chain",
    "verify_document",
    "void_document",
]
