"""Request and response models of `/api/legal`."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from brain.core.schemas import InputModel


class SignerRole(StrEnum):
    SIGNER = "SIGNER"  # signs
    APPROVER = "APPROVER"  # approves (signs, with the same evidence)
    VIEWER = "VIEWER"  # may read, never acts
    CC = "CC"  # receives the completed document


ACTING_ROLES = frozenset({SignerRole.SIGNER, SignerRole.APPROVER})


class SignerStatus(StrEnum):
    PENDING = "PENDING"
    SIGNED = "SIGNED"
    DECLINED = "DECLINED"
    NONE = "NONE"  # VIEWER and CC: nothing to do


class DocumentStatus(StrEnum):
    DRAFT = "DRAFT"
    PENDING = "PENDING"
    PARTIALLY_SIGNED = "PARTIALLY_SIGNED"
    COMPLETED = "COMPLETED"
    DECLINED = "DECLINED"
    EXPIRED = "EXPIRED"
    VOIDED = "VOIDED"


# The statuses in which a document can be signed, declined or expire: the one definition.
# Ordered, because the `legal_document` machine (lifecycle.py) lists its transitions out of
# these states in this order, and that order is part of its stored content.
SIGNABLE: tuple[DocumentStatus, ...] = (DocumentStatus.PENDING, DocumentStatus.PARTIALLY_SIGNED)


class SubjectType(StrEnum):
    USER = "user"
    VENTURE = "venture"
    UMBRELLA_RELATIONSHIP = "umbrella_relationship"
    OTHER = "other"


class SigningOrder(StrEnum):
    SEQUENTIAL = "sequential"
    PARALLEL = "parallel"


class SignatureMethod(StrEnum):
    CLICK = "click"
    TYPED = "typed"


class ComplianceState(StrEnum):
    SIGNED = "signed"
    MISSING = "missing"
    EXPIRED = "expired"  # signed more than the validity period ago
    OUTDATED = "outdated"  # signed, but an older major version than the current one


SEMVER = re.compile(r"^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$")
ACTION = re.compile(r"^[a-z][a-z_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")
TemplateType = Annotated[
    str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,39}$", examples=["VENTURE_AGREEMENT"])
]
ActionName = Annotated[
    str, Field(min_length=3, max_length=100, pattern=ACTION.pattern, examples=["buz.transfer"])
]


class _Input(InputModel):
    model_config = ConfigDict(extra="forbid")


# -- templates -------------------------------------------------------------------------------


class TemplateVersionRead(BaseModel):
    id: uuid.UUID
    template_type: str
    version: str
    sha256: str = Field(description="SHA-256 of the canonical content (see docs).")
    effective_at: datetime
    change_summary: str | None
    created_at: datetime


class TemplateVersionWithContent(TemplateVersionRead):
    content: str


class TemplateRead(BaseModel):
    type: str
    name: str
    category: str
    personal: bool = Field(description="Signed alone through `POST /templates/{type}/sign`.")
    current_version: TemplateVersionRead | None = Field(
        description="The latest version in effect (documents and compliance use it)."
    )


class TemplateDetail(TemplateRead):
    content: str | None
    versions: list[TemplateVersionRead]


class TemplateList(BaseModel):
    items: list[TemplateRead]


class TemplateVersionCreate(_Input):
    version: str = Field(
        pattern=SEMVER.pattern,
        examples=["2.0.0"],
        description="Semantic version above the latest one. A new MAJOR makes everyone who "
        "signed an older major sign again.",
    )
    content: str = Field(min_length=1, max_length=200_000, description="Markdown.")
    effective_at: datetime | None = Field(
        default=None, description="When it takes effect (default now); not in the past."
    )
    change_summary: str | None = Field(default=None, max_length=1000)


# -- documents -------------------------------------------------------------------------------


class SignerIn(_Input):
    user_id: uuid.UUID
    role: SignerRole = SignerRole.SIGNER
    order: int = Field(default=1, ge=1, le=100)


def _check_signers(value: list[SignerIn]) -> list[SignerIn]:
    ids = [s.user_id for s in value]
    if len(set(ids)) != len(ids):
        raise ValueError("a user may be listed once")
    if not any(s.role in ACTING_ROLES for s in value):
        raise ValueError("at least one SIGNER or APPROVER is needed")
    return value


# Pydantic describes the key pattern as `patternProperties` but leaves the object open, so the
# schema allowed any other key with any value, which validation refuses (found by the API
# fuzzer). `additionalProperties: false` says what the code does.
Variables = Annotated[
    dict[
        Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")],
        Annotated[str, Field(max_length=5000)],
    ],
    Field(json_schema_extra={"additionalProperties": False}),
]


class DocumentCreate(_Input):
    template_type: TemplateType
    title: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")
    subject_type: SubjectType
    subject_id: str = Field(min_length=1, max_length=100)
    signers: list[SignerIn] = Field(min_length=1, max_length=50)
    signing_order: SigningOrder = SigningOrder.PARALLEL
    deadline: datetime | None = None
    variables: Variables = Field(default_factory=dict, max_length=100)

    @field_validator("signers")
    @classmethod
    def _signers(cls, value: list[SignerIn]) -> list[SignerIn]:
        return _check_signers(value)


class DocumentUpdate(_Input):
    """Fields to change while the document is a DRAFT; those left out stay as they are."""

    title: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$"
    )
    signers: list[SignerIn] | None = Field(default=None, min_length=1, max_length=50)
    signing_order: SigningOrder | None = None
    deadline: datetime | None = None
    variables: Variables | None = Field(default=None, max_length=100)

    @field_validator("signers")
    @classmethod
    def _signers(cls, value: list[SignerIn] | None) -> list[SignerIn] | None:
        return None if value is None else _check_signers(value)


class SignRequest(_Input):
    """Consent is explicit: both flags must be sent, and true. Nothing defaults them."""

    # `const: true` in the schema: a client cannot send anything else.
    consent_given: bool = Field(
        strict=True,
        description="The signer consents to sign electronically (ESCA).",
        json_schema_extra={"const": True},
    )
    terms_accepted: bool = Field(
        strict=True,
        description="The signer accepts the terms of this document.",
        json_schema_extra={"const": True},
    )
    method: SignatureMethod
    legal_name: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The signer's full legal name, typed; required when method is `typed`.",
    )

    @field_validator("consent_given", "terms_accepted")
    @classmethod
    def _must_be_true(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError("must be true to sign")
        return value

    @model_validator(mode="after")
    def _typed_needs_name(self) -> SignRequest:
        if self.method == SignatureMethod.TYPED and not (self.legal_name or "").strip():
            raise ValueError("a typed signature needs legal_name")
        return self


class PersonalSignRequest(SignRequest):
    """A personal agreement, optionally signed for a subject (`venture` and its id): a
    compliance rule that scopes the template (the PPNA of `ventures.join`) counts it only for
    that subject. Without one, the agreement is the signer's own."""

    subject_type: SubjectType | None = Field(
        default=None, description="What the agreement is signed for; not `user` (the default)."
    )
    subject_id: str | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _subject_pair(self) -> PersonalSignRequest:
        if (self.subject_type is None) != (self.subject_id is None):
            raise ValueError("subject_type and subject_id come together")
        if self.subject_type == SubjectType.USER:
            raise ValueError("a personal agreement is the signer's own without a subject")
        return self

    @property
    def subject(self) -> tuple[str, str] | None:
        if self.subject_type is None or self.subject_id is None:
            return None
        return self.subject_type.value, self.subject_id.strip()


class DeclineRequest(_Input):
    reason: str = Field(min_length=1, max_length=1000)

    @field_validator("reason")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a reason is required")
        return value.strip()


class VoidRequest(_Input):
    reason: str | None = Field(default=None, max_length=1000)


class SignerRead(BaseModel):
    user_id: uuid.UUID
    display_name: str | None
    role: SignerRole
    order: int
    status: SignerStatus
    viewed_at: datetime | None
    acted_at: datetime | None
    decline_reason: str | None


class DocumentRead(BaseModel):
    id: uuid.UUID
    template_type: str
    template_version: str
    template_version_id: uuid.UUID
    title: str
    subject_type: str
    subject_id: str
    sender_id: uuid.UUID
    signing_order: SigningOrder
    personal: bool
    status: DocumentStatus
    variables: dict[str, str]
    content: str = Field(description="The merged content: frozen from the moment it is sent.")
    content_sha256: str | None = Field(description="SHA-256 of the canonical content, once sent.")
    deadline: datetime | None
    sent_at: datetime | None
    completed_at: datetime | None
    end_reason: str | None
    signers: list[SignerRead]
    created_at: datetime
    updated_at: datetime


class DocumentSummary(BaseModel):
    id: uuid.UUID
    template_type: str
    title: str
    sender_id: uuid.UUID
    status: DocumentStatus
    personal: bool
    deadline: datetime | None
    created_at: datetime


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: str | None = None


class DocumentStatusRead(BaseModel):
    id: uuid.UUID
    status: DocumentStatus
    signing_order: SigningOrder
    signed: list[uuid.UUID]
    pending: list[uuid.UUID]
    next_to_sign: list[uuid.UUID] = Field(
        description="Who may sign now (sequential: the lowest pending order)."
    )
    declined: list[uuid.UUID]
    allowed_events: list[str]


class SignatureEvidence(BaseModel):
    signature_id: uuid.UUID
    user_id: uuid.UUID
    signed_at: datetime
    ip: str
    user_agent: str
    method: SignatureMethod
    legal_name: str | None
    document_sha256: str
    consent_given: bool
    terms_accepted: bool
    hmac: str
    hmac_key_id: str = Field(description="Id of the evidence key that made `hmac`.")


class HmacStatus(StrEnum):
    VALID = "valid"  # the key is in the ring and the HMAC matches the evidence
    TAMPERED = "tampered"  # the key is in the ring and the HMAC does not match
    UNKNOWN_KEY = "unknown_key"  # the key is not in the ring: the evidence cannot be checked


class SignatureCheck(BaseModel):
    signature_id: uuid.UUID
    user_id: uuid.UUID
    hmac_valid: bool = Field(description="The HMAC was checked and matches (`hmac_status`).")
    hmac_status: HmacStatus
    hmac_key_id: str = Field(description="Id of the evidence key the signature names.")
    document_hash_matches: bool


class VerifyResult(BaseModel):
    valid: bool
    document_id: uuid.UUID
    stored_sha256: str | None
    computed_sha256: str | None
    document_hash_valid: bool
    signatures: list[SignatureCheck]
    failures: list[str] = Field(description="What failed, one line each; empty when valid.")


class AuditEntryRead(BaseModel):
    seq: int
    id: uuid.UUID
    occurred_at: datetime
    action: str
    actor_id: uuid.UUID | None
    user_id: uuid.UUID | None
    document_id: uuid.UUID | None
    data: dict[str, Any]
    prev_hash: str
    hash: str


class AuditPage(BaseModel):
    items: list[AuditEntryRead]
    next_cursor: str | None = None


class AuditVerifyMode(StrEnum):
    FULL = "full"  # every entry from the first one
    INCREMENTAL = "incremental"  # the checkpoint entry, then the entries after it


class AuditVerifyResult(BaseModel):
    valid: bool
    mode: AuditVerifyMode
    from_seq: int = Field(
        description="First entry walked; the checkpoint entry (`from_seq - 1`) is re-hashed "
        "too in an incremental verification. Above `to_seq` when nothing new was appended."
    )
    to_seq: int = Field(description="Last entry walked: the chain's head when the walk began.")
    entries: int = Field(description="Entries walked before the first break (all, if valid).")
    broken_at: int | None = Field(description="`seq` of the first entry that fails, if any.")
    reason: str | None = None
    head_hash: str = Field(
        description="Hash of entry `to_seq`: keep it outside the database to anchor the chain."
    )
    checkpoint_seq: int = Field(description="The checkpoint after this verification.")
    checkpoint_verified_at: datetime | None = Field(
        description="When the checkpoint was last moved (by any verification)."
    )
    last_full_verified_at: datetime | None = Field(
        description="When the whole chain was last walked (the daily job or `full=true`)."
    )
    last_full_valid: bool | None = Field(description="What that full walk found.")
    verification_id: uuid.UUID = Field(description="The record of this verification.")


class AuditVerificationRead(BaseModel):
    """One recorded verification of the audit chain."""

    id: uuid.UUID
    started_at: datetime
    finished_at: datetime
    mode: AuditVerifyMode
    trigger: Literal["api", "job"]
    actor_id: uuid.UUID | None
    from_seq: int
    to_seq: int
    entries: int
    valid: bool
    broken_at: int | None
    reason: str | None


class AuditVerificationPage(BaseModel):
    items: list[AuditVerificationRead]
    next_cursor: str | None = None


class CertificateSigner(BaseModel):
    user_id: uuid.UUID
    display_name: str | None
    email: str | None
    role: SignerRole
    order: int
    status: SignerStatus
    evidence: SignatureEvidence | None


class Certificate(BaseModel):
    """The completion certificate (JSON)."""

    document_id: uuid.UUID
    title: str
    template_type: str
    template_version: str
    template_sha256: str
    document_sha256: str
    subject_type: str
    subject_id: str
    sender_id: uuid.UUID
    signing_order: SigningOrder
    sent_at: datetime | None
    completed_at: datetime | None
    signers: list[CertificateSigner]
    audit_trail: list[AuditEntryRead]
    verification: VerifyResult
    issued_at: datetime


# -- compliance ------------------------------------------------------------------------------


class ComplianceCheck(BaseModel):
    allowed: bool
    missing: list[str]


class ComplianceCheckRequest(_Input):
    action: ActionName
    user_id: uuid.UUID | None = Field(default=None, description="Default: you.")


class ComplianceCheckResult(ComplianceCheck):
    action: str
    user_id: uuid.UUID


class TemplateCompliance(BaseModel):
    template_type: str
    state: ComplianceState
    current_version: str | None
    signed_version: str | None
    signed_at: datetime | None
    valid_until: datetime | None
    document_id: uuid.UUID | None


class ComplianceReport(BaseModel):
    user_id: uuid.UUID
    templates: list[TemplateCompliance]
    actions_unlocked: list[str]
    actions_locked: list[str]


class ComplianceRuleRead(BaseModel):
    action: str
    required_types: list[str]
    scoped_types: list[str] = Field(
        description="Required types that count only when signed for the action's subject."
    )
    description: str
    updated_at: datetime
    updated_by: uuid.UUID | None


class ComplianceRuleList(BaseModel):
    items: list[ComplianceRuleRead]


class ComplianceRuleIn(_Input):
    action: ActionName
    required_types: list[TemplateType] = Field(max_length=30)
    scoped_types: list[TemplateType] | None = Field(
        default=None,
        max_length=30,
        description="Those of `required_types` that count only when signed for the subject "
        "the action is about (the PPNA for the venture joined). Omitted: an existing rule "
        "keeps its scope (of the types it still requires), so a client that does not know "
        "this field cannot widen a rule by accident.",
    )
    description: str = Field(default="", max_length=500)

    @model_validator(mode="after")
    def _scoped_are_required(self) -> ComplianceRuleIn:
        extra = sorted(set(self.scoped_types or ()) - set(self.required_types))
        if extra:
            raise ValueError(f"scoped_types not in required_types: {', '.join(extra)}")
        return self


class ComplianceRulesUpdate(_Input):
    """The complete rule set: actions left out are removed (they then require nothing)."""

    rules: list[ComplianceRuleIn] = Field(max_length=500)

    @field_validator("rules")
    @classmethod
    def _distinct_actions(cls, value: list[ComplianceRuleIn]) -> list[ComplianceRuleIn]:
        actions = [r.action for r in value]
        if len(set(actions)) != len(actions):
            raise ValueError("an action may be listed once")
        return value


SignOutcome = Literal["signed", "completed"]


class SignResult(BaseModel):
    document: DocumentRead
    signature: SignatureEvidence
