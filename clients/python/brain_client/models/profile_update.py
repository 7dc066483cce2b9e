from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.link import Link
    from ..models.profile_update_visibility import ProfileUpdateVisibility


T = TypeVar("T", bound="ProfileUpdate")


@_attrs_define
class ProfileUpdate:
    """
    Attributes:
        headline (None | str | Unset):
        bio (None | str | Unset):
        location (None | str | Unset):
        skills (list[str] | Unset):
        interests (list[str] | Unset):
        links (list[Link] | Unset):
        avatar_file_id (None | Unset | UUID):
        visibility (ProfileUpdateVisibility | Unset): Per field: `public` (anyone), `members` (signed-in users) or
            `private` (you and admins). Fields left out keep their default.
    """

    headline: None | str | Unset = UNSET
    bio: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    skills: list[str] | Unset = UNSET
    interests: list[str] | Unset = UNSET
    links: list[Link] | Unset = UNSET
    avatar_file_id: None | Unset | UUID = UNSET
    visibility: ProfileUpdateVisibility | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        visibility: dict[str, Any] | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.link import Link  # noqa: PLC0415
        from ..models.profile_update_visibility import ProfileUpdateVisibility  # noqa: PLC0415

        d = dict(src_dict)

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

        _visibility = d.pop("visibility", UNSET)
        visibility: ProfileUpdateVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = ProfileUpdateVisibility.from_dict(_visibility)

        profile_update = cls(
            headline=headline,
            bio=bio,
            location=location,
            skills=skills,
            interests=interests,
            links=links,
            avatar_file_id=avatar_file_id,
            visibility=visibility,
        )

        return profile_update
