from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_status import DocumentStatus
from ..models.signing_order import SigningOrder

T = TypeVar("T", bound="DocumentStatusRead")


@_attrs_define
class DocumentStatusRead:
    """
    Attributes:
        id (UUID):
        status (DocumentStatus):
        signing_order (SigningOrder):
        signed (list[UUID]):
        pending (list[UUID]):
        next_to_sign (list[UUID]): Who may sign now (sequential: the lowest pending order).
        declined (list[UUID]):
        allowed_events (list[str]):
    """

    id: UUID
    status: DocumentStatus
    signing_order: SigningOrder
    signed: list[UUID]
    pending: list[UUID]
    next_to_sign: list[UUID]
    declined: list[UUID]
    allowed_events: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        status = self.status.value

        signing_order = self.signing_order.value

        signed = []
        for signed_item_data in self.signed:
            signed_item = str(signed_item_data)
            signed.append(signed_item)

        pending = []
        for pending_item_data in self.pending:
            pending_item = str(pending_item_data)
            pending.append(pending_item)

        next_to_sign = []
        for next_to_sign_item_data in self.next_to_sign:
            next_to_sign_item = str(next_to_sign_item_data)
            next_to_sign.append(next_to_sign_item)

        declined = []
        for declined_item_data in self.declined:
            declined_item = str(declined_item_data)
            declined.append(declined_item)

        allowed_events = self.allowed_events

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "signing_order": signing_order,
                "signed": signed,
                "pending": pending,
                "next_to_sign": next_to_sign,
                "declined": declined,
                "allowed_events": allowed_events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        status = DocumentStatus(d.pop("status"))

        signing_order = SigningOrder(d.pop("signing_order"))

        signed = []
        _signed = d.pop("signed")
        for signed_item_data in _signed:
            signed_item = UUID(signed_item_data)

            signed.append(signed_item)

        pending = []
        _pending = d.pop("pending")
        for pending_item_data in _pending:
            pending_item = UUID(pending_item_data)

            pending.append(pending_item)

        next_to_sign = []
        _next_to_sign = d.pop("next_to_sign")
        for next_to_sign_item_data in _next_to_sign:
            next_to_sign_item = UUID(next_to_sign_item_data)

            next_to_sign.append(next_to_sign_item)

        declined = []
        _declined = d.pop("declined")
        for declined_item_data in _declined:
            declined_item = UUID(declined_item_data)

            declined.append(declined_item)

        allowed_events = cast(list[str], d.pop("allowed_events"))

        document_status_read = cls(
            id=id,
            status=status,
            signing_order=signing_order,
            signed=signed,
            pending=pending,
            next_to_sign=next_to_sign,
            declined=declined,
            allowed_events=allowed_events,
        )

        document_status_read.additional_properties = d
        return document_status_read

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
