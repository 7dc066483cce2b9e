from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compliance_state import ComplianceState

T = TypeVar("T", bound="TemplateCompliance")


@_attrs_define
class TemplateCompliance:
    """
    Attributes:
        template_type (str):
        state (ComplianceState):
        current_version (None | str):
        signed_version (None | str):
        signed_at (datetime.datetime | None):
        valid_until (datetime.datetime | None):
        document_id (None | UUID):
    """

    template_type: str
    state: ComplianceState
    current_version: None | str
    signed_version: None | str
    signed_at: datetime.datetime | None
    valid_until: datetime.datetime | None
    document_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        template_type = self.template_type

        state = self.state.value

        current_version: None | str
        current_version = self.current_version

        signed_version: None | str
        signed_version = self.signed_version

        signed_at: None | str
        if isinstance(self.signed_at, datetime.datetime):
            signed_at = self.signed_at.isoformat()
        else:
            signed_at = self.signed_at

        valid_until: None | str
        if isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        document_id: None | str
        if isinstance(self.document_id, UUID):
            document_id = str(self.document_id)
        else:
            document_id = self.document_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "template_type": template_type,
                "state": state,
                "current_version": current_version,
                "signed_version": signed_version,
                "signed_at": signed_at,
                "valid_until": valid_until,
                "document_id": document_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        template_type = d.pop("template_type")

        state = ComplianceState(d.pop("state"))

        def _parse_current_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current_version = _parse_current_version(d.pop("current_version"))

        def _parse_signed_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        signed_version = _parse_signed_version(d.pop("signed_version"))

        def _parse_signed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signed_at_type_0 = datetime.datetime.fromisoformat(data)

                return signed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        signed_at = _parse_signed_at(d.pop("signed_at"))

        def _parse_valid_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        valid_until = _parse_valid_until(d.pop("valid_until"))

        def _parse_document_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                document_id_type_0 = UUID(data)

                return document_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        document_id = _parse_document_id(d.pop("document_id"))

        template_compliance = cls(
            template_type=template_type,
            state=state,
            current_version=current_version,
            signed_version=signed_version,
            signed_at=signed_at,
            valid_until=valid_until,
            document_id=document_id,
        )

        template_compliance.additional_properties = d
        return template_compliance

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
