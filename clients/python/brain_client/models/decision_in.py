from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionIn")


@_attrs_define
class DecisionIn:
    """
    Attributes:
        block (bool | Unset): Decline only: the requester can no longer send you requests. Default: False.
    """

    block: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        block = self.block

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if block is not UNSET:
            field_dict["block"] = block

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        block = d.pop("block", UNSET)

        decision_in = cls(
            block=block,
        )

        return decision_in
