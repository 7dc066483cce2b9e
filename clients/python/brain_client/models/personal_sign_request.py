from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.signature_method import SignatureMethod
from ..models.subject_type import SubjectType
from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonalSignRequest")


@_attrs_define
class PersonalSignRequest:
    """A personal agreement, optionally signed for a subject (`venture` and its id): a
    compliance rule that scopes the template (the PPNA of `ventures.join`) counts it only for
    that subject. Without one, the agreement is the signer's own.

        Attributes:
            consent_given (bool): The signer consents to sign electronically (ESCA).
            terms_accepted (bool): The signer accepts the terms of this document.
            method (SignatureMethod):
            legal_name (None | str | Unset): The signer's full legal name, typed; required when method is `typed`.
            subject_type (None | SubjectType | Unset): What the agreement is signed for; not `user` (the default).
            subject_id (None | str | Unset):
    """

    consent_given: bool
    terms_accepted: bool
    method: SignatureMethod
    legal_name: None | str | Unset = UNSET
    subject_type: None | SubjectType | Unset = UNSET
    subject_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        consent_given = self.consent_given

        terms_accepted = self.terms_accepted

        method = self.method.value

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

        subject_type: None | str | Unset
        if isinstance(self.subject_type, Unset):
            subject_type = UNSET
        elif isinstance(self.subject_type, SubjectType):
            subject_type = self.subject_type.value
        else:
            subject_type = self.subject_type

        subject_id: None | str | Unset
        if isinstance(self.subject_id, Unset):
            subject_id = UNSET
        else:
            subject_id = self.subject_id

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
        if subject_type is not UNSET:
            field_dict["subject_type"] = subject_type
        if subject_id is not UNSET:
            field_dict["subject_id"] = subject_id

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

        def _parse_subject_type(data: object) -> None | SubjectType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                subject_type_type_0 = SubjectType(data)

                return subject_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SubjectType | Unset, data)

        subject_type = _parse_subject_type(d.pop("subject_type", UNSET))

        def _parse_subject_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject_id = _parse_subject_id(d.pop("subject_id", UNSET))

        personal_sign_request = cls(
            consent_given=consent_given,
            terms_accepted=terms_accepted,
            method=method,
            legal_name=legal_name,
            subject_type=subject_type,
            subject_id=subject_id,
        )

        return personal_sign_request
