from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RuleUpdate")


@_attrs_define
class RuleUpdate:
    """
    Attributes:
        xp (int): The new amount; 0 turns the rule off.
        reason (str): Why; kept in the audit trail.
    """

    xp: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        xp = self.xp

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "xp": xp,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        xp = d.pop("xp")

        reason = d.pop("reason")

        rule_update = cls(
            xp=xp,
            reason=reason,
        )

        return rule_update
