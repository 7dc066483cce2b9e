"""Every table of the Brain, imported so `SQLModel.metadata` is complete for Alembic."""

from sqlmodel import SQLModel

from brain.core.models import OutboxDelivery, OutboxEvent
from brain.domains.auth.models import (
    AuthAuditEntry,
    AuthCredential,
    AuthLoginThrottle,
    AuthOneTimeToken,
    AuthRefreshToken,
    AuthSession,
)
from brain.domains.buz.models import (
    BuzAccount,
    BuzAdminAction,
    BuzDailySend,
    BuzIdempotencyKey,
    BuzPrice,
    BuzStakePosition,
    BuzTransfer,
)
from brain.domains.legal.models import (
    LegalAuditEntry,
    LegalAuditHead,
    LegalComplianceRule,
    LegalDocument,
    LegalDocumentSigner,
    LegalMilestone,
    LegalSignature,
    LegalTemplate,
    LegalTemplateVersion,
)
from brain.domains.notifications.models import EmailMessage
from brain.domains.state_machines.models import (
    StateMachineDefinitionRow,
    StateMachineHistory,
    StateMachineInstance,
    StateMachineTimer,
)
from brain.domains.users.models import User, UserActivity, UserProfile, UserSettings

metadata = SQLModel.metadata

__all__ = [
    "AuthAuditEntry",
    "AuthCredential",
    "AuthLoginThrottle",
    "AuthOneTimeToken",
    "AuthRefreshToken",
    "AuthSession",
    "BuzAccount",
    "BuzAdminAction",
    "BuzDailySend",
    "BuzIdempotencyKey",
    "BuzPrice",
    "BuzStakePosition",
    "BuzTransfer",
    "EmailMessage",
    "LegalAuditEntry",
    "LegalAuditHead",
    "LegalComplianceRule",
    "LegalDocument",
    "LegalDocumentSigner",
    "LegalMilestone",
    "LegalSignature",
    "LegalTemplate",
    "LegalTemplateVersion",
    "OutboxDelivery",
    "OutboxEvent",
    "StateMachineDefinitionRow",
    "StateMachineHistory",
    "StateMachineInstance",
    "StateMachineTimer",
    "User",
    "UserActivity",
    "UserProfile",
    "UserSettings",
    "metadata",
]
