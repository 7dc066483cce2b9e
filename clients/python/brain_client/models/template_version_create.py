from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TemplateVersionCreate")


@_attrs_define
class TemplateVersionCreate:
    """
    Attributes:
        version (str): Semantic version above the latest one. A new MAJOR makes everyone who signed an older major sign
            again.
        content (str): Markdown.
        effective_at (datetime.datetime | None | Unset): When it takes effect (default now); not in the past.
        change_summary (None | str | Unset):
    """

    version: str
    content: str
    effective_at: datetime.datetime | None | Unset = UNSET
    change_summary: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        content = self.content

        effective_at: None | str | Unset
        if isinstance(self.effective_at, Unset):
            effective_at = UNSET
        elif isinstance(self.effective_at, datetime.datetime):
            effective_at = self.effective_at.isoformat()
        else:
            effective_at = self.effective_at

        change_summary: None | str | Unset
        if isinstance(self.change_summary, Unset):
            change_summary = UNSET
        else:
            change_summary = self.change_summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "version": version,
                "content": content,
            }
        )
        if effective_at is not UNSET:
            field_dict["effective_at"] = effective_at
        if change_summary is not UNSET:
            field_dict["change_summary"] = change_summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        content = d.pop("content")

        def _parse_effective_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_at_type_0 = datetime.datetime.fromisoformat(data)

                return effective_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        effective_at = _parse_effective_at(d.pop("effective_at", UNSET))

        def _parse_change_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        change_summary = _parse_change_summary(d.pop("change_summary", UNSET))

        template_version_create = cls(
            version=version,
            content=content,
            effective_at=effective_at,
            change_summary=change_summary,
        )

        return template_version_create
