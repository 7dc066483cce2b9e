from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.industry import Industry
from ..models.ventures_visibility import VenturesVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="VentureUpdate")


@_attrs_define
class VentureUpdate:
    """Only the fields sent change; `null` clears `website` and `funding_goal`.

    Attributes:
        name (None | str | Unset):
        description (None | str | Unset):
        industry (Industry | None | Unset):
        visibility (None | Unset | VenturesVisibility):
        tags (list[str] | None | Unset):
        website (None | str | Unset):
        funding_goal (None | str | Unset):
    """

    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    industry: Industry | None | Unset = UNSET
    visibility: None | Unset | VenturesVisibility = UNSET
    tags: list[str] | None | Unset = UNSET
    website: None | str | Unset = UNSET
    funding_goal: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        industry: None | str | Unset
        if isinstance(self.industry, Unset):
            industry = UNSET
        elif isinstance(self.industry, Industry):
            industry = self.industry.value
        else:
            industry = self.industry

        visibility: None | str | Unset
        if isinstance(self.visibility, Unset):
            visibility = UNSET
        elif isinstance(self.visibility, VenturesVisibility):
            visibility = self.visibility.value
        else:
            visibility = self.visibility

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
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

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if industry is not UNSET:
            field_dict["industry"] = industry
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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_industry(data: object) -> Industry | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                industry_type_0 = Industry(data)

                return industry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Industry | None | Unset, data)

        industry = _parse_industry(d.pop("industry", UNSET))

        def _parse_visibility(data: object) -> None | Unset | VenturesVisibility:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                visibility_type_0 = VenturesVisibility(data)

                return visibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VenturesVisibility, data)

        visibility = _parse_visibility(d.pop("visibility", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

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

        venture_update = cls(
            name=name,
            description=description,
            industry=industry,
            visibility=visibility,
            tags=tags,
            website=website,
            funding_goal=funding_goal,
        )

        return venture_update
