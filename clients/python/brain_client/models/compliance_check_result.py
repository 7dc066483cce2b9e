from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ComplianceCheckResult")


@_attrs_define
class ComplianceCheckResult:
    """
    Attributes:
        allowed (bool):
        missing (list[str]):
        action (str):
        user_id (UUID):
    """

    allowed: bool
    missing: list[str]
    action: str
    user_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed = self.allowed

        missing = self.missing

        action = self.action

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed": allowed,
                "missing": missing,
                "action": action,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed = d.pop("allowed")

        missing = cast(list[str], d.pop("missing"))

        action = d.pop("action")

        user_id = UUID(d.pop("user_id"))

        compliance_check_result = cls(
            allowed=allowed,
            missing=missing,
            action=action,
            user_id=user_id,
        )

        compliance_check_result.additional_properties = d
        return compliance_check_result

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
