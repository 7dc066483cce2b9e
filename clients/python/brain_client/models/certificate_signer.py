from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signer_role import SignerRole
from ..models.signer_status import SignerStatus

if TYPE_CHECKING:
    from ..models.signature_evidence import SignatureEvidence


T = TypeVar("T", bound="CertificateSigner")


@_attrs_define
class CertificateSigner:
    """
    Attributes:
        user_id (UUID):
        display_name (None | str):
        email (None | str):
        role (SignerRole):
        order (int):
        status (SignerStatus):
        evidence (None | SignatureEvidence):
    """

    user_id: UUID
    display_name: None | str
    email: None | str
    role: SignerRole
    order: int
    status: SignerStatus
    evidence: None | SignatureEvidence
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.signature_evidence import SignatureEvidence  # noqa: PLC0415

        user_id = str(self.user_id)

        display_name: None | str
        display_name = self.display_name

        email: None | str
        email = self.email

        role = self.role.value

        order = self.order

        status = self.status.value

        evidence: dict[str, Any] | None
        if isinstance(self.evidence, SignatureEvidence):
            evidence = self.evidence.to_dict()
        else:
            evidence = self.evidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "display_name": display_name,
                "email": email,
                "role": role,
                "order": order,
                "status": status,
                "evidence": evidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signature_evidence import SignatureEvidence  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        role = SignerRole(d.pop("role"))

        order = d.pop("order")

        status = SignerStatus(d.pop("status"))

        def _parse_evidence(data: object) -> None | SignatureEvidence:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                evidence_type_0 = SignatureEvidence.from_dict(data)

                return evidence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SignatureEvidence, data)

        evidence = _parse_evidence(d.pop("evidence"))

        certificate_signer = cls(
            user_id=user_id,
            display_name=display_name,
            email=email,
            role=role,
            order=order,
            status=status,
            evidence=evidence,
        )

        certificate_signer.additional_properties = d
        return certificate_signer

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
