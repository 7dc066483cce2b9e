from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_read_access import FileReadAccess

T = TypeVar("T", bound="FileRead")


@_attrs_define
class FileRead:
    """
    Attributes:
        id (UUID):
        name (str): The original name, cleaned; metadata only.
        content_type (str): The type sniffed from the content.
        size (int):
        sha256 (str): Hex SHA-256 of the content (also the download's ETag).
        owner_id (UUID):
        venture_id (None | UUID):
        tags (list[str]):
        access (FileReadAccess): Why you can read it: yours, shared with you, your venture's, or as an admin.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    content_type: str
    size: int
    sha256: str
    owner_id: UUID
    venture_id: None | UUID
    tags: list[str]
    access: FileReadAccess
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        content_type = self.content_type

        size = self.size

        sha256 = self.sha256

        owner_id = str(self.owner_id)

        venture_id: None | str
        if isinstance(self.venture_id, UUID):
            venture_id = str(self.venture_id)
        else:
            venture_id = self.venture_id

        tags = self.tags

        access = self.access.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "content_type": content_type,
                "size": size,
                "sha256": sha256,
                "owner_id": owner_id,
                "venture_id": venture_id,
                "tags": tags,
                "access": access,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        content_type = d.pop("content_type")

        size = d.pop("size")

        sha256 = d.pop("sha256")

        owner_id = UUID(d.pop("owner_id"))

        def _parse_venture_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                venture_id_type_0 = UUID(data)

                return venture_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        venture_id = _parse_venture_id(d.pop("venture_id"))

        tags = cast(list[str], d.pop("tags"))

        access = FileReadAccess(d.pop("access"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        file_read = cls(
            id=id,
            name=name,
            content_type=content_type,
            size=size,
            sha256=sha256,
            owner_id=owner_id,
            venture_id=venture_id,
            tags=tags,
            access=access,
            created_at=created_at,
            updated_at=updated_at,
        )

        file_read.additional_properties = d
        return file_read

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
