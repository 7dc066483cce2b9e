"""Contains all the data models used in inputs/outputs"""

from .accepted_response import AcceptedResponse
from .account_ref import AccountRef
from .activity_read import ActivityRead
from .activity_read_data import ActivityReadData
from .activity_read_page import ActivityReadPage
from .admin_delivery_read import AdminDeliveryRead
from .admin_delivery_read_page import AdminDeliveryReadPage
from .analytics import Analytics
from .analytics_downline import AnalyticsDownline
from .analytics_download_report_format import AnalyticsDownloadReportFormat
from .analytics_platform_analytics_period import AnalyticsPlatformAnalyticsPeriod
from .analytics_read import AnalyticsRead
from .analytics_user_analytics_period import AnalyticsUserAnalyticsPeriod
from .analytics_venture_analytics_period import AnalyticsVentureAnalyticsPeriod
from .announcement_create import AnnouncementCreate
from .announcement_read import AnnouncementRead
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
from .badge_admin_action import BadgeAdminAction
from .badge_catalogue import BadgeCatalogue
from .badge_code import BadgeCode
from .badge_progress import BadgeProgress
from .badge_read import BadgeRead
from .balance_read import BalanceRead
from .broadcast_send import BroadcastSend
from .broadcast_send_data import BroadcastSendData
from .burn_request import BurnRequest
from .burn_request_from_pool_type_0 import BurnRequestFromPoolType0
from .buz_figures import BuzFigures
from .category import Category
from .certificate import Certificate
from .certificate_signer import CertificateSigner
from .change_password_request import ChangePasswordRequest
from .channel import Channel
from .cohort import Cohort
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
from .day_count import DayCount
from .decision_in import DecisionIn
from .decline_request import DeclineRequest
from .definition_read import DefinitionRead
from .definition_summary import DefinitionSummary
from .delivery_read import DeliveryRead
from .delivery_status import DeliveryStatus
from .device_create import DeviceCreate
from .device_read import DeviceRead
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
from .earned_badge import EarnedBadge
from .earned_day import EarnedDay
from .earned_totals import EarnedTotals
from .email_change_confirm import EmailChangeConfirm
from .email_change_request import EmailChangeRequest
from .event_send import EventSend
from .event_send_payload import EventSendPayload
from .field_error import FieldError
from .file_read import FileRead
from .file_read_access import FileReadAccess
from .file_read_page import FileReadPage
from .file_update import FileUpdate
from .files_share_read import FilesShareRead
from .files_share_read_page import FilesShareReadPage
from .files_upload_file_body import FilesUploadFileBody
from .forgot_password_request import ForgotPasswordRequest
from .gamification_profile_read import GamificationProfileRead
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
from .interval import Interval
from .invitation_create import InvitationCreate
from .invitation_read import InvitationRead
from .invitation_read_page import InvitationReadPage
from .invitation_status import InvitationStatus
from .kind import Kind
from .leaderboard_read import LeaderboardRead
from .leaderboard_row import LeaderboardRow
from .ledger_report import LedgerReport
from .leg_read import LegRead
from .legal_audit_entry_read import LegalAuditEntryRead
from .legal_audit_entry_read_data import LegalAuditEntryReadData
from .level import Level
from .link import Link
from .link_create import LinkCreate
from .link_read import LinkRead
from .link_read_page import LinkReadPage
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
from .metric_value import MetricValue
from .metrics_read import MetricsRead
from .mint_request import MintRequest
from .mint_request_to_pool_type_0 import MintRequestToPoolType0
from .name_check import NameCheck
from .network_edge import NetworkEdge
from .network_node import NetworkNode
from .network_read import NetworkRead
from .network_read_levels import NetworkReadLevels
from .notification_read import NotificationRead
from .notification_read_data import NotificationReadData
from .notification_read_page import NotificationReadPage
from .notification_shortcuts import NotificationShortcuts
from .ownership_transfer import OwnershipTransfer
from .period import Period
from .personal_sign_request import PersonalSignRequest
from .platform_analytics import PlatformAnalytics
from .platform_analytics_period import PlatformAnalyticsPeriod
from .platform_analytics_ventures_by_stage import PlatformAnalyticsVenturesByStage
from .pool_read import PoolRead
from .position_read import PositionRead
from .position_read_page import PositionReadPage
from .preference_change import PreferenceChange
from .preference_item import PreferenceItem
from .preferences_read import PreferencesRead
from .preferences_update import PreferencesUpdate
from .price_point import PricePoint
from .price_read import PriceRead
from .price_set import PriceSet
from .privacy_settings import PrivacySettings
from .problem_details import ProblemDetails
from .profile_update import ProfileUpdate
from .profile_update_visibility import ProfileUpdateVisibility
from .published import Published
from .push_keys import PushKeys
from .quiet_hours_body import QuietHoursBody
from .ranking import Ranking
from .rankings_read import RankingsRead
from .rarity import Rarity
from .read_all_result import ReadAllResult
from .recommendation import Recommendation
from .referral_code_read import ReferralCodeRead
from .referral_type import ReferralType
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .relationship_create import RelationshipCreate
from .relationship_read import RelationshipRead
from .relationship_read_page import RelationshipReadPage
from .relationship_update import RelationshipUpdate
from .report_create import ReportCreate
from .report_create_period import ReportCreatePeriod
from .report_data import ReportData
from .report_data_period import ReportDataPeriod
from .report_data_rows_item import ReportDataRowsItem
from .report_data_scope import ReportDataScope
from .report_kind import ReportKind
from .report_read import ReportRead
from .report_read_page import ReportReadPage
from .report_read_period import ReportReadPeriod
from .report_read_scope import ReportReadScope
from .report_status import ReportStatus
from .reset_password_request import ResetPasswordRequest
from .retention_week import RetentionWeek
from .reversal_request import ReversalRequest
from .role import Role
from .role_update import RoleUpdate
from .rule import Rule
from .rule_read import RuleRead
from .rule_update import RuleUpdate
from .series_point import SeriesPoint
from .session_read import SessionRead
from .session_read_page import SessionReadPage
from .settings_read import SettingsRead
from .settings_update import SettingsUpdate
from .share_create import ShareCreate
from .share_status import ShareStatus
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
from .stage_span import StageSpan
from .stage_status import StageStatus
from .stake_create import StakeCreate
from .stake_status import StakeStatus
from .stake_tier import StakeTier
from .state import State
from .state_machines_history_entry import StateMachinesHistoryEntry
from .state_machines_history_entry_page import StateMachinesHistoryEntryPage
from .state_machines_history_entry_payload import StateMachinesHistoryEntryPayload
from .state_read import StateRead
from .stats import Stats
from .stats_read import StatsRead
from .streak_read import StreakRead
from .subject_type import SubjectType
from .supply_read import SupplyRead
from .team_figures import TeamFigures
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
from .track_batch import TrackBatch
from .track_error import TrackError
from .track_event import TrackEvent
from .track_event_properties import TrackEventProperties
from .track_result import TrackResult
from .transaction_read import TransactionRead
from .transaction_read_account import TransactionReadAccount
from .transaction_read_direction import TransactionReadDirection
from .transaction_read_page import TransactionReadPage
from .transfer_create import TransferCreate
from .transfer_kind import TransferKind
from .transfer_read import TransferRead
from .transition_read import TransitionRead
from .transition_result import TransitionResult
from .umbrella_share_read import UmbrellaShareRead
from .umbrella_share_read_page import UmbrellaShareReadPage
from .unlock_read import UnlockRead
from .unlock_request import UnlockRequest
from .unread_count import UnreadCount
from .usage import Usage
from .user_analytics import UserAnalytics
from .user_analytics_period import UserAnalyticsPeriod
from .user_badge_read import UserBadgeRead
from .user_badges import UserBadges
from .user_create import UserCreate
from .user_export import UserExport
from .user_read import UserRead
from .user_read_page import UserReadPage
from .user_read_view import UserReadView
from .user_replace import UserReplace
from .user_send import UserSend
from .user_send_data import UserSendData
from .user_send_type import UserSendType
from .user_stats import UserStats
from .user_stats_counts import UserStatsCounts
from .user_status import UserStatus
from .user_update import UserUpdate
from .user_update_status_type_0 import UserUpdateStatusType0
from .users_profile_read import UsersProfileRead
from .users_profile_read_visibility_type_0 import UsersProfileReadVisibilityType0
from .users_visibility import UsersVisibility
from .vapid_key import VapidKey
from .venture_analytics import VentureAnalytics
from .venture_analytics_period import VentureAnalyticsPeriod
from .venture_create import VentureCreate
from .venture_read import VentureRead
from .venture_read_page import VentureReadPage
from .venture_send import VentureSend
from .venture_send_data import VentureSendData
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
from .websocket_schema_response_websocket_schema import WebsocketSchemaResponseWebsocketSchema
from .xp_award_read import XpAwardRead
from .xp_award_read_page import XpAwardReadPage
from .xp_reverse import XpReverse

__all__ = (
    "AcceptedResponse",
    "AccountRef",
    "ActivityRead",
    "ActivityReadData",
    "ActivityReadPage",
    "AdminDeliveryRead",
    "AdminDeliveryReadPage",
    "Analytics",
    "AnalyticsDownline",
    "AnalyticsDownloadReportFormat",
    "AnalyticsPlatformAnalyticsPeriod",
    "AnalyticsRead",
    "AnalyticsUserAnalyticsPeriod",
    "AnalyticsVentureAnalyticsPeriod",
    "AnnouncementCreate",
    "AnnouncementRead",
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
    "BadgeAdminAction",
    "BadgeCatalogue",
    "BadgeCode",
    "BadgeProgress",
    "BadgeRead",
    "BalanceRead",
    "BroadcastSend",
    "BroadcastSendData",
    "BurnRequest",
    "BurnRequestFromPoolType0",
    "BuzFigures",
    "Category",
    "Certificate",
    "CertificateSigner",
    "ChangePasswordRequest",
    "Channel",
    "Cohort",
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
    "DayCount",
    "DecisionIn",
    "DeclineRequest",
    "DefinitionRead",
    "DefinitionSummary",
    "DeliveryRead",
    "DeliveryStatus",
    "DeviceCreate",
    "DeviceRead",
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
    "EarnedBadge",
    "EarnedDay",
    "EarnedTotals",
    "EmailChangeConfirm",
    "EmailChangeRequest",
    "EventSend",
    "EventSendPayload",
    "FieldError",
    "FileRead",
    "FileReadAccess",
    "FileReadPage",
    "FilesShareRead",
    "FilesShareReadPage",
    "FilesUploadFileBody",
    "FileUpdate",
    "ForgotPasswordRequest",
    "GamificationProfileRead",
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
    "Interval",
    "InvitationCreate",
    "InvitationRead",
    "InvitationReadPage",
    "InvitationStatus",
    "Kind",
    "LeaderboardRead",
    "LeaderboardRow",
    "LedgerReport",
    "LegalAuditEntryRead",
    "LegalAuditEntryReadData",
    "LegRead",
    "Level",
    "Link",
    "LinkCreate",
    "LinkRead",
    "LinkReadPage",
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
    "MetricValue",
    "MintRequest",
    "MintRequestToPoolType0",
    "NameCheck",
    "NetworkEdge",
    "NetworkNode",
    "NetworkRead",
    "NetworkReadLevels",
    "NotificationRead",
    "NotificationReadData",
    "NotificationReadPage",
    "NotificationShortcuts",
    "OwnershipTransfer",
    "Period",
    "PersonalSignRequest",
    "PlatformAnalytics",
    "PlatformAnalyticsPeriod",
    "PlatformAnalyticsVenturesByStage",
    "PoolRead",
    "PositionRead",
    "PositionReadPage",
    "PreferenceChange",
    "PreferenceItem",
    "PreferencesRead",
    "PreferencesUpdate",
    "PricePoint",
    "PriceRead",
    "PriceSet",
    "PrivacySettings",
    "ProblemDetails",
    "ProfileUpdate",
    "ProfileUpdateVisibility",
    "Published",
    "PushKeys",
    "QuietHoursBody",
    "Ranking",
    "RankingsRead",
    "Rarity",
    "ReadAllResult",
    "Recommendation",
    "ReferralCodeRead",
    "ReferralType",
    "RefreshRequest",
    "RegisterRequest",
    "RelationshipCreate",
    "RelationshipRead",
    "RelationshipReadPage",
    "RelationshipUpdate",
    "ReportCreate",
    "ReportCreatePeriod",
    "ReportData",
    "ReportDataPeriod",
    "ReportDataRowsItem",
    "ReportDataScope",
    "ReportKind",
    "ReportRead",
    "ReportReadPage",
    "ReportReadPeriod",
    "ReportReadScope",
    "ReportStatus",
    "ResetPasswordRequest",
    "RetentionWeek",
    "ReversalRequest",
    "Role",
    "RoleUpdate",
    "Rule",
    "RuleRead",
    "RuleUpdate",
    "SeriesPoint",
    "SessionRead",
    "SessionReadPage",
    "SettingsRead",
    "SettingsUpdate",
    "ShareCreate",
    "ShareStatus",
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
    "StageSpan",
    "StageStatus",
    "StakeCreate",
    "StakeStatus",
    "StakeTier",
    "State",
    "StateMachinesHistoryEntry",
    "StateMachinesHistoryEntryPage",
    "StateMachinesHistoryEntryPayload",
    "StateRead",
    "Stats",
    "StatsRead",
    "StreakRead",
    "SubjectType",
    "SupplyRead",
    "TeamFigures",
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
    "TrackBatch",
    "TrackError",
    "TrackEvent",
    "TrackEventProperties",
    "TrackResult",
    "TransactionRead",
    "TransactionReadAccount",
    "TransactionReadDirection",
    "TransactionReadPage",
    "TransferCreate",
    "TransferKind",
    "TransferRead",
    "TransitionRead",
    "TransitionResult",
    "UmbrellaShareRead",
    "UmbrellaShareReadPage",
    "UnlockRead",
    "UnlockRequest",
    "UnreadCount",
    "Usage",
    "UserAnalytics",
    "UserAnalyticsPeriod",
    "UserBadgeRead",
    "UserBadges",
    "UserCreate",
    "UserExport",
    "UserRead",
    "UserReadPage",
    "UserReadView",
    "UserReplace",
    "UserSend",
    "UserSendData",
    "UserSendType",
    "UsersProfileRead",
    "UsersProfileReadVisibilityType0",
    "UserStats",
    "UserStatsCounts",
    "UserStatus",
    "UsersVisibility",
    "UserUpdate",
    "UserUpdateStatusType0",
    "VapidKey",
    "VentureAnalytics",
    "VentureAnalyticsPeriod",
    "VentureCreate",
    "VentureRead",
    "VentureReadPage",
    "VentureSend",
    "VentureSendData",
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
    "WebsocketSchemaResponseWebsocketSchema",
    "XpAwardRead",
    "XpAwardReadPage",
    "XpReverse",
)
