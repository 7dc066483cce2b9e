from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kind import Kind
from ..models.state import State

T = TypeVar("T", bound="NetworkEdge")


@_attrs_define
class NetworkEdge:
    """
    Attributes:
        relationship_id (UUID):
        kind (Kind):
        state (State):
        from_user_id (UUID):
        to_user_id (UUID):
    """

    relationship_id: UUID
    kind: Kind
    state: State
    from_user_id: UUID
    to_user_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        relationship_id = str(self.relationship_id)

        kind = self.kind.value

        state = self.state.value

        from_user_id = str(self.from_user_id)

        to_user_id = str(self.to_user_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "relationship_id": relationship_id,
                "kind": kind,
                "state": state,
                "from_user_id": from_user_id,
                "to_user_id": to_user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        relationship_id = UUID(d.pop("relationship_id"))

        kind = Kind(d.pop("kind"))

        state = State(d.pop("state"))

        from_user_id = UUID(d.pop("from_user_id"))

        to_user_id = UUID(d.pop("to_user_id"))

        network_edge = cls(
            relationship_id=relationship_id,
            kind=kind,
            state=state,
            from_user_id=from_user_id,
            to_user_id=to_user_id,
        )

        network_edge.additional_properties = d
        return network_edge

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
