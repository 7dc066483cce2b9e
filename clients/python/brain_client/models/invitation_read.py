from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invitation_status import InvitationStatus
from ..models.team_role import TeamRole

T = TypeVar("T", bound="InvitationRead")


@_attrs_define
class InvitationRead:
    """
    Attributes:
        id (UUID):
        venture_id (UUID):
        venture_name (str):
        user_id (UUID):
        role (TeamRole):
        invited_by (UUID):
        status (InvitationStatus):
        expires_at (datetime.datetime):
        responded_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: UUID
    venture_id: UUID
    venture_name: str
    user_id: UUID
    role: TeamRole
    invited_by: UUID
    status: InvitationStatus
    expires_at: datetime.datetime
    responded_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        venture_id = str(self.venture_id)

        venture_name = self.venture_name

        user_id = str(self.user_id)

        role = self.role.value

        invited_by = str(self.invited_by)

        status = self.status.value

        expires_at = self.expires_at.isoformat()

        responded_at: None | str
        if isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "venture_id": venture_id,
                "venture_name": venture_name,
                "user_id": user_id,
                "role": role,
                "invited_by": invited_by,
                "status": status,
                "expires_at": expires_at,
                "responded_at": responded_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        venture_id = UUID(d.pop("venture_id"))

        venture_name = d.pop("venture_name")

        user_id = UUID(d.pop("user_id"))

        role = TeamRole(d.pop("role"))

        invited_by = UUID(d.pop("invited_by"))

        status = InvitationStatus(d.pop("status"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        responded_at = _parse_responded_at(d.pop("responded_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        invitation_read = cls(
            id=id,
            venture_id=venture_id,
            venture_name=venture_name,
            user_id=user_id,
            role=role,
            invited_by=invited_by,
            status=status,
            expires_at=expires_at,
            responded_at=responded_at,
            created_at=created_at,
        )

        invitation_read.additional_properties = d
        return invitation_read

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
