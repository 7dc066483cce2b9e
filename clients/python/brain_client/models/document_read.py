from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_status import DocumentStatus
from ..models.signing_order import SigningOrder

if TYPE_CHECKING:
    from ..models.document_read_variables import DocumentReadVariables
    from ..models.signer_read import SignerRead


T = TypeVar("T", bound="DocumentRead")


@_attrs_define
class DocumentRead:
    """
    Attributes:
        id (UUID):
        template_type (str):
        template_version (str):
        template_version_id (UUID):
        title (str):
        subject_type (str):
        subject_id (str):
        sender_id (UUID):
        signing_order (SigningOrder):
        personal (bool):
        status (DocumentStatus):
        variables (DocumentReadVariables):
        content (str): The merged content: frozen from the moment it is sent.
        content_sha256 (None | str): SHA-256 of the canonical content, once sent.
        deadline (datetime.datetime | None):
        sent_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        end_reason (None | str):
        signers (list[SignerRead]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    template_type: str
    template_version: str
    template_version_id: UUID
    title: str
    subject_type: str
    subject_id: str
    sender_id: UUID
    signing_order: SigningOrder
    personal: bool
    status: DocumentStatus
    variables: DocumentReadVariables
    content: str
    content_sha256: None | str
    deadline: datetime.datetime | None
    sent_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    end_reason: None | str
    signers: list[SignerRead]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        template_type = self.template_type

        template_version = self.template_version

        template_version_id = str(self.template_version_id)

        title = self.title

        subject_type = self.subject_type

        subject_id = self.subject_id

        sender_id = str(self.sender_id)

        signing_order = self.signing_order.value

        personal = self.personal

        status = self.status.value

        variables = self.variables.to_dict()

        content = self.content

        content_sha256: None | str
        content_sha256 = self.content_sha256

        deadline: None | str
        if isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        end_reason: None | str
        end_reason = self.end_reason

        signers = []
        for signers_item_data in self.signers:
            signers_item = signers_item_data.to_dict()
            signers.append(signers_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "template_type": template_type,
                "template_version": template_version,
                "template_version_id": template_version_id,
                "title": title,
                "subject_type": subject_type,
                "subject_id": subject_id,
                "sender_id": sender_id,
                "signing_order": signing_order,
                "personal": personal,
                "status": status,
                "variables": variables,
                "content": content,
                "content_sha256": content_sha256,
                "deadline": deadline,
                "sent_at": sent_at,
                "completed_at": completed_at,
                "end_reason": end_reason,
                "signers": signers,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_read_variables import DocumentReadVariables  # noqa: PLC0415
        from ..models.signer_read import SignerRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        template_type = d.pop("template_type")

        template_version = d.pop("template_version")

        template_version_id = UUID(d.pop("template_version_id"))

        title = d.pop("title")

        subject_type = d.pop("subject_type")

        subject_id = d.pop("subject_id")

        sender_id = UUID(d.pop("sender_id"))

        signing_order = SigningOrder(d.pop("signing_order"))

        personal = d.pop("personal")

        status = DocumentStatus(d.pop("status"))

        variables = DocumentReadVariables.from_dict(d.pop("variables"))

        content = d.pop("content")

        def _parse_content_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_sha256 = _parse_content_sha256(d.pop("content_sha256"))

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

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_end_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        end_reason = _parse_end_reason(d.pop("end_reason"))

        signers = []
        _signers = d.pop("signers")
        for signers_item_data in _signers:
            signers_item = SignerRead.from_dict(signers_item_data)

            signers.append(signers_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        document_read = cls(
            id=id,
            template_type=template_type,
            template_version=template_version,
            template_version_id=template_version_id,
            title=title,
            subject_type=subject_type,
            subject_id=subject_id,
            sender_id=sender_id,
            signing_order=signing_order,
            personal=personal,
            status=status,
            variables=variables,
            content=content,
            content_sha256=content_sha256,
            deadline=deadline,
            sent_at=sent_at,
            completed_at=completed_at,
            end_reason=end_reason,
            signers=signers,
            created_at=created_at,
            updated_at=updated_at,
        )

        document_read.additional_properties = d
        return document_read

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
