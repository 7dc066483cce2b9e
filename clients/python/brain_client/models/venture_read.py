from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.industry import Industry
from ..models.stage import Stage
from ..models.team_role import TeamRole
from ..models.ventures_visibility import VenturesVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="VentureRead")


@_attrs_define
class VentureRead:
    """
    Attributes:
        id (UUID):
        name (str):
        description (str):
        industry (Industry):
        visibility (VenturesVisibility): PUBLIC: every member sees it. INVITE_ONLY: the team and users with a pending
            invitation.
            PRIVATE: the team only. A venture a caller may not see is 404 to them, everywhere.
        tags (list[str]):
        website (None | str):
        funding_goal (None | str):
        stage (Stage):
        stage_entered_at (datetime.datetime):
        owner_id (UUID):
        archived_at (datetime.datetime | None):
        archive_reason (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        my_role (None | TeamRole | Unset): Your role in its team, if any.
    """

    id: UUID
    name: str
    description: str
    industry: Industry
    visibility: VenturesVisibility
    tags: list[str]
    website: None | str
    funding_goal: None | str
    stage: Stage
    stage_entered_at: datetime.datetime
    owner_id: UUID
    archived_at: datetime.datetime | None
    archive_reason: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    my_role: None | TeamRole | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        description = self.description

        industry = self.industry.value

        visibility = self.visibility.value

        tags = self.tags

        website: None | str
        website = self.website

        funding_goal: None | str
        funding_goal = self.funding_goal

        stage = self.stage.value

        stage_entered_at = self.stage_entered_at.isoformat()

        owner_id = str(self.owner_id)

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        archive_reason: None | str
        archive_reason = self.archive_reason

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        my_role: None | str | Unset
        if isinstance(self.my_role, Unset):
            my_role = UNSET
        elif isinstance(self.my_role, TeamRole):
            my_role = self.my_role.value
        else:
            my_role = self.my_role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "industry": industry,
                "visibility": visibility,
                "tags": tags,
                "website": website,
                "funding_goal": funding_goal,
                "stage": stage,
                "stage_entered_at": stage_entered_at,
                "owner_id": owner_id,
                "archived_at": archived_at,
                "archive_reason": archive_reason,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if my_role is not UNSET:
            field_dict["my_role"] = my_role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        description = d.pop("description")

        industry = Industry(d.pop("industry"))

        visibility = VenturesVisibility(d.pop("visibility"))

        tags = cast(list[str], d.pop("tags"))

        def _parse_website(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website = _parse_website(d.pop("website"))

        def _parse_funding_goal(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        funding_goal = _parse_funding_goal(d.pop("funding_goal"))

        stage = Stage(d.pop("stage"))

        stage_entered_at = datetime.datetime.fromisoformat(d.pop("stage_entered_at"))

        owner_id = UUID(d.pop("owner_id"))

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archived_at"))

        def _parse_archive_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        archive_reason = _parse_archive_reason(d.pop("archive_reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_my_role(data: object) -> None | TeamRole | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                my_role_type_0 = TeamRole(data)

                return my_role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TeamRole | Unset, data)

        my_role = _parse_my_role(d.pop("my_role", UNSET))

        venture_read = cls(
            id=id,
            name=name,
            description=description,
            industry=industry,
            visibility=visibility,
            tags=tags,
            website=website,
            funding_goal=funding_goal,
            stage=stage,
            stage_entered_at=stage_entered_at,
            owner_id=owner_id,
            archived_at=archived_at,
            archive_reason=archive_reason,
            created_at=created_at,
            updated_at=updated_at,
            my_role=my_role,
        )

        venture_read.additional_properties = d
        return venture_read

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
