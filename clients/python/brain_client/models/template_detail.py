from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.template_version_read import TemplateVersionRead


T = TypeVar("T", bound="TemplateDetail")


@_attrs_define
class TemplateDetail:
    """
    Attributes:
        type_ (str):
        name (str):
        category (str):
        personal (bool): Signed alone through `POST /templates/{type}/sign`.
        current_version (None | TemplateVersionRead): The latest version in effect (documents and compliance use it).
        content (None | str):
        versions (list[TemplateVersionRead]):
    """

    type_: str
    name: str
    category: str
    personal: bool
    current_version: None | TemplateVersionRead
    content: None | str
    versions: list[TemplateVersionRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.template_version_read import TemplateVersionRead  # noqa: PLC0415

        type_ = self.type_

        name = self.name

        category = self.category

        personal = self.personal

        current_version: dict[str, Any] | None
        if isinstance(self.current_version, TemplateVersionRead):
            current_version = self.current_version.to_dict()
        else:
            current_version = self.current_version

        content: None | str
        content = self.content

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
                "category": category,
                "personal": personal,
                "current_version": current_version,
                "content": content,
                "versions": versions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_version_read import TemplateVersionRead  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        name = d.pop("name")

        category = d.pop("category")

        personal = d.pop("personal")

        def _parse_current_version(data: object) -> None | TemplateVersionRead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_version_type_0 = TemplateVersionRead.from_dict(data)

                return current_version_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TemplateVersionRead, data)

        current_version = _parse_current_version(d.pop("current_version"))

        def _parse_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content = _parse_content(d.pop("content"))

        versions = []
        _versions = d.pop("versions")
        for versions_item_data in _versions:
            versions_item = TemplateVersionRead.from_dict(versions_item_data)

            versions.append(versions_item)

        template_detail = cls(
            type_=type_,
            name=name,
            category=category,
            personal=personal,
            current_version=current_version,
            content=content,
            versions=versions,
        )

        template_detail.additional_properties = d
        return template_detail

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
