from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnlockRead")


@_attrs_define
class UnlockRead:
    """
    Attributes:
        user_id (UUID):
        was_locked (bool): False when the account was not locked: nothing changed, but the attempt is audited all the
            same.
        locked_until (datetime.datetime | None): When the lock that was lifted would have ended.
        failed_attempts_cleared (int): Failed sign-ins counted toward the next lock that were forgotten.
    """

    user_id: UUID
    was_locked: bool
    locked_until: datetime.datetime | None
    failed_attempts_cleared: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        was_locked = self.was_locked

        locked_until: None | str
        if isinstance(self.locked_until, datetime.datetime):
            locked_until = self.locked_until.isoformat()
        else:
            locked_until = self.locked_until

        failed_attempts_cleared = self.failed_attempts_cleared

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "was_locked": was_locked,
                "locked_until": locked_until,
                "failed_attempts_cleared": failed_attempts_cleared,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        was_locked = d.pop("was_locked")

        def _parse_locked_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                locked_until_type_0 = datetime.datetime.fromisoformat(data)

                return locked_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        locked_until = _parse_locked_until(d.pop("locked_until"))

        failed_attempts_cleared = d.pop("failed_attempts_cleared")

        unlock_read = cls(
            user_id=user_id,
            was_locked=was_locked,
            locked_until=locked_until,
            failed_attempts_cleared=failed_attempts_cleared,
        )

        unlock_read.additional_properties = d
        return unlock_read

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
