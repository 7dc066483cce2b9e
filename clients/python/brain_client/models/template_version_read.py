from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TemplateVersionRead")


@_attrs_define
class TemplateVersionRead:
    """
    Attributes:
        id (UUID):
        template_type (str):
        version (str):
        sha256 (str): SHA-256 of the canonical content (see docs).
        effective_at (datetime.datetime):
        change_summary (None | str):
        created_at (datetime.datetime):
    """

    id: UUID
    template_type: str
    version: str
    sha256: str
    effective_at: datetime.datetime
    change_summary: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        template_type = self.template_type

        version = self.version

        sha256 = self.sha256

        effective_at = self.effective_at.isoformat()

        change_summary: None | str
        change_summary = self.change_summary

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "template_type": template_type,
                "version": version,
                "sha256": sha256,
                "effective_at": effective_at,
                "change_summary": change_summary,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        template_type = d.pop("template_type")

        version = d.pop("version")

        sha256 = d.pop("sha256")

        effective_at = datetime.datetime.fromisoformat(d.pop("effective_at"))

        def _parse_change_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        change_summary = _parse_change_summary(d.pop("change_summary"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        template_version_read = cls(
            id=id,
            template_type=template_type,
            version=version,
            sha256=sha256,
            effective_at=effective_at,
            change_summary=change_summary,
            created_at=created_at,
        )

        template_version_read.additional_properties = d
        return template_version_read

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
