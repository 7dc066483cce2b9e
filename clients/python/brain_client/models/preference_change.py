from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.channel import Channel

T = TypeVar("T", bound="PreferenceChange")


@_attrs_define
class PreferenceChange:
    """
    Attributes:
        type_ (str):
        channel (Channel):
        enabled (bool):
    """

    type_: str
    channel: Channel
    enabled: bool

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        channel = self.channel.value

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "channel": channel,
                "enabled": enabled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        channel = Channel(d.pop("channel"))

        enabled = d.pop("enabled")

        preference_change = cls(
            type_=type_,
            channel=channel,
            enabled=enabled,
        )

        return preference_change
