from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.industry import Industry
from ..models.ventures_visibility import VenturesVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="VentureCreate")


@_attrs_define
class VentureCreate:
    """
    Attributes:
        name (str):
        description (str): At least 100 characters.
        industry (Industry):
        visibility (VenturesVisibility | Unset): PUBLIC: every member sees it. INVITE_ONLY: the team and users with a
            pending invitation.
            PRIVATE: the team only. A venture a caller may not see is 404 to them, everywhere.
        tags (list[str] | Unset):
        website (None | str | Unset):
        funding_goal (None | str | Unset):
    """

    name: str
    description: str
    industry: Industry
    visibility: VenturesVisibility | Unset = UNSET
    tags: list[str] | Unset = UNSET
    website: None | str | Unset = UNSET
    funding_goal: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        industry = self.industry.value

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        funding_goal: None | str | Unset
        if isinstance(self.funding_goal, Unset):
            funding_goal = UNSET
        else:
            funding_goal = self.funding_goal

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "description": description,
                "industry": industry,
            }
        )
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if tags is not UNSET:
            field_dict["tags"] = tags
        if website is not UNSET:
            field_dict["website"] = website
        if funding_goal is not UNSET:
            field_dict["funding_goal"] = funding_goal

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        industry = Industry(d.pop("industry"))

        _visibility = d.pop("visibility", UNSET)
        visibility: VenturesVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = VenturesVisibility(_visibility)

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        def _parse_funding_goal(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        funding_goal = _parse_funding_goal(d.pop("funding_goal", UNSET))

        venture_create = cls(
            name=name,
            description=description,
            industry=industry,
            visibility=visibility,
            tags=tags,
            website=website,
            funding_goal=funding_goal,
        )

        return venture_create
