from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.template_compliance import TemplateCompliance


T = TypeVar("T", bound="ComplianceReport")


@_attrs_define
class ComplianceReport:
    """
    Attributes:
        user_id (UUID):
        templates (list[TemplateCompliance]):
        actions_unlocked (list[str]):
        actions_locked (list[str]):
    """

    user_id: UUID
    templates: list[TemplateCompliance]
    actions_unlocked: list[str]
    actions_locked: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        templates = []
        for templates_item_data in self.templates:
            templates_item = templates_item_data.to_dict()
            templates.append(templates_item)

        actions_unlocked = self.actions_unlocked

        actions_locked = self.actions_locked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "templates": templates,
                "actions_unlocked": actions_unlocked,
                "actions_locked": actions_locked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_compliance import TemplateCompliance  # noqa: PLC0415

        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        templates = []
        _templates = d.pop("templates")
        for templates_item_data in _templates:
            templates_item = TemplateCompliance.from_dict(templates_item_data)

            templates.append(templates_item)

        actions_unlocked = cast(list[str], d.pop("actions_unlocked"))

        actions_locked = cast(list[str], d.pop("actions_locked"))

        compliance_report = cls(
            user_id=user_id,
            templates=templates,
            actions_unlocked=actions_unlocked,
            actions_locked=actions_locked,
        )

        compliance_report.additional_properties = d
        return compliance_report

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
