from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signature_method import SignatureMethod

T = TypeVar("T", bound="SignatureEvidence")


@_attrs_define
class SignatureEvidence:
    """
    Attributes:
        signature_id (UUID):
        user_id (UUID):
        signed_at (datetime.datetime):
        ip (str):
        user_agent (str):
        method (SignatureMethod):
        legal_name (None | str):
        document_sha256 (str):
        consent_given (bool):
        terms_accepted (bool):
        hmac (str):
        hmac_key_id (str): Id of the evidence key that made `hmac`.
    """

    signature_id: UUID
    user_id: UUID
    signed_at: datetime.datetime
    ip: str
    user_agent: str
    method: SignatureMethod
    legal_name: None | str
    document_sha256: str
    consent_given: bool
    terms_accepted: bool
    hmac: str
    hmac_key_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        signature_id = str(self.signature_id)

        user_id = str(self.user_id)

        signed_at = self.signed_at.isoformat()

        ip = self.ip

        user_agent = self.user_agent

        method = self.method.value

        legal_name: None | str
        legal_name = self.legal_name

        document_sha256 = self.document_sha256

        consent_given = self.consent_given

        terms_accepted = self.terms_accepted

        hmac = self.hmac

        hmac_key_id = self.hmac_key_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "signature_id": signature_id,
                "user_id": user_id,
                "signed_at": signed_at,
                "ip": ip,
                "user_agent": user_agent,
                "method": method,
                "legal_name": legal_name,
                "document_sha256": document_sha256,
                "consent_given": consent_given,
                "terms_accepted": terms_accepted,
                "hmac": hmac,
                "hmac_key_id": hmac_key_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signature_id = UUID(d.pop("signature_id"))

        user_id = UUID(d.pop("user_id"))

        signed_at = datetime.datetime.fromisoformat(d.pop("signed_at"))

        ip = d.pop("ip")

        user_agent = d.pop("user_agent")

        method = SignatureMethod(d.pop("method"))

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        document_sha256 = d.pop("document_sha256")

        consent_given = d.pop("consent_given")

        terms_accepted = d.pop("terms_accepted")

        hmac = d.pop("hmac")

        hmac_key_id = d.pop("hmac_key_id")

        signature_evidence = cls(
            signature_id=signature_id,
            user_id=user_id,
            signed_at=signed_at,
            ip=ip,
            user_agent=user_agent,
            method=method,
            legal_name=legal_name,
            document_sha256=document_sha256,
            consent_given=consent_given,
            terms_accepted=terms_accepted,
            hmac=hmac,
            hmac_key_id=hmac_key_id,
        )

        signature_evidence.additional_properties = d
        return signature_evidence

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
