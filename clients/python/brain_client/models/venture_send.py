from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.venture_send_data import VentureSendData


T = TypeVar("T", bound="VentureSend")


@_attrs_define
class VentureSend:
    """
    Attributes:
        data (VentureSendData):
    """

    data: VentureSendData

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
        from ..models.venture_send_data import VentureSendData  # noqa: PLC0415

        d = dict(src_dict)
        data = VentureSendData.from_dict(d.pop("data"))

        venture_send = cls(
            data=data,
        )

        return venture_send
