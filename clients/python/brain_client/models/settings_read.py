from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notification_shortcuts import NotificationShortcuts
    from ..models.privacy_settings import PrivacySettings


T = TypeVar("T", bound="SettingsRead")


@_attrs_define
class SettingsRead:
    """
    Attributes:
        user_id (UUID):
        locale (str):
        timezone (str):
        privacy (PrivacySettings):
        notifications (NotificationShortcuts):
        updated_at (datetime.datetime | None | Unset):
    """

    user_id: UUID
    locale: str
    timezone: str
    privacy: PrivacySettings
    notifications: NotificationShortcuts
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        locale = self.locale

        timezone = self.timezone

        privacy = self.privacy.to_dict()

        notifications = self.notifications.to_dict()

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "locale": locale,
                "timezone": timezone,
                "privacy": privacy,
                "notifications": notifications,
            }
        )
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_shortcuts import NotificationShortcuts  # noqa: PLC0415
        from ..models.privacy_settings import PrivacySettings  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        locale = d.pop("locale")

        timezone = d.pop("timezone")

        privacy = PrivacySettings.from_dict(d.pop("privacy"))

        notifications = NotificationShortcuts.from_dict(d.pop("notifications"))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        settings_read = cls(
            user_id=user_id,
            locale=locale,
            timezone=timezone,
            privacy=privacy,
            notifications=notifications,
            updated_at=updated_at,
        )

        settings_read.additional_properties = d
        return settings_read

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
