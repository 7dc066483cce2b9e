from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.link import Link
    from ..models.users_profile_read_visibility_type_0 import UsersProfileReadVisibilityType0


T = TypeVar("T", bound="UsersProfileRead")


@_attrs_define
class UsersProfileRead:
    """A profile. Fields the viewer may not see are null (lists empty); `visibility` is
    shown only to the user and admins.

        Attributes:
            user_id (UUID):
            display_name (str):
            headline (None | str | Unset):
            bio (None | str | Unset):
            location (None | str | Unset):
            skills (list[str] | Unset):
            interests (list[str] | Unset):
            links (list[Link] | Unset):
            avatar_file_id (None | Unset | UUID):
            visibility (None | Unset | UsersProfileReadVisibilityType0):
            updated_at (datetime.datetime | None | Unset):
    """

    user_id: UUID
    display_name: str
    headline: None | str | Unset = UNSET
    bio: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    skills: list[str] | Unset = UNSET
    interests: list[str] | Unset = UNSET
    links: list[Link] | Unset = UNSET
    avatar_file_id: None | Unset | UUID = UNSET
    visibility: None | Unset | UsersProfileReadVisibilityType0 = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.users_profile_read_visibility_type_0 import UsersProfileReadVisibilityType0  # noqa: PLC0415

        user_id = str(self.user_id)

        display_name = self.display_name

        headline: None | str | Unset
        if isinstance(self.headline, Unset):
            headline = UNSET
        else:
            headline = self.headline

        bio: None | str | Unset
        if isinstance(self.bio, Unset):
            bio = UNSET
        else:
            bio = self.bio

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        interests: list[str] | Unset = UNSET
        if not isinstance(self.interests, Unset):
            interests = self.interests

        links: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = []
            for links_item_data in self.links:
                links_item = links_item_data.to_dict()
                links.append(links_item)

        avatar_file_id: None | str | Unset
        if isinstance(self.avatar_file_id, Unset):
            avatar_file_id = UNSET
        elif isinstance(self.avatar_file_id, UUID):
            avatar_file_id = str(self.avatar_file_id)
        else:
            avatar_file_id = self.avatar_file_id

        visibility: dict[str, Any] | None | Unset
        if isinstance(self.visibility, Unset):
            visibility = UNSET
        elif isinstance(self.visibility, UsersProfileReadVisibilityType0):
            visibility = self.visibility.to_dict()
        else:
            visibility = self.visibility

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "display_name": display_name,
            }
        )
        if headline is not UNSET:
            field_dict["headline"] = headline
        if bio is not UNSET:
            field_dict["bio"] = bio
        if location is not UNSET:
            field_dict["location"] = location
        if skills is not UNSET:
            field_dict["skills"] = skills
        if interests is not UNSET:
            field_dict["interests"] = interests
        if links is not UNSET:
            field_dict["links"] = links
        if avatar_file_id is not UNSET:
            field_dict["avatar_file_id"] = avatar_file_id
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.link import Link  # noqa: PLC0415
        from ..models.users_profile_read_visibility_type_0 import UsersProfileReadVisibilityType0  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        display_name = d.pop("display_name")

        def _parse_headline(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        headline = _parse_headline(d.pop("headline", UNSET))

        def _parse_bio(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bio = _parse_bio(d.pop("bio", UNSET))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        skills = cast(list[str], d.pop("skills", UNSET))

        interests = cast(list[str], d.pop("interests", UNSET))

        _links = d.pop("links", UNSET)
        links: list[Link] | Unset = UNSET
        if _links is not UNSET:
            links = []
            for links_item_data in _links:
                links_item = Link.from_dict(links_item_data)

                links.append(links_item)

        def _parse_avatar_file_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                avatar_file_id_type_0 = UUID(data)

                return avatar_file_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        avatar_file_id = _parse_avatar_file_id(d.pop("avatar_file_id", UNSET))

        def _parse_visibility(data: object) -> None | Unset | UsersProfileReadVisibilityType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                visibility_type_0 = UsersProfileReadVisibilityType0.from_dict(data)

                return visibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UsersProfileReadVisibilityType0, data)

        visibility = _parse_visibility(d.pop("visibility", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        users_profile_read = cls(
            user_id=user_id,
            display_name=display_name,
            headline=headline,
            bio=bio,
            location=location,
            skills=skills,
            interests=interests,
            links=links,
            avatar_file_id=avatar_file_id,
            visibility=visibility,
            updated_at=updated_at,
        )

        users_profile_read.additional_properties = d
        return users_profile_read

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
