from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preference_item import PreferenceItem
    from ..models.quiet_hours_body import QuietHoursBody


T = TypeVar("T", bound="PreferencesRead")


@_attrs_define
class PreferencesRead:
    """
    Attributes:
        preferences (list[PreferenceItem]):
        quiet_hours (None | QuietHoursBody):
        timezone (str): The time zone of quiet hours (your users settings).
    """

    preferences: list[PreferenceItem]
    quiet_hours: None | QuietHoursBody
    timezone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.quiet_hours_body import QuietHoursBody  # noqa: PLC0415

        preferences = []
        for preferences_item_data in self.preferences:
            preferences_item = preferences_item_data.to_dict()
            preferences.append(preferences_item)

        quiet_hours: dict[str, Any] | None
        if isinstance(self.quiet_hours, QuietHoursBody):
            quiet_hours = self.quiet_hours.to_dict()
        else:
            quiet_hours = self.quiet_hours

        timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "preferences": preferences,
                "quiet_hours": quiet_hours,
                "timezone": timezone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preference_item import PreferenceItem  # noqa: PLC0415
        from ..models.quiet_hours_body import QuietHoursBody  # noqa: PLC0415

        d = dict(src_dict)
        preferences = []
        _preferences = d.pop("preferences")
        for preferences_item_data in _preferences:
            preferences_item = PreferenceItem.from_dict(preferences_item_data)

            preferences.append(preferences_item)

        def _parse_quiet_hours(data: object) -> None | QuietHoursBody:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quiet_hours_type_0 = QuietHoursBody.from_dict(data)

                return quiet_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuietHoursBody, data)

        quiet_hours = _parse_quiet_hours(d.pop("quiet_hours"))

        timezone = d.pop("timezone")

        preferences_read = cls(
            preferences=preferences,
            quiet_hours=quiet_hours,
            timezone=timezone,
        )

        preferences_read.additional_properties = d
        return preferences_read

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
