from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="XpReverse")


@_attrs_define
class XpReverse:
    """
    Attributes:
        award_id (UUID):
        reason (str): Why; kept in the audit trail.
    """

    award_id: UUID
    reason: str

    def to_dict(self) -> dict[str, Any]:
        award_id = str(self.award_id)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "award_id": award_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        award_id = UUID(d.pop("award_id"))

        reason = d.pop("reason")

        xp_reverse = cls(
            award_id=award_id,
            reason=reason,
        )

        return xp_reverse
