from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verify_response_claims_type_0 import VerifyResponseClaimsType0


T = TypeVar("T", bound="VerifyResponse")


@_attrs_define
class VerifyResponse:
    """
    Attributes:
        valid (bool):
        claims (None | Unset | VerifyResponseClaimsType0): The token's claims when it is valid (signature, expiry, type
            and session all checked).
    """

    valid: bool
    claims: None | Unset | VerifyResponseClaimsType0 = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.verify_response_claims_type_0 import VerifyResponseClaimsType0  # noqa: PLC0415

        valid = self.valid

        claims: dict[str, Any] | None | Unset
        if isinstance(self.claims, Unset):
            claims = UNSET
        elif isinstance(self.claims, VerifyResponseClaimsType0):
            claims = self.claims.to_dict()
        else:
            claims = self.claims

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "valid": valid,
            }
        )
        if claims is not UNSET:
            field_dict["claims"] = claims

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verify_response_claims_type_0 import VerifyResponseClaimsType0  # noqa: PLC0415

        d = dict(src_dict)
        valid = d.pop("valid")

        def _parse_claims(data: object) -> None | Unset | VerifyResponseClaimsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                claims_type_0 = VerifyResponseClaimsType0.from_dict(data)

                return claims_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerifyResponseClaimsType0, data)

        claims = _parse_claims(d.pop("claims", UNSET))

        verify_response = cls(
            valid=valid,
            claims=claims,
        )

        verify_response.additional_properties = d
        return verify_response

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
