"""The auth domain's public service: what the router, the dependencies, the handlers, the CLI
and other domains call. Session first, keyword-only after; they flush, never commit.

The functions live in `audit`, `lockout`, `credentials`, `sessions`, `one_time`, `recovery`,
`email_change`, `registration` and `roles` (split to keep each module readable); this module
is the one face other domains import. The periodic cleanup is in `jobs`, the HTML pages that
emailed links open in `pages`.

Failures that must leave a trace (a failed login counts toward the lockout, a reused refresh
token revokes its family) are written in the caller's transaction before the error is
raised; the router commits that transaction before answering (`router._commit_then_raise`).
"""

from __future__ import annotations

from brain.domains.auth.audit import Client, audit, list_audit
from brain.domains.auth.credentials import authenticate, change_password, set_password
from brain.domains.auth.email_change import confirm_email_change, request_email_change
from brain.domains.auth.lockout import Unlocked, unlock_account
from brain.domains.auth.one_time import (
    EMAIL_CHANGE,
    RESET,
    VERIFY,
    issue_one_time_token,
    live_token,
)
from brain.domains.auth.recovery import (
    forgot_password,
    reset_password,
    send_verification,
    verify_email,
)
from brain.domains.auth.registration import register
from brain.domains.auth.roles import (
    RoleRequirementCheck,
    change_role,
    create_admin,
    grant_role,
    promote_to_member,
    register_role_requirement_check,
)
from brain.domains.auth.sessions import (
    IssuedTokens,
    list_sessions,
    principal,
    refresh,
    revoke_all,
    revoke_session,
    start_session,
    verify_access_token,
)

__all__ = [
    "EMAIL_CHANGE",
    "RESET",
    "VERIFY",
    "Client",
    "IssuedTokens",
    "RoleRequirementCheck",
    "Unlocked",
    "audit",
    "authenticate",
    "change_password",
    "change_role",
    "confirm_email_change",
    "create_admin",
    "forgot_password",
    "grant_role",
    "issue_one_time_token",
    "list_audit",
    "list_sessions",
    "live_token",
    "principal",
    "promote_to_member",
    "refresh",
    "register",
    "register_role_requirement_check",
    "request_email_change",
    "reset_password",
    "revoke_all",
    "revoke_session",
    "send_verification",
    "set_password",
    "start_session",
    "unlock_account",
    "verify_access_token",
    "verify_email",
]
