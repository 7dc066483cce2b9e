from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.compliance_rule_in import ComplianceRuleIn


T = TypeVar("T", bound="ComplianceRulesUpdate")


@_attrs_define
class ComplianceRulesUpdate:
    """The complete rule set: actions left out are removed (they then require nothing).

    Attributes:
        rules (list[ComplianceRuleIn]):
    """

    rules: list[ComplianceRuleIn]

    def to_dict(self) -> dict[str, Any]:
        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rules": rules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compliance_rule_in import ComplianceRuleIn  # noqa: PLC0415

        d = dict(src_dict)
        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = ComplianceRuleIn.from_dict(rules_item_data)

            rules.append(rules_item)

        compliance_rules_update = cls(
            rules=rules,
        )

        return compliance_rules_update
