from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.instance_state_context import InstanceStateContext


T = TypeVar("T", bound="InstanceState")


@_attrs_define
class InstanceState:
    """
    Attributes:
        machine_type (str):
        instance_id (str):
        state (str):
        allowed_events (list[str]):
        version (int):
        definition_version (int):
        context (InstanceStateContext):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    machine_type: str
    instance_id: str
    state: str
    allowed_events: list[str]
    version: int
    definition_version: int
    context: InstanceStateContext
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        machine_type = self.machine_type

        instance_id = self.instance_id

        state = self.state

        allowed_events = self.allowed_events

        version = self.version

        definition_version = self.definition_version

        context = self.context.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "machine_type": machine_type,
                "instance_id": instance_id,
                "state": state,
                "allowed_events": allowed_events,
                "version": version,
                "definition_version": definition_version,
                "context": context,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instance_state_context import InstanceStateContext  # noqa: PLC0415

        d = dict(src_dict)
        machine_type = d.pop("machine_type")

        instance_id = d.pop("instance_id")

        state = d.pop("state")

        allowed_events = cast(list[str], d.pop("allowed_events"))

        version = d.pop("version")

        definition_version = d.pop("definition_version")

        context = InstanceStateContext.from_dict(d.pop("context"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        instance_state = cls(
            machine_type=machine_type,
            instance_id=instance_id,
            state=state,
            allowed_events=allowed_events,
            version=version,
            definition_version=definition_version,
            context=context,
            created_at=created_at,
            updated_at=updated_at,
        )

        instance_state.additional_properties = d
        return instance_state

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
