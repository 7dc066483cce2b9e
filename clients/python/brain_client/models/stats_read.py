from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatsRead")


@_attrs_define
class StatsRead:
    """This process's figures (each Brain process answers for its own connections).

    Attributes:
        process (str):
        connections (int):
        users (int):
        channels (int): Channels with a subscriber in this process.
        messages_sent (int): Channel messages written to sockets since start.
        messages_per_second (float): Over the last 10 seconds.
        max_connections_per_user (int):
        history_size (int):
    """

    process: str
    connections: int
    users: int
    channels: int
    messages_sent: int
    messages_per_second: float
    max_connections_per_user: int
    history_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        process = self.process

        connections = self.connections

        users = self.users

        channels = self.channels

        messages_sent = self.messages_sent

        messages_per_second = self.messages_per_second

        max_connections_per_user = self.max_connections_per_user

        history_size = self.history_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "process": process,
                "connections": connections,
                "users": users,
                "channels": channels,
                "messages_sent": messages_sent,
                "messages_per_second": messages_per_second,
                "max_connections_per_user": max_connections_per_user,
                "history_size": history_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        process = d.pop("process")

        connections = d.pop("connections")

        users = d.pop("users")

        channels = d.pop("channels")

        messages_sent = d.pop("messages_sent")

        messages_per_second = d.pop("messages_per_second")

        max_connections_per_user = d.pop("max_connections_per_user")

        history_size = d.pop("history_size")

        stats_read = cls(
            process=process,
            connections=connections,
            users=users,
            channels=channels,
            messages_sent=messages_sent,
            messages_per_second=messages_per_second,
            max_connections_per_user=max_connections_per_user,
            history_size=history_size,
        )

        stats_read.additional_properties = d
        return stats_read

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
