from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.burn_request_from_pool_type_0 import BurnRequestFromPoolType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="BurnRequest")


@_attrs_define
class BurnRequest:
    """Burn from a pool (default `community`) or a user's wallet (`from_user_id`).

    Attributes:
        amount (str): BUZ as a decimal string, at most two places, more than zero.
        reason (str):
        from_pool (BurnRequestFromPoolType0 | None | Unset):
        from_user_id (None | Unset | UUID):
    """

    amount: str
    reason: str
    from_pool: BurnRequestFromPoolType0 | None | Unset = UNSET
    from_user_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        reason = self.reason

        from_pool: None | str | Unset
        if isinstance(self.from_pool, Unset):
            from_pool = UNSET
        elif isinstance(self.from_pool, BurnRequestFromPoolType0):
            from_pool = self.from_pool.value
        else:
            from_pool = self.from_pool

        from_user_id: None | str | Unset
        if isinstance(self.from_user_id, Unset):
            from_user_id = UNSET
        elif isinstance(self.from_user_id, UUID):
            from_user_id = str(self.from_user_id)
        else:
            from_user_id = self.from_user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "reason": reason,
            }
        )
        if from_pool is not UNSET:
            field_dict["from_pool"] = from_pool
        if from_user_id is not UNSET:
            field_dict["from_user_id"] = from_user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        reason = d.pop("reason")

        def _parse_from_pool(data: object) -> BurnRequestFromPoolType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_pool_type_0 = BurnRequestFromPoolType0(data)

                return from_pool_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BurnRequestFromPoolType0 | None | Unset, data)

        from_pool = _parse_from_pool(d.pop("from_pool", UNSET))

        def _parse_from_user_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_user_id_type_0 = UUID(data)

                return from_user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        from_user_id = _parse_from_user_id(d.pop("from_user_id", UNSET))

        burn_request = cls(
            amount=amount,
            reason=reason,
            from_pool=from_pool,
            from_user_id=from_user_id,
        )

        return burn_request
