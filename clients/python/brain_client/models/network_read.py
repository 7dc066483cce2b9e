from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.network_edge import NetworkEdge
    from ..models.network_node import NetworkNode
    from ..models.network_read_levels import NetworkReadLevels


T = TypeVar("T", bound="NetworkRead")


@_attrs_define
class NetworkRead:
    """
    Attributes:
        user_id (UUID):
        depth (int):
        nodes (list[NetworkNode]):
        edges (list[NetworkEdge]):
        levels (NetworkReadLevels): How many people at each level.
    """

    user_id: UUID
    depth: int
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    levels: NetworkReadLevels
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        depth = self.depth

        nodes = []
        for nodes_item_data in self.nodes:
            nodes_item = nodes_item_data.to_dict()
            nodes.append(nodes_item)

        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)

        levels = self.levels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "depth": depth,
                "nodes": nodes,
                "edges": edges,
                "levels": levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.network_edge import NetworkEdge  # noqa: PLC0415
        from ..models.network_node import NetworkNode  # noqa: PLC0415
        from ..models.network_read_levels import NetworkReadLevels  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        depth = d.pop("depth")

        nodes = []
        _nodes = d.pop("nodes")
        for nodes_item_data in _nodes:
            nodes_item = NetworkNode.from_dict(nodes_item_data)

            nodes.append(nodes_item)

        edges = []
        _edges = d.pop("edges")
        for edges_item_data in _edges:
            edges_item = NetworkEdge.from_dict(edges_item_data)

            edges.append(edges_item)

        levels = NetworkReadLevels.from_dict(d.pop("levels"))

        network_read = cls(
            user_id=user_id,
            depth=depth,
            nodes=nodes,
            edges=edges,
            levels=levels,
        )

        network_read.additional_properties = d
        return network_read

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
