"""Events the legal domain publishes: its public contract. Imports only the core."""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class DocumentSent(DomainEvent):
    name: ClassVar[str] = "legal.document_sent"

    document_id: uuid.UUID
    template_type: str
    signer_ids: list[uuid.UUID]


class DocumentSigned(DomainEvent):
    """One party signed (`user_id`); the document may still wait for others."""

    name: ClassVar[str] = "legal.document_signed"

    document_id: uuid.UUID
    user_id: uuid.UUID
    template_type: str


class DocumentCompleted(DomainEvent):
    name: ClassVar[str] = "legal.document_completed"

    document_id: uuid.UUID
    template_type: str
    signer_ids: list[uuid.UUID]
    subject_type: str
    subject_id: str


class DocumentDeclined(DomainEvent):
    name: ClassVar[str] = "legal.document_declined"

    document_id: uuid.UUID
    user_id: uuid.UUID
    reason: str


class DocumentVoided(DomainEvent):
    name: ClassVar[str] = "legal.document_voided"

    document_id: uuid.UUID


class DocumentExpired(DomainEvent):
    name: ClassVar[str] = "legal.document_expired"

    document_id: uuid.UUID


class TemplateVersionPublished(DomainEvent):
    name: ClassVar[str] = "legal.template_version_published"

    template_type: str
    template_version: str
    major_bump: bool


class ComplianceRulesChanged(DomainEvent):
    name: ClassVar[str] = "legal.compliance_rules_changed"

    actions: list[str]


class PlatformPackCompleted(DomainEvent):
    """The user has signed every document of the platform pack (the `platform.member` rule).
    Published once per user; auth promotes a GUEST to MEMBER on it."""

    name: ClassVar[str] = "legal.platform_pack_completed"

    user_id: uuid.UUID
