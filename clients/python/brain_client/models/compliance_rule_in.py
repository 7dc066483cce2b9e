from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComplianceRuleIn")


@_attrs_define
class ComplianceRuleIn:
    """
    Attributes:
        action (str):
        required_types (list[str]):
        scoped_types (list[str] | None | Unset): Those of `required_types` that count only when signed for the subject
            the action is about (the PPNA for the venture joined). Omitted: an existing rule keeps its scope (of the types
            it still requires), so a client that does not know this field cannot widen a rule by accident.
        description (str | Unset):  Default: ''.
    """

    action: str
    required_types: list[str]
    scoped_types: list[str] | None | Unset = UNSET
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        required_types = self.required_types

        scoped_types: list[str] | None | Unset
        if isinstance(self.scoped_types, Unset):
            scoped_types = UNSET
        elif isinstance(self.scoped_types, list):
            scoped_types = self.scoped_types

        else:
            scoped_types = self.scoped_types

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "required_types": required_types,
            }
        )
        if scoped_types is not UNSET:
            field_dict["scoped_types"] = scoped_types
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        required_types = cast(list[str], d.pop("required_types"))

        def _parse_scoped_types(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                scoped_types_type_0 = cast(list[str], data)

                return scoped_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        scoped_types = _parse_scoped_types(d.pop("scoped_types", UNSET))

        description = d.pop("description", UNSET)

        compliance_rule_in = cls(
            action=action,
            required_types=required_types,
            scoped_types=scoped_types,
            description=description,
        )

        return compliance_rule_in
