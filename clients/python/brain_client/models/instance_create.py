from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_create_context import InstanceCreateContext


T = TypeVar("T", bound="InstanceCreate")


@_attrs_define
class InstanceCreate:
    """
    Attributes:
        machine_type (str):
        instance_id (str): The business key, e.g. the venture's id.
        context (InstanceCreateContext | Unset):
    """

    machine_type: str
    instance_id: str
    context: InstanceCreateContext | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        machine_type = self.machine_type

        instance_id = self.instance_id

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "machine_type": machine_type,
                "instance_id": instance_id,
            }
        )
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instance_create_context import InstanceCreateContext  # noqa: PLC0415

        d = dict(src_dict)
        machine_type = d.pop("machine_type")

        instance_id = d.pop("instance_id")

        _context = d.pop("context", UNSET)
        context: InstanceCreateContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = InstanceCreateContext.from_dict(_context)

        instance_create = cls(
            machine_type=machine_type,
            instance_id=instance_id,
            context=context,
        )

        return instance_create
