from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_status import DocumentStatus

T = TypeVar("T", bound="DocumentSummary")


@_attrs_define
class DocumentSummary:
    """
    Attributes:
        id (UUID):
        template_type (str):
        title (str):
        sender_id (UUID):
        status (DocumentStatus):
        personal (bool):
        deadline (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: UUID
    template_type: str
    title: str
    sender_id: UUID
    status: DocumentStatus
    personal: bool
    deadline: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        template_type = self.template_type

        title = self.title

        sender_id = str(self.sender_id)

        status = self.status.value

        personal = self.personal

        deadline: None | str
        if isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "template_type": template_type,
                "title": title,
                "sender_id": sender_id,
                "status": status,
                "personal": personal,
                "deadline": deadline,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        template_type = d.pop("template_type")

        title = d.pop("title")

        sender_id = UUID(d.pop("sender_id"))

        status = DocumentStatus(d.pop("status"))

        personal = d.pop("personal")

        def _parse_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deadline = _parse_deadline(d.pop("deadline"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        document_summary = cls(
            id=id,
            template_type=template_type,
            title=title,
            sender_id=sender_id,
            status=status,
            personal=personal,
            deadline=deadline,
            created_at=created_at,
        )

        document_summary.additional_properties = d
        return document_summary

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
