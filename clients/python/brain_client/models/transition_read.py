from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TransitionRead")


@_attrs_define
class TransitionRead:
    """
    Attributes:
        event (str):
        source (str):
        target (str):
        guard (None | str):
        permission (None | str):
    """

    event: str
    source: str
    target: str
    guard: None | str
    permission: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        source = self.source

        target = self.target

        guard: None | str
        guard = self.guard

        permission: None | str
        permission = self.permission

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "source": source,
                "target": target,
                "guard": guard,
                "permission": permission,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = d.pop("event")

        source = d.pop("source")

        target = d.pop("target")

        def _parse_guard(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        guard = _parse_guard(d.pop("guard"))

        def _parse_permission(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        permission = _parse_permission(d.pop("permission"))

        transition_read = cls(
            event=event,
            source=source,
            target=target,
            guard=guard,
            permission=permission,
        )

        transition_read.additional_properties = d
        return transition_read

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
