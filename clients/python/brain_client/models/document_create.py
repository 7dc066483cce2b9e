from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.signing_order import SigningOrder
from ..models.subject_type import SubjectType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_create_variables import DocumentCreateVariables
    from ..models.signer_in import SignerIn


T = TypeVar("T", bound="DocumentCreate")


@_attrs_define
class DocumentCreate:
    """
    Attributes:
        template_type (str):
        title (str):
        subject_type (SubjectType):
        subject_id (str):
        signers (list[SignerIn]):
        signing_order (SigningOrder | Unset):
        deadline (datetime.datetime | None | Unset):
        variables (DocumentCreateVariables | Unset):
    """

    template_type: str
    title: str
    subject_type: SubjectType
    subject_id: str
    signers: list[SignerIn]
    signing_order: SigningOrder | Unset = UNSET
    deadline: datetime.datetime | None | Unset = UNSET
    variables: DocumentCreateVariables | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        template_type = self.template_type

        title = self.title

        subject_type = self.subject_type.value

        subject_id = self.subject_id

        signers = []
        for signers_item_data in self.signers:
            signers_item = signers_item_data.to_dict()
            signers.append(signers_item)

        signing_order: str | Unset = UNSET
        if not isinstance(self.signing_order, Unset):
            signing_order = self.signing_order.value

        deadline: None | str | Unset
        if isinstance(self.deadline, Unset):
            deadline = UNSET
        elif isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template_type": template_type,
                "title": title,
                "subject_type": subject_type,
                "subject_id": subject_id,
                "signers": signers,
            }
        )
        if signing_order is not UNSET:
            field_dict["signing_order"] = signing_order
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_create_variables import DocumentCreateVariables  # noqa: PLC0415
        from ..models.signer_in import SignerIn  # noqa: PLC0415

        d = dict(src_dict)
        template_type = d.pop("template_type")

        title = d.pop("title")

        subject_type = SubjectType(d.pop("subject_type"))

        subject_id = d.pop("subject_id")

        signers = []
        _signers = d.pop("signers")
        for signers_item_data in _signers:
            signers_item = SignerIn.from_dict(signers_item_data)

            signers.append(signers_item)

        _signing_order = d.pop("signing_order", UNSET)
        signing_order: SigningOrder | Unset
        if isinstance(_signing_order, Unset):
            signing_order = UNSET
        else:
            signing_order = SigningOrder(_signing_order)

        def _parse_deadline(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deadline = _parse_deadline(d.pop("deadline", UNSET))

        _variables = d.pop("variables", UNSET)
        variables: DocumentCreateVariables | Unset
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = DocumentCreateVariables.from_dict(_variables)

        document_create = cls(
            template_type=template_type,
            title=title,
            subject_type=subject_type,
            subject_id=subject_id,
            signers=signers,
            signing_order=signing_order,
            deadline=deadline,
            variables=variables,
        )

        return document_create
