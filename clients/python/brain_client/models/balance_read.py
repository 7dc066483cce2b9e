from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BalanceRead")


@_attrs_define
class BalanceRead:
    """
    Attributes:
        user_id (UUID):
        available (str): In the wallet.
        staked (str): Locked in staking positions.
        total (str): BUZ, two places.
        wallet_version (int):
    """

    user_id: UUID
    available: str
    staked: str
    total: str
    wallet_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        available = self.available

        staked = self.staked

        total = self.total

        wallet_version = self.wallet_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "available": available,
                "staked": staked,
                "total": total,
                "wallet_version": wallet_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        available = d.pop("available")

        staked = d.pop("staked")

        total = d.pop("total")

        wallet_version = d.pop("wallet_version")

        balance_read = cls(
            user_id=user_id,
            available=available,
            staked=staked,
            total=total,
            wallet_version=wallet_version,
        )

        balance_read.additional_properties = d
        return balance_read

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
