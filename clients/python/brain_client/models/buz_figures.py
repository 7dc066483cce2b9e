from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BuzFigures")


@_attrs_define
class BuzFigures:
    """
    Attributes:
        volume (str):
        transfers (int):
        circulating (str):
        velocity (float | None): volume / circulating; null with none.
        staked (str): Staked in the period.
        tvl (str): Principal staked now (all staked - all unstaked).
    """

    volume: str
    transfers: int
    circulating: str
    velocity: float | None
    staked: str
    tvl: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        volume = self.volume

        transfers = self.transfers

        circulating = self.circulating

        velocity: float | None
        velocity = self.velocity

        staked = self.staked

        tvl = self.tvl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "volume": volume,
                "transfers": transfers,
                "circulating": circulating,
                "velocity": velocity,
                "staked": staked,
                "tvl": tvl,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        volume = d.pop("volume")

        transfers = d.pop("transfers")

        circulating = d.pop("circulating")

        def _parse_velocity(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        velocity = _parse_velocity(d.pop("velocity"))

        staked = d.pop("staked")

        tvl = d.pop("tvl")

        buz_figures = cls(
            volume=volume,
            transfers=transfers,
            circulating=circulating,
            velocity=velocity,
            staked=staked,
            tvl=tvl,
        )

        buz_figures.additional_properties = d
        return buz_figures

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
