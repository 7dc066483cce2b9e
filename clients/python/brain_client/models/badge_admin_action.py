from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.badge_code import BadgeCode

T = TypeVar("T", bound="BadgeAdminAction")


@_attrs_define
class BadgeAdminAction:
    """
    Attributes:
        user_id (UUID):
        badge (BadgeCode):
        reason (str): Why; kept in the audit trail.
    """

    user_id: UUID
    badge: BadgeCode
    reason: str

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        badge = self.badge.value

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "badge": badge,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        badge = BadgeCode(d.pop("badge"))

        reason = d.pop("reason")

        badge_admin_action = cls(
            user_id=user_id,
            badge=badge,
            reason=reason,
        )

        return badge_admin_action
