from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hmac_status import HmacStatus

T = TypeVar("T", bound="SignatureCheck")


@_attrs_define
class SignatureCheck:
    """
    Attributes:
        signature_id (UUID):
        user_id (UUID):
        hmac_valid (bool): The HMAC was checked and matches (`hmac_status`).
        hmac_status (HmacStatus):
        hmac_key_id (str): Id of the evidence key the signature names.
        document_hash_matches (bool):
    """

    signature_id: UUID
    user_id: UUID
    hmac_valid: bool
    hmac_status: HmacStatus
    hmac_key_id: str
    document_hash_matches: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        signature_id = str(self.signature_id)

        user_id = str(self.user_id)

        hmac_valid = self.hmac_valid

        hmac_status = self.hmac_status.value

        hmac_key_id = self.hmac_key_id

        document_hash_matches = self.document_hash_matches

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "signature_id": signature_id,
                "user_id": user_id,
                "hmac_valid": hmac_valid,
                "hmac_status": hmac_status,
                "hmac_key_id": hmac_key_id,
                "document_hash_matches": document_hash_matches,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signature_id = UUID(d.pop("signature_id"))

        user_id = UUID(d.pop("user_id"))

        hmac_valid = d.pop("hmac_valid")

        hmac_status = HmacStatus(d.pop("hmac_status"))

        hmac_key_id = d.pop("hmac_key_id")

        document_hash_matches = d.pop("document_hash_matches")

        signature_check = cls(
            signature_id=signature_id,
            user_id=user_id,
            hmac_valid=hmac_valid,
            hmac_status=hmac_status,
            hmac_key_id=hmac_key_id,
            document_hash_matches=document_hash_matches,
        )

        signature_check.additional_properties = d
        return signature_check

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
