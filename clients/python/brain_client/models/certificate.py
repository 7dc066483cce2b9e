from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signing_order import SigningOrder

if TYPE_CHECKING:
    from ..models.certificate_signer import CertificateSigner
    from ..models.legal_audit_entry_read import LegalAuditEntryRead
    from ..models.verify_result import VerifyResult


T = TypeVar("T", bound="Certificate")


@_attrs_define
class Certificate:
    """The completion certificate (JSON).

    Attributes:
        document_id (UUID):
        title (str):
        template_type (str):
        template_version (str):
        template_sha256 (str):
        document_sha256 (str):
        subject_type (str):
        subject_id (str):
        sender_id (UUID):
        signing_order (SigningOrder):
        sent_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        signers (list[CertificateSigner]):
        audit_trail (list[LegalAuditEntryRead]):
        verification (VerifyResult):
        issued_at (datetime.datetime):
    """

    document_id: UUID
    title: str
    template_type: str
    template_version: str
    template_sha256: str
    document_sha256: str
    subject_type: str
    subject_id: str
    sender_id: UUID
    signing_order: SigningOrder
    sent_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    signers: list[CertificateSigner]
    audit_trail: list[LegalAuditEntryRead]
    verification: VerifyResult
    issued_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document_id = str(self.document_id)

        title = self.title

        template_type = self.template_type

        template_version = self.template_version

        template_sha256 = self.template_sha256

        document_sha256 = self.document_sha256

        subject_type = self.subject_type

        subject_id = self.subject_id

        sender_id = str(self.sender_id)

        signing_order = self.signing_order.value

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        signers = []
        for signers_item_data in self.signers:
            signers_item = signers_item_data.to_dict()
            signers.append(signers_item)

        audit_trail = []
        for audit_trail_item_data in self.audit_trail:
            audit_trail_item = audit_trail_item_data.to_dict()
            audit_trail.append(audit_trail_item)

        verification = self.verification.to_dict()

        issued_at = self.issued_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document_id": document_id,
                "title": title,
                "template_type": template_type,
                "template_version": template_version,
                "template_sha256": template_sha256,
                "document_sha256": document_sha256,
                "subject_type": subject_type,
                "subject_id": subject_id,
                "sender_id": sender_id,
                "signing_order": signing_order,
                "sent_at": sent_at,
                "completed_at": completed_at,
                "signers": signers,
                "audit_trail": audit_trail,
                "verification": verification,
                "issued_at": issued_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certificate_signer import CertificateSigner  # noqa: PLC0415
        from ..models.legal_audit_entry_read import LegalAuditEntryRead  # noqa: PLC0415
        from ..models.verify_result import VerifyResult  # noqa: PLC0415

        d = dict(src_dict)
        document_id = UUID(d.pop("document_id"))

        title = d.pop("title")

        template_type = d.pop("template_type")

        template_version = d.pop("template_version")

        template_sha256 = d.pop("template_sha256")

        document_sha256 = d.pop("document_sha256")

        subject_type = d.pop("subject_type")

        subject_id = d.pop("subject_id")

        sender_id = UUID(d.pop("sender_id"))

        signing_order = SigningOrder(d.pop("signing_order"))

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        signers = []
        _signers = d.pop("signers")
        for signers_item_data in _signers:
            signers_item = CertificateSigner.from_dict(signers_item_data)

            signers.append(signers_item)

        audit_trail = []
        _audit_trail = d.pop("audit_trail")
        for audit_trail_item_data in _audit_trail:
            audit_trail_item = LegalAuditEntryRead.from_dict(audit_trail_item_data)

            audit_trail.append(audit_trail_item)

        verification = VerifyResult.from_dict(d.pop("verification"))

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        certificate = cls(
            document_id=document_id,
            title=title,
            template_type=template_type,
            template_version=template_version,
            template_sha256=template_sha256,
            document_sha256=document_sha256,
            subject_type=subject_type,
            subject_id=subject_id,
            sender_id=sender_id,
            signing_order=signing_order,
            sent_at=sent_at,
            completed_at=completed_at,
            signers=signers,
            audit_trail=audit_trail,
            verification=verification,
            issued_at=issued_at,
        )

        certificate.additional_properties = d
        return certificate

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
