from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AnnouncementRead")


@_attrs_define
class AnnouncementRead:
    """
    Attributes:
        id (UUID):
        title (str):
        body (str):
        role (None | str):
        status (str): PENDING, RUNNING, then DONE once every batch committed.
        recipients (int):
        batches (int):
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
    """

    id: UUID
    title: str
    body: str
    role: None | str
    status: str
    recipients: int
    batches: int
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        title = self.title

        body = self.body

        role: None | str
        role = self.role

        status = self.status

        recipients = self.recipients

        batches = self.batches

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "body": body,
                "role": role,
                "status": status,
                "recipients": recipients,
                "batches": batches,
                "created_at": created_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        title = d.pop("title")

        body = d.pop("body")

        def _parse_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        role = _parse_role(d.pop("role"))

        status = d.pop("status")

        recipients = d.pop("recipients")

        batches = d.pop("batches")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        announcement_read = cls(
            id=id,
            title=title,
            body=body,
            role=role,
            status=status,
            recipients=recipients,
            batches=batches,
            created_at=created_at,
            finished_at=finished_at,
        )

        announcement_read.additional_properties = d
        return announcement_read

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
