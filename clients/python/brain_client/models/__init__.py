"""Contains all the data models used in inputs/outputs"""

from .accepted_response import AcceptedResponse
from .account_ref import AccountRef
from .activity_read import ActivityRead
from .activity_read_data import ActivityReadData
from .activity_read_page import ActivityReadPage
from .analytics_read import AnalyticsRead
from .audit_entry_read_page import AuditEntryReadPage
from .audit_page import AuditPage
from .audit_verification_page import AuditVerificationPage
from .audit_verification_read import AuditVerificationRead
from .audit_verification_read_trigger import AuditVerificationReadTrigger
from .audit_verify_mode import AuditVerifyMode
from .audit_verify_result import AuditVerifyResult
from .auth_audit_entry_read import AuthAuditEntryRead
from .auth_audit_entry_read_detail import AuthAuditEntryReadDetail
from .auth_audit_log_kind_type_0 import AuthAuditLogKindType0
from .auth_confirm_email_change_submit_form import AuthConfirmEmailChangeSubmitForm
from .auth_reset_password_submit_form import AuthResetPasswordSubmitForm
from .auth_token_form import AuthTokenForm
from .auth_verify_email_submit_form import AuthVerifyEmailSubmitForm
from .balance_read import BalanceRead
from .burn_request import BurnRequest
from .burn_request_from_pool_type_0 import BurnRequestFromPoolType0
from .certificate import Certificate
from .certificate_signer import CertificateSigner
from .change_password_request import ChangePasswordRequest
from .compliance_check_request import ComplianceCheckRequest
from .compliance_check_result import ComplianceCheckResult
from .compliance_report import ComplianceReport
from .compliance_rule_in import ComplianceRuleIn
from .compliance_rule_list import ComplianceRuleList
from .compliance_rule_read import ComplianceRuleRead
from .compliance_rules_update import ComplianceRulesUpdate
from .compliance_state import ComplianceState
from .computed_metrics import ComputedMetrics
from .daily_volume import DailyVolume
from .decline_request import DeclineRequest
from .definition_read import DefinitionRead
from .definition_summary import DefinitionSummary
from .document_create import DocumentCreate
from .document_create_variables import DocumentCreateVariables
from .document_page import DocumentPage
from .document_read import DocumentRead
from .document_read_variables import DocumentReadVariables
from .document_status import DocumentStatus
from .document_status_read import DocumentStatusRead
from .document_summary import DocumentSummary
from .document_update import DocumentUpdate
from .document_update_variables_type_0 import DocumentUpdateVariablesType0
from .email_change_confirm import EmailChangeConfirm
from .email_change_request import EmailChangeRequest
from .event_send import EventSend
from .event_send_payload import EventSendPayload
from .field_error import FieldError
from .forgot_password_request import ForgotPasswordRequest
from .health import Health
from .health_checks import HealthChecks
from .health_checks_database import HealthChecksDatabase
from .health_checks_redis import HealthChecksRedis
from .health_services import HealthServices
from .health_status import HealthStatus
from .hmac_status import HmacStatus
from .holder import Holder
from .industry import Industry
from .instance_create import InstanceCreate
from .instance_create_context import InstanceCreateContext
from .instance_state import InstanceState
from .instance_state_context import InstanceStateContext
from .invitation_create import InvitationCreate
from .invitation_read import InvitationRead
from .invitation_read_page import InvitationReadPage
from .invitation_status import InvitationStatus
from .ledger_report import LedgerReport
from .leg_read import LegRead
from .legal_audit_entry_read import LegalAuditEntryRead
from .legal_audit_entry_read_data import LegalAuditEntryReadData
from .link import Link
from .liveness import Liveness
from .login_request import LoginRequest
from .machine_stats import MachineStats
from .machine_stats_instances_by_state import MachineStatsInstancesByState
from .me_read import MeRead
from .member_read import MemberRead
from .member_read_page import MemberReadPage
from .member_update import MemberUpdate
from .metric_create import MetricCreate
from .metric_read import MetricRead
from .metrics_read import MetricsRead
from .mint_request import MintRequest
from .mint_request_to_pool_type_0 import MintRequestToPoolType0
from .name_check import NameCheck
from .notification_shortcuts import NotificationShortcuts
from .ownership_transfer import OwnershipTransfer
from .personal_sign_request import PersonalSignRequest
from .pool_read import PoolRead
from .position_read import PositionRead
from .position_read_page import PositionReadPage
from .price_point import PricePoint
from .price_read import PriceRead
from .price_set import PriceSet
from .privacy_settings import PrivacySettings
from .problem_details import ProblemDetails
from .profile_read import ProfileRead
from .profile_read_visibility_type_0 import ProfileReadVisibilityType0
from .profile_update import ProfileUpdate
from .profile_update_visibility import ProfileUpdateVisibility
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .reset_password_request import ResetPasswordRequest
from .role import Role
from .role_update import RoleUpdate
from .session_read import SessionRead
from .session_read_page import SessionReadPage
from .settings_read import SettingsRead
from .settings_update import SettingsUpdate
from .sign_request import SignRequest
from .sign_result import SignResult
from .signature_check import SignatureCheck
from .signature_evidence import SignatureEvidence
from .signature_method import SignatureMethod
from .signer_in import SignerIn
from .signer_read import SignerRead
from .signer_role import SignerRole
from .signer_status import SignerStatus
from .signing_order import SigningOrder
from .stage import Stage
from .stage_change import StageChange
from .stage_event import StageEvent
from .stage_status import StageStatus
from .stake_create import StakeCreate
from .stake_status import StakeStatus
from .stake_tier import StakeTier
from .state_machines_history_entry import StateMachinesHistoryEntry
from .state_machines_history_entry_page import StateMachinesHistoryEntryPage
from .state_machines_history_entry_payload import StateMachinesHistoryEntryPayload
from .state_read import StateRead
from .stats import Stats
from .subject_type import SubjectType
from .supply_read import SupplyRead
from .team_role import TeamRole
from .template_compliance import TemplateCompliance
from .template_detail import TemplateDetail
from .template_list import TemplateList
from .template_read import TemplateRead
from .template_version_create import TemplateVersionCreate
from .template_version_read import TemplateVersionRead
from .template_version_with_content import TemplateVersionWithContent
from .tier_read import TierRead
from .tier_read_page import TierReadPage
from .timeline_entry import TimelineEntry
from .timeline_entry_data import TimelineEntryData
from .timeline_entry_page import TimelineEntryPage
from .token_response import TokenResponse
from .transaction_read import TransactionRead
from .transaction_read_account import TransactionReadAccount
from .transaction_read_direction import TransactionReadDirection
from .transaction_read_page import TransactionReadPage
from .transfer_create import TransferCreate
from .transfer_kind import TransferKind
from .transfer_read import TransferRead
from .transition_read import TransitionRead
from .transition_result import TransitionResult
from .unlock_read import UnlockRead
from .unlock_request import UnlockRequest
from .user_create import UserCreate
from .user_export import UserExport
from .user_read import UserRead
from .user_read_page import UserReadPage
from .user_read_view import UserReadView
from .user_replace import UserReplace
from .user_stats import UserStats
from .user_stats_counts import UserStatsCounts
from .user_status import UserStatus
from .user_update import UserUpdate
from .user_update_status_type_0 import UserUpdateStatusType0
from .users_visibility import UsersVisibility
from .venture_create import VentureCreate
from .venture_read import VentureRead
from .venture_read_page import VentureReadPage
from .venture_update import VentureUpdate
from .ventures_history_entry import VenturesHistoryEntry
from .ventures_history_entry_page import VenturesHistoryEntryPage
from .ventures_visibility import VenturesVisibility
from .verify_email_request import VerifyEmailRequest
from .verify_request import VerifyRequest
from .verify_response import VerifyResponse
from .verify_response_claims_type_0 import VerifyResponseClaimsType0
from .verify_result import VerifyResult
from .void_request import VoidRequest

__all__ = (
    "AcceptedResponse",
    "AccountRef",
    "ActivityRead",
    "ActivityReadData",
    "ActivityReadPage",
    "AnalyticsRead",
    "AuditEntryReadPage",
    "AuditPage",
    "AuditVerificationPage",
    "AuditVerificationRead",
    "AuditVerificationReadTrigger",
    "AuditVerifyMode",
    "AuditVerifyResult",
    "AuthAuditEntryRead",
    "AuthAuditEntryReadDetail",
    "AuthAuditLogKindType0",
    "AuthConfirmEmailChangeSubmitForm",
    "AuthResetPasswordSubmitForm",
    "AuthTokenForm",
    "AuthVerifyEmailSubmitForm",
    "BalanceRead",
    "BurnRequest",
    "BurnRequestFromPoolType0",
    "Certificate",
    "CertificateSigner",
    "ChangePasswordRequest",
    "ComplianceCheckRequest",
    "ComplianceCheckResult",
    "ComplianceReport",
    "ComplianceRuleIn",
    "ComplianceRuleList",
    "ComplianceRuleRead",
    "ComplianceRulesUpdate",
    "ComplianceState",
    "ComputedMetrics",
    "DailyVolume",
    "DeclineRequest",
    "DefinitionRead",
    "DefinitionSummary",
    "DocumentCreate",
    "DocumentCreateVariables",
    "DocumentPage",
    "DocumentRead",
    "DocumentReadVariables",
    "DocumentStatus",
    "DocumentStatusRead",
    "DocumentSummary",
    "DocumentUpdate",
    "DocumentUpdateVariablesType0",
    "EmailChangeConfirm",
    "EmailChangeRequest",
    "EventSend",
    "EventSendPayload",
    "FieldError",
    "ForgotPasswordRequest",
    "Health",
    "HealthChecks",
    "HealthChecksDatabase",
    "HealthChecksRedis",
    "HealthServices",
    "HealthStatus",
    "HmacStatus",
    "Holder",
    "Industry",
    "InstanceCreate",
    "InstanceCreateContext",
    "InstanceState",
    "InstanceStateContext",
    "InvitationCreate",
    "InvitationRead",
    "InvitationReadPage",
    "InvitationStatus",
    "LedgerReport",
    "LegalAuditEntryRead",
    "LegalAuditEntryReadData",
    "LegRead",
    "Link",
    "Liveness",
    "LoginRequest",
    "MachineStats",
    "MachineStatsInstancesByState",
    "MemberRead",
    "MemberReadPage",
    "MemberUpdate",
    "MeRead",
    "MetricCreate",
    "MetricRead",
    "MetricsRead",
    "MintRequest",
    "MintRequestToPoolType0",
    "NameCheck",
    "NotificationShortcuts",
    "OwnershipTransfer",
    "PersonalSignRequest",
    "PoolRead",
    "PositionRead",
    "PositionReadPage",
    "PricePoint",
    "PriceRead",
    "PriceSet",
    "PrivacySettings",
    "ProblemDetails",
    "ProfileRead",
    "ProfileReadVisibilityType0",
    "ProfileUpdate",
    "ProfileUpdateVisibility",
    "RefreshRequest",
    "RegisterRequest",
    "ResetPasswordRequest",
    "Role",
    "RoleUpdate",
    "SessionRead",
    "SessionReadPage",
    "SettingsRead",
    "SettingsUpdate",
    "SignatureCheck",
    "SignatureEvidence",
    "SignatureMethod",
    "SignerIn",
    "SignerRead",
    "SignerRole",
    "SignerStatus",
    "SigningOrder",
    "SignRequest",
    "SignResult",
    "Stage",
    "StageChange",
    "StageEvent",
    "StageStatus",
    "StakeCreate",
    "StakeStatus",
    "StakeTier",
    "StateMachinesHistoryEntry",
    "StateMachinesHistoryEntryPage",
    "StateMachinesHistoryEntryPayload",
    "StateRead",
    "Stats",
    "SubjectType",
    "SupplyRead",
    "TeamRole",
    "TemplateCompliance",
    "TemplateDetail",
    "TemplateList",
    "TemplateRead",
    "TemplateVersionCreate",
    "TemplateVersionRead",
    "TemplateVersionWithContent",
    "TierRead",
    "TierReadPage",
    "TimelineEntry",
    "TimelineEntryData",
    "TimelineEntryPage",
    "TokenResponse",
    "TransactionRead",
    "TransactionReadAccount",
    "TransactionReadDirection",
    "TransactionReadPage",
    "TransferCreate",
    "TransferKind",
    "TransferRead",
    "TransitionRead",
    "TransitionResult",
    "UnlockRead",
    "UnlockRequest",
    "UserCreate",
    "UserExport",
    "UserRead",
    "UserReadPage",
    "UserReadView",
    "UserReplace",
    "UserStats",
    "UserStatsCounts",
    "UserStatus",
    "UsersVisibility",
    "UserUpdate",
    "UserUpdateStatusType0",
    "VentureCreate",
    "VentureRead",
    "VentureReadPage",
    "VenturesHistoryEntry",
    "VenturesHistoryEntryPage",
    "VenturesVisibility",
    "VentureUpdate",
    "VerifyEmailRequest",
    "VerifyRequest",
    "VerifyResponse",
    "VerifyResponseClaimsType0",
    "VerifyResult",
    "VoidRequest",
)
