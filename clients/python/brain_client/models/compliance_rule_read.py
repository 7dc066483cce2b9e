from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ComplianceRuleRead")


@_attrs_define
class ComplianceRuleRead:
    """
    Attributes:
        action (str):
        required_types (list[str]):
        scoped_types (list[str]): Required types that count only when signed for the action's subject.
        description (str):
        updated_at (datetime.datetime):
        updated_by (None | UUID):
    """

    action: str
    required_types: list[str]
    scoped_types: list[str]
    description: str
    updated_at: datetime.datetime
    updated_by: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        required_types = self.required_types

        scoped_types = self.scoped_types

        description = self.description

        updated_at = self.updated_at.isoformat()

        updated_by: None | str
        if isinstance(self.updated_by, UUID):
            updated_by = str(self.updated_by)
        else:
            updated_by = self.updated_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "required_types": required_types,
                "scoped_types": scoped_types,
                "description": description,
                "updated_at": updated_at,
                "updated_by": updated_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        required_types = cast(list[str], d.pop("required_types"))

        scoped_types = cast(list[str], d.pop("scoped_types"))

        description = d.pop("description")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_updated_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_by_type_0 = UUID(data)

                return updated_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        updated_by = _parse_updated_by(d.pop("updated_by"))

        compliance_rule_read = cls(
            action=action,
            required_types=required_types,
            scoped_types=scoped_types,
            description=description,
            updated_at=updated_at,
            updated_by=updated_by,
        )

        compliance_rule_read.additional_properties = d
        return compliance_rule_read

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
