from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.machine_stats_instances_by_state import MachineStatsInstancesByState


T = TypeVar("T", bound="MachineStats")


@_attrs_define
class MachineStats:
    """
    Attributes:
        machine_type (str):
        instances_by_state (MachineStatsInstancesByState):
        transitions_last_24h (int):
    """

    machine_type: str
    instances_by_state: MachineStatsInstancesByState
    transitions_last_24h: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        machine_type = self.machine_type

        instances_by_state = self.instances_by_state.to_dict()

        transitions_last_24h = self.transitions_last_24h

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "machine_type": machine_type,
                "instances_by_state": instances_by_state,
                "transitions_last_24h": transitions_last_24h,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.machine_stats_instances_by_state import MachineStatsInstancesByState  # noqa: PLC0415

        d = dict(src_dict)
        machine_type = d.pop("machine_type")

        instances_by_state = MachineStatsInstancesByState.from_dict(d.pop("instances_by_state"))

        transitions_last_24h = d.pop("transitions_last_24h")

        machine_stats = cls(
            machine_type=machine_type,
            instances_by_state=instances_by_state,
            transitions_last_24h=transitions_last_24h,
        )

        machine_stats.additional_properties = d
        return machine_stats

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
