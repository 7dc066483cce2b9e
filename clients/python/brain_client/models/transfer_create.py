from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TransferCreate")


@_attrs_define
class TransferCreate:
    """
    Attributes:
        to_user_id (UUID):
        amount (str): BUZ as a decimal string, at most two places, more than zero.
        memo (None | str | Unset):
    """

    to_user_id: UUID
    amount: str
    memo: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        to_user_id = str(self.to_user_id)

        amount = self.amount

        memo: None | str | Unset
        if isinstance(self.memo, Unset):
            memo = UNSET
        else:
            memo = self.memo

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to_user_id": to_user_id,
                "amount": amount,
            }
        )
        if memo is not UNSET:
            field_dict["memo"] = memo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        to_user_id = UUID(d.pop("to_user_id"))

        amount = d.pop("amount")

        def _parse_memo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        memo = _parse_memo(d.pop("memo", UNSET))

        transfer_create = cls(
            to_user_id=to_user_id,
            amount=amount,
            memo=memo,
        )

        return transfer_create
