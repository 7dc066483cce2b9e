from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.mint_request_to_pool_type_0 import MintRequestToPoolType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="MintRequest")


@_attrs_define
class MintRequest:
    """Mint into a pool (default `community`) or a user's wallet (`to_user_id`).

    Attributes:
        amount (str): BUZ as a decimal string, at most two places, more than zero.
        reason (str):
        to_pool (MintRequestToPoolType0 | None | Unset):
        to_user_id (None | Unset | UUID):
    """

    amount: str
    reason: str
    to_pool: MintRequestToPoolType0 | None | Unset = UNSET
    to_user_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        reason = self.reason

        to_pool: None | str | Unset
        if isinstance(self.to_pool, Unset):
            to_pool = UNSET
        elif isinstance(self.to_pool, MintRequestToPoolType0):
            to_pool = self.to_pool.value
        else:
            to_pool = self.to_pool

        to_user_id: None | str | Unset
        if isinstance(self.to_user_id, Unset):
            to_user_id = UNSET
        elif isinstance(self.to_user_id, UUID):
            to_user_id = str(self.to_user_id)
        else:
            to_user_id = self.to_user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "reason": reason,
            }
        )
        if to_pool is not UNSET:
            field_dict["to_pool"] = to_pool
        if to_user_id is not UNSET:
            field_dict["to_user_id"] = to_user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        reason = d.pop("reason")

        def _parse_to_pool(data: object) -> MintRequestToPoolType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_pool_type_0 = MintRequestToPoolType0(data)

                return to_pool_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MintRequestToPoolType0 | None | Unset, data)

        to_pool = _parse_to_pool(d.pop("to_pool", UNSET))

        def _parse_to_user_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_user_id_type_0 = UUID(data)

                return to_user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        to_user_id = _parse_to_user_id(d.pop("to_user_id", UNSET))

        mint_request = cls(
            amount=amount,
            reason=reason,
            to_pool=to_pool,
            to_user_id=to_user_id,
        )

        return mint_request
