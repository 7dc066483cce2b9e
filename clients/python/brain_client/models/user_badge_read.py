from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.badge_code import BadgeCode

T = TypeVar("T", bound="UserBadgeRead")


@_attrs_define
class UserBadgeRead:
    """
    Attributes:
        id (UUID):
        user_id (UUID):
        badge (BadgeCode):
        earned_at (datetime.datetime):
        awarded_by (None | UUID):
        revoked_at (datetime.datetime | None):
        revoke_reason (None | str):
    """

    id: UUID
    user_id: UUID
    badge: BadgeCode
    earned_at: datetime.datetime
    awarded_by: None | UUID
    revoked_at: datetime.datetime | None
    revoke_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        user_id = str(self.user_id)

        badge = self.badge.value

        earned_at = self.earned_at.isoformat()

        awarded_by: None | str
        if isinstance(self.awarded_by, UUID):
            awarded_by = str(self.awarded_by)
        else:
            awarded_by = self.awarded_by

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        revoke_reason: None | str
        revoke_reason = self.revoke_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "badge": badge,
                "earned_at": earned_at,
                "awarded_by": awarded_by,
                "revoked_at": revoked_at,
                "revoke_reason": revoke_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        user_id = UUID(d.pop("user_id"))

        badge = BadgeCode(d.pop("badge"))

        earned_at = datetime.datetime.fromisoformat(d.pop("earned_at"))

        def _parse_awarded_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                awarded_by_type_0 = UUID(data)

                return awarded_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        awarded_by = _parse_awarded_by(d.pop("awarded_by"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        def _parse_revoke_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        revoke_reason = _parse_revoke_reason(d.pop("revoke_reason"))

        user_badge_read = cls(
            id=id,
            user_id=user_id,
            badge=badge,
            earned_at=earned_at,
            awarded_by=awarded_by,
            revoked_at=revoked_at,
            revoke_reason=revoke_reason,
        )

        user_badge_read.additional_properties = d
        return user_badge_read

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
