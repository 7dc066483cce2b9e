from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel

T = TypeVar("T", bound="PreferenceItem")


@_attrs_define
class PreferenceItem:
    """
    Attributes:
        type_ (str):
        channel (Channel):
        enabled (bool):
        default (bool): Whether the type uses this channel by default.
        locked (bool): A critical type: always sent, cannot be changed.
    """

    type_: str
    channel: Channel
    enabled: bool
    default: bool
    locked: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        channel = self.channel.value

        enabled = self.enabled

        default = self.default

        locked = self.locked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "channel": channel,
                "enabled": enabled,
                "default": default,
                "locked": locked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        channel = Channel(d.pop("channel"))

        enabled = d.pop("enabled")

        default = d.pop("default")

        locked = d.pop("locked")

        preference_item = cls(
            type_=type_,
            channel=channel,
            enabled=enabled,
            default=default,
            locked=locked,
        )

        preference_item.additional_properties = d
        return preference_item

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
