from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LinkRead")


@_attrs_define
class LinkRead:
    """
    Attributes:
        id (UUID):
        file_id (UUID):
        url (str): The public URL: anyone holding it may download the file.
        expires_at (datetime.datetime):
        max_downloads (int | None):
        downloads (int):
        revoked_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: UUID
    file_id: UUID
    url: str
    expires_at: datetime.datetime
    max_downloads: int | None
    downloads: int
    revoked_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        file_id = str(self.file_id)

        url = self.url

        expires_at = self.expires_at.isoformat()

        max_downloads: int | None
        max_downloads = self.max_downloads

        downloads = self.downloads

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "file_id": file_id,
                "url": url,
                "expires_at": expires_at,
                "max_downloads": max_downloads,
                "downloads": downloads,
                "revoked_at": revoked_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        file_id = UUID(d.pop("file_id"))

        url = d.pop("url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_max_downloads(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_downloads = _parse_max_downloads(d.pop("max_downloads"))

        downloads = d.pop("downloads")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        link_read = cls(
            id=id,
            file_id=file_id,
            url=url,
            expires_at=expires_at,
            max_downloads=max_downloads,
            downloads=downloads,
            revoked_at=revoked_at,
            created_at=created_at,
        )

        link_read.additional_properties = d
        return link_read

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
