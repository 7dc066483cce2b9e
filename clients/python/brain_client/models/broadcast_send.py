from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.broadcast_send_data import BroadcastSendData


T = TypeVar("T", bound="BroadcastSend")


@_attrs_define
class BroadcastSend:
    """
    Attributes:
        data (BroadcastSendData):
    """

    data: BroadcastSendData

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.broadcast_send_data import BroadcastSendData  # noqa: PLC0415

        d = dict(src_dict)
        data = BroadcastSendData.from_dict(d.pop("data"))

        broadcast_send = cls(
            data=data,
        )

        return broadcast_send
