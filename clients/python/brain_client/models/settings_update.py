from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notification_shortcuts import NotificationShortcuts
    from ..models.privacy_settings import PrivacySettings


T = TypeVar("T", bound="SettingsUpdate")


@_attrs_define
class SettingsUpdate:
    """
    Attributes:
        locale (str | Unset):  Default: 'en'.
        timezone (str | Unset):  Default: 'UTC'.
        privacy (PrivacySettings | Unset):
        notifications (NotificationShortcuts | Unset):
    """

    locale: str | Unset = "en"
    timezone: str | Unset = "UTC"
    privacy: PrivacySettings | Unset = UNSET
    notifications: NotificationShortcuts | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        locale = self.locale

        timezone = self.timezone

        privacy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.privacy, Unset):
            privacy = self.privacy.to_dict()

        notifications: dict[str, Any] | Unset = UNSET
        if not isinstance(self.notifications, Unset):
            notifications = self.notifications.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if locale is not UNSET:
            field_dict["locale"] = locale
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if privacy is not UNSET:
            field_dict["privacy"] = privacy
        if notifications is not UNSET:
            field_dict["notifications"] = notifications

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_shortcuts import NotificationShortcuts  # noqa: PLC0415
        from ..models.privacy_settings import PrivacySettings  # noqa: PLC0415

        d = dict(src_dict)
        locale = d.pop("locale", UNSET)

        timezone = d.pop("timezone", UNSET)

        _privacy = d.pop("privacy", UNSET)
        privacy: PrivacySettings | Unset
        if isinstance(_privacy, Unset):
            privacy = UNSET
        else:
            privacy = PrivacySettings.from_dict(_privacy)

        _notifications = d.pop("notifications", UNSET)
        notifications: NotificationShortcuts | Unset
        if isinstance(_notifications, Unset):
            notifications = UNSET
        else:
            notifications = NotificationShortcuts.from_dict(_notifications)

        settings_update = cls(
            locale=locale,
            timezone=timezone,
            privacy=privacy,
            notifications=notifications,
        )

        return settings_update
