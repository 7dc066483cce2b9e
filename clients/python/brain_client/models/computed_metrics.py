from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ComputedMetrics")


@_attrs_define
class ComputedMetrics:
    """Computed from the data when asked, never stored.

    Attributes:
        team_size (int):
        documents_signed (int): Completed legal documents signed for the venture.
        buz_raised (str): BUZ moved by transfers that name the venture.
        days_in_stage (int):
    """

    team_size: int
    documents_signed: int
    buz_raised: str
    days_in_stage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        team_size = self.team_size

        documents_signed = self.documents_signed

        buz_raised = self.buz_raised

        days_in_stage = self.days_in_stage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "team_size": team_size,
                "documents_signed": documents_signed,
                "buz_raised": buz_raised,
                "days_in_stage": days_in_stage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        team_size = d.pop("team_size")

        documents_signed = d.pop("documents_signed")

        buz_raised = d.pop("buz_raised")

        days_in_stage = d.pop("days_in_stage")

        computed_metrics = cls(
            team_size=team_size,
            documents_signed=documents_signed,
            buz_raised=buz_raised,
            days_in_stage=days_in_stage,
        )

        computed_metrics.additional_properties = d
        return computed_metrics

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
