from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Usage")


@_attrs_define
class Usage:
    """
    Attributes:
        used_bytes (int):
        quota_bytes (int):
        files (int):
        max_file_bytes (int):
    """

    used_bytes: int
    quota_bytes: int
    files: int
    max_file_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        used_bytes = self.used_bytes

        quota_bytes = self.quota_bytes

        files = self.files

        max_file_bytes = self.max_file_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "used_bytes": used_bytes,
                "quota_bytes": quota_bytes,
                "files": files,
                "max_file_bytes": max_file_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        used_bytes = d.pop("used_bytes")

        quota_bytes = d.pop("quota_bytes")

        files = d.pop("files")

        max_file_bytes = d.pop("max_file_bytes")

        usage = cls(
            used_bytes=used_bytes,
            quota_bytes=quota_bytes,
            files=files,
            max_file_bytes=max_file_bytes,
        )

        usage.additional_properties = d
        return usage

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
