from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.signing_order import SigningOrder
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_update_variables_type_0 import DocumentUpdateVariablesType0
    from ..models.signer_in import SignerIn


T = TypeVar("T", bound="DocumentUpdate")


@_attrs_define
class DocumentUpdate:
    """Fields to change while the document is a DRAFT; those left out stay as they are.

    Attributes:
        title (None | str | Unset):
        signers (list[SignerIn] | None | Unset):
        signing_order (None | SigningOrder | Unset):
        deadline (datetime.datetime | None | Unset):
        variables (DocumentUpdateVariablesType0 | None | Unset):
    """

    title: None | str | Unset = UNSET
    signers: list[SignerIn] | None | Unset = UNSET
    signing_order: None | SigningOrder | Unset = UNSET
    deadline: datetime.datetime | None | Unset = UNSET
    variables: DocumentUpdateVariablesType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.document_update_variables_type_0 import DocumentUpdateVariablesType0  # noqa: PLC0415

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        signers: list[dict[str, Any]] | None | Unset
        if isinstance(self.signers, Unset):
            signers = UNSET
        elif isinstance(self.signers, list):
            signers = []
            for signers_type_0_item_data in self.signers:
                signers_type_0_item = signers_type_0_item_data.to_dict()
                signers.append(signers_type_0_item)

        else:
            signers = self.signers

        signing_order: None | str | Unset
        if isinstance(self.signing_order, Unset):
            signing_order = UNSET
        elif isinstance(self.signing_order, SigningOrder):
            signing_order = self.signing_order.value
        else:
            signing_order = self.signing_order

        deadline: None | str | Unset
        if isinstance(self.deadline, Unset):
            deadline = UNSET
        elif isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        variables: dict[str, Any] | None | Unset
        if isinstance(self.variables, Unset):
            variables = UNSET
        elif isinstance(self.variables, DocumentUpdateVariablesType0):
            variables = self.variables.to_dict()
        else:
            variables = self.variables

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if signers is not UNSET:
            field_dict["signers"] = signers
        if signing_order is not UNSET:
            field_dict["signing_order"] = signing_order
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_update_variables_type_0 import DocumentUpdateVariablesType0  # noqa: PLC0415
        from ..models.signer_in import SignerIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_signers(data: object) -> list[SignerIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                signers_type_0 = []
                _signers_type_0 = data
                for signers_type_0_item_data in _signers_type_0:
                    signers_type_0_item = SignerIn.from_dict(signers_type_0_item_data)

                    signers_type_0.append(signers_type_0_item)

                return signers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SignerIn] | None | Unset, data)

        signers = _parse_signers(d.pop("signers", UNSET))

        def _parse_signing_order(data: object) -> None | SigningOrder | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signing_order_type_0 = SigningOrder(data)

                return signing_order_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SigningOrder | Unset, data)

        signing_order = _parse_signing_order(d.pop("signing_order", UNSET))

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

        def _parse_variables(data: object) -> DocumentUpdateVariablesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                variables_type_0 = DocumentUpdateVariablesType0.from_dict(data)

                return variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DocumentUpdateVariablesType0 | None | Unset, data)

        variables = _parse_variables(d.pop("variables", UNSET))

        document_update = cls(
            title=title,
            signers=signers,
            signing_order=signing_order,
            deadline=deadline,
            variables=variables,
        )

        return document_update
