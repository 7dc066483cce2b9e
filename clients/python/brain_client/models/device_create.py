from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.push_keys import PushKeys


T = TypeVar("T", bound="DeviceCreate")


@_attrs_define
class DeviceCreate:
    """A browser's `PushSubscription.toJSON()`.

    Attributes:
        endpoint (str):
        keys (PushKeys):
    """

    endpoint: str
    keys: PushKeys

    def to_dict(self) -> dict[str, Any]:
        endpoint = self.endpoint

        keys = self.keys.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "endpoint": endpoint,
                "keys": keys,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.push_keys import PushKeys  # noqa: PLC0415

        d = dict(src_dict)
        endpoint = d.pop("endpoint")

        keys = PushKeys.from_dict(d.pop("keys"))

        device_create = cls(
            endpoint=endpoint,
            keys=keys,
        )

        return device_create
