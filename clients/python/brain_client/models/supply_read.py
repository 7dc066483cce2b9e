from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pool_read import PoolRead


T = TypeVar("T", bound="SupplyRead")


@_attrs_define
class SupplyRead:
    """
    Attributes:
        max_supply (str): BUZ, two places.
        minted (str): BUZ, two places.
        burned (str): BUZ, two places.
        supply (str): Minted minus burned: every token in existence.
        circulating (str): In user wallets.
        staked (str): In staking accounts.
        fees (str): In the fees account (treasury).
        pools (list[PoolRead]):
    """

    max_supply: str
    minted: str
    burned: str
    supply: str
    circulating: str
    staked: str
    fees: str
    pools: list[PoolRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_supply = self.max_supply

        minted = self.minted

        burned = self.burned

        supply = self.supply

        circulating = self.circulating

        staked = self.staked

        fees = self.fees

        pools = []
        for pools_item_data in self.pools:
            pools_item = pools_item_data.to_dict()
            pools.append(pools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_supply": max_supply,
                "minted": minted,
                "burned": burned,
                "supply": supply,
                "circulating": circulating,
                "staked": staked,
                "fees": fees,
                "pools": pools,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pool_read import PoolRead  # noqa: PLC0415

        d = dict(src_dict)
        max_supply = d.pop("max_supply")

        minted = d.pop("minted")

        burned = d.pop("burned")

        supply = d.pop("supply")

        circulating = d.pop("circulating")

        staked = d.pop("staked")

        fees = d.pop("fees")

        pools = []
        _pools = d.pop("pools")
        for pools_item_data in _pools:
            pools_item = PoolRead.from_dict(pools_item_data)

            pools.append(pools_item)

        supply_read = cls(
            max_supply=max_supply,
            minted=minted,
            burned=burned,
            supply=supply,
            circulating=circulating,
            staked=staked,
            fees=fees,
            pools=pools,
        )

        supply_read.additional_properties = d
        return supply_read

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
