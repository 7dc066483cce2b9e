from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="XpAwardRead")


@_attrs_define
class XpAwardRead:
    """
    Attributes:
        id (UUID):
        rule (str):
        xp (int):
        source_event_id (UUID): The event that earned it; for a reversal, the award it reverses.
        occurred_at (datetime.datetime):
        reason (None | str | Unset):
    """

    id: UUID
    rule: str
    xp: int
    source_event_id: UUID
    occurred_at: datetime.datetime
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        rule = self.rule

        xp = self.xp

        source_event_id = str(self.source_event_id)

        occurred_at = self.occurred_at.isoformat()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "rule": rule,
                "xp": xp,
                "source_event_id": source_event_id,
                "occurred_at": occurred_at,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        rule = d.pop("rule")

        xp = d.pop("xp")

        source_event_id = UUID(d.pop("source_event_id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        xp_award_read = cls(
            id=id,
            rule=rule,
            xp=xp,
            source_event_id=source_event_id,
            occurred_at=occurred_at,
            reason=reason,
        )

        xp_award_read.additional_properties = d
        return xp_award_read

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
