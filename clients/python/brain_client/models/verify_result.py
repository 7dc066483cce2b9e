from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.signature_check import SignatureCheck


T = TypeVar("T", bound="VerifyResult")


@_attrs_define
class VerifyResult:
    """
    Attributes:
        valid (bool):
        document_id (UUID):
        stored_sha256 (None | str):
        computed_sha256 (None | str):
        document_hash_valid (bool):
        signatures (list[SignatureCheck]):
        failures (list[str]): What failed, one line each; empty when valid.
    """

    valid: bool
    document_id: UUID
    stored_sha256: None | str
    computed_sha256: None | str
    document_hash_valid: bool
    signatures: list[SignatureCheck]
    failures: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        valid = self.valid

        document_id = str(self.document_id)

        stored_sha256: None | str
        stored_sha256 = self.stored_sha256

        computed_sha256: None | str
        computed_sha256 = self.computed_sha256

        document_hash_valid = self.document_hash_valid

        signatures = []
        for signatures_item_data in self.signatures:
            signatures_item = signatures_item_data.to_dict()
            signatures.append(signatures_item)

        failures = self.failures

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "valid": valid,
                "document_id": document_id,
                "stored_sha256": stored_sha256,
                "computed_sha256": computed_sha256,
                "document_hash_valid": document_hash_valid,
                "signatures": signatures,
                "failures": failures,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signature_check import SignatureCheck  # noqa: PLC0415

        d = dict(src_dict)
        valid = d.pop("valid")

        document_id = UUID(d.pop("document_id"))

        def _parse_stored_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stored_sha256 = _parse_stored_sha256(d.pop("stored_sha256"))

        def _parse_computed_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        computed_sha256 = _parse_computed_sha256(d.pop("computed_sha256"))

        document_hash_valid = d.pop("document_hash_valid")

        signatures = []
        _signatures = d.pop("signatures")
        for signatures_item_data in _signatures:
            signatures_item = SignatureCheck.from_dict(signatures_item_data)

            signatures.append(signatures_item)

        failures = cast(list[str], d.pop("failures"))

        verify_result = cls(
            valid=valid,
            document_id=document_id,
            stored_sha256=stored_sha256,
            computed_sha256=computed_sha256,
            document_hash_valid=document_hash_valid,
            signatures=signatures,
            failures=failures,
        )

        verify_result.additional_properties = d
        return verify_result

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
