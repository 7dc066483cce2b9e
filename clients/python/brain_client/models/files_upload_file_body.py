from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="FilesUploadFileBody")


@_attrs_define
class FilesUploadFileBody:
    """
    Attributes:
        file (File):
        venture_id (UUID | Unset):
        tags (str | Unset): Comma-separated tags.
    """

    file: File
    venture_id: UUID | Unset = UNSET
    tags: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        venture_id: str | Unset = UNSET
        if not isinstance(self.venture_id, Unset):
            venture_id = str(self.venture_id)

        tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if venture_id is not UNSET:
            field_dict["venture_id"] = venture_id
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.venture_id, Unset):
            files.append(("venture_id", (None, str(self.venture_id), "text/plain")))

        if not isinstance(self.tags, Unset):
            files.append(("tags", (None, str(self.tags).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        _venture_id = d.pop("venture_id", UNSET)
        venture_id: UUID | Unset
        if isinstance(_venture_id, Unset):
            venture_id = UNSET
        else:
            venture_id = UUID(_venture_id)

        tags = d.pop("tags", UNSET)

        files_upload_file_body = cls(
            file=file,
            venture_id=venture_id,
            tags=tags,
        )

        files_upload_file_body.additional_properties = d
        return files_upload_file_body

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
