from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.signature_method import SignatureMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="SignRequest")


@_attrs_define
class SignRequest:
    """Consent is explicit: both flags must be sent, and true. Nothing defaults them.

    Attributes:
        consent_given (bool): The signer consents to sign electronically (ESCA).
        terms_accepted (bool): The signer accepts the terms of this document.
        method (SignatureMethod):
        legal_name (None | str | Unset): The signer's full legal name, typed; required when method is `typed`.
    """

    consent_given: bool
    terms_accepted: bool
    method: SignatureMethod
    legal_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        consent_given = self.consent_given

        terms_accepted = self.terms_accepted

        method = self.method.value

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "consent_given": consent_given,
                "terms_accepted": terms_accepted,
                "method": method,
            }
        )
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consent_given = d.pop("consent_given")

        terms_accepted = d.pop("terms_accepted")

        method = SignatureMethod(d.pop("method"))

        def _parse_legal_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

        sign_request = cls(
            consent_given=consent_given,
            terms_accepted=terms_accepted,
            method=method,
            legal_name=legal_name,
        )

        return sign_request
