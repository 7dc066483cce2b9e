from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preference_change import PreferenceChange
    from ..models.quiet_hours_body import QuietHoursBody


T = TypeVar("T", bound="PreferencesUpdate")


@_attrs_define
class PreferencesUpdate:
    """
    Attributes:
        preferences (list[PreferenceChange] | Unset):
        quiet_hours (None | QuietHoursBody | Unset): Set quiet hours (push and email wait until they end; in-app does
            not).
        clear_quiet_hours (bool | Unset): Remove your quiet hours. Default: False.
    """

    preferences: list[PreferenceChange] | Unset = UNSET
    quiet_hours: None | QuietHoursBody | Unset = UNSET
    clear_quiet_hours: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.quiet_hours_body import QuietHoursBody  # noqa: PLC0415

        preferences: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.preferences, Unset):
            preferences = []
            for preferences_item_data in self.preferences:
                preferences_item = preferences_item_data.to_dict()
                preferences.append(preferences_item)

        quiet_hours: dict[str, Any] | None | Unset
        if isinstance(self.quiet_hours, Unset):
            quiet_hours = UNSET
        elif isinstance(self.quiet_hours, QuietHoursBody):
            quiet_hours = self.quiet_hours.to_dict()
        else:
            quiet_hours = self.quiet_hours

        clear_quiet_hours = self.clear_quiet_hours

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if preferences is not UNSET:
            field_dict["preferences"] = preferences
        if quiet_hours is not UNSET:
            field_dict["quiet_hours"] = quiet_hours
        if clear_quiet_hours is not UNSET:
            field_dict["clear_quiet_hours"] = clear_quiet_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preference_change import PreferenceChange  # noqa: PLC0415
        from ..models.quiet_hours_body import QuietHoursBody  # noqa: PLC0415

        d = dict(src_dict)
        _preferences = d.pop("preferences", UNSET)
        preferences: list[PreferenceChange] | Unset = UNSET
        if _preferences is not UNSET:
            preferences = []
            for preferences_item_data in _preferences:
                preferences_item = PreferenceChange.from_dict(preferences_item_data)

                preferences.append(preferences_item)

        def _parse_quiet_hours(data: object) -> None | QuietHoursBody | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quiet_hours_type_0 = QuietHoursBody.from_dict(data)

                return quiet_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuietHoursBody | Unset, data)

        quiet_hours = _parse_quiet_hours(d.pop("quiet_hours", UNSET))

        clear_quiet_hours = d.pop("clear_quiet_hours", UNSET)

        preferences_update = cls(
            preferences=preferences,
            quiet_hours=quiet_hours,
            clear_quiet_hours=clear_quiet_hours,
        )

        return preferences_update
