from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.state_read import StateRead
    from ..models.transition_read import TransitionRead


T = TypeVar("T", bound="DefinitionRead")


@_attrs_define
class DefinitionRead:
    """
    Attributes:
        name (str):
        version (int):
        sha256 (str):
        description (str):
        states (list[StateRead]):
        events (list[str]):
        transitions (list[TransitionRead]):
        mermaid (str): The machine as a Mermaid `stateDiagram-v2`.
    """

    name: str
    version: int
    sha256: str
    description: str
    states: list[StateRead]
    events: list[str]
    transitions: list[TransitionRead]
    mermaid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        version = self.version

        sha256 = self.sha256

        description = self.description

        states = []
        for states_item_data in self.states:
            states_item = states_item_data.to_dict()
            states.append(states_item)

        events = self.events

        transitions = []
        for transitions_item_data in self.transitions:
            transitions_item = transitions_item_data.to_dict()
            transitions.append(transitions_item)

        mermaid = self.mermaid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "version": version,
                "sha256": sha256,
                "description": description,
                "states": states,
                "events": events,
                "transitions": transitions,
                "mermaid": mermaid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.state_read import StateRead  # noqa: PLC0415
        from ..models.transition_read import TransitionRead  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        sha256 = d.pop("sha256")

        description = d.pop("description")

        states = []
        _states = d.pop("states")
        for states_item_data in _states:
            states_item = StateRead.from_dict(states_item_data)

            states.append(states_item)

        events = cast(list[str], d.pop("events"))

        transitions = []
        _transitions = d.pop("transitions")
        for transitions_item_data in _transitions:
            transitions_item = TransitionRead.from_dict(transitions_item_data)

            transitions.append(transitions_item)

        mermaid = d.pop("mermaid")

        definition_read = cls(
            name=name,
            version=version,
            sha256=sha256,
            description=description,
            states=states,
            events=events,
            transitions=transitions,
            mermaid=mermaid,
        )

        definition_read.additional_properties = d
        return definition_read

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
