from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError


T = TypeVar("T", bound="ProblemDetails")


@_attrs_define
class ProblemDetails:
    """RFC 9457 problem details, the body of every error response.

    Attributes:
        type_ (str): A URI naming the kind of problem.
        title (str):
        status (int):
        detail (str):
        code (str): Stable upper-snake error code, e.g. `INSUFFICIENT_FUNDS`.
        request_id (None | str | Unset): Quote it when reporting.
        errors (list[FieldError] | None | Unset): For validation failures: one entry per bad field.
        missing (list[str] | None | Unset): `COMPLIANCE_REQUIRED`: the document types still to sign (template types).
        action (None | str | Unset): `COMPLIANCE_REQUIRED`: the action that needs them, e.g. `buz.transfer`.
        state (None | str | Unset): `INVALID_TRANSITION`: the instance's current state.
        allowed_events (list[str] | None | Unset): `INVALID_TRANSITION`: the events allowed in that state.
        guard (None | str | Unset): `GUARD_REJECTED`: the guard that refused the transition.
        status_now (None | str | Unset): `DOCUMENT_NOT_SIGNABLE`: the document's status.
        document_id (None | str | Unset): `ALREADY_SIGNED`: the document holding your signature.
        venture_id (None | str | Unset): `IDEMPOTENCY_CONFLICT`: the venture the key created.
        your_role (None | str | Unset): Ventures' `INSUFFICIENT_PERMISSIONS`: your team role.
        current_version (int | None | Unset): `CONCURRENT_TRANSITION`: the instance's version now.
    """

    type_: str
    title: str
    status: int
    detail: str
    code: str
    request_id: None | str | Unset = UNSET
    errors: list[FieldError] | None | Unset = UNSET
    missing: list[str] | None | Unset = UNSET
    action: None | str | Unset = UNSET
    state: None | str | Unset = UNSET
    allowed_events: list[str] | None | Unset = UNSET
    guard: None | str | Unset = UNSET
    status_now: None | str | Unset = UNSET
    document_id: None | str | Unset = UNSET
    venture_id: None | str | Unset = UNSET
    your_role: None | str | Unset = UNSET
    current_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        code = self.code

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)

        else:
            errors = self.errors

        missing: list[str] | None | Unset
        if isinstance(self.missing, Unset):
            missing = UNSET
        elif isinstance(self.missing, list):
            missing = self.missing

        else:
            missing = self.missing

        action: None | str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        else:
            action = self.action

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        allowed_events: list[str] | None | Unset
        if isinstance(self.allowed_events, Unset):
            allowed_events = UNSET
        elif isinstance(self.allowed_events, list):
            allowed_events = self.allowed_events

        else:
            allowed_events = self.allowed_events

        guard: None | str | Unset
        if isinstance(self.guard, Unset):
            guard = UNSET
        else:
            guard = self.guard

        status_now: None | str | Unset
        if isinstance(self.status_now, Unset):
            status_now = UNSET
        else:
            status_now = self.status_now

        document_id: None | str | Unset
        if isinstance(self.document_id, Unset):
            document_id = UNSET
        else:
            document_id = self.document_id

        venture_id: None | str | Unset
        if isinstance(self.venture_id, Unset):
            venture_id = UNSET
        else:
            venture_id = self.venture_id

        your_role: None | str | Unset
        if isinstance(self.your_role, Unset):
            your_role = UNSET
        else:
            your_role = self.your_role

        current_version: int | None | Unset
        if isinstance(self.current_version, Unset):
            current_version = UNSET
        else:
            current_version = self.current_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "title": title,
                "status": status,
                "detail": detail,
                "code": code,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if errors is not UNSET:
            field_dict["errors"] = errors
        if missing is not UNSET:
            field_dict["missing"] = missing
        if action is not UNSET:
            field_dict["action"] = action
        if state is not UNSET:
            field_dict["state"] = state
        if allowed_events is not UNSET:
            field_dict["allowed_events"] = allowed_events
        if guard is not UNSET:
            field_dict["guard"] = guard
        if status_now is not UNSET:
            field_dict["status_now"] = status_now
        if document_id is not UNSET:
            field_dict["document_id"] = document_id
        if venture_id is not UNSET:
            field_dict["venture_id"] = venture_id
        if your_role is not UNSET:
            field_dict["your_role"] = your_role
        if current_version is not UNSET:
            field_dict["current_version"] = current_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error import FieldError  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail")

        code = d.pop("code")

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        def _parse_errors(data: object) -> list[FieldError] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in _errors_type_0:
                    errors_type_0_item = FieldError.from_dict(errors_type_0_item_data)

                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldError] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        def _parse_missing(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                missing_type_0 = cast(list[str], data)

                return missing_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        missing = _parse_missing(d.pop("missing", UNSET))

        def _parse_action(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        action = _parse_action(d.pop("action", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_allowed_events(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_events_type_0 = cast(list[str], data)

                return allowed_events_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_events = _parse_allowed_events(d.pop("allowed_events", UNSET))

        def _parse_guard(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        guard = _parse_guard(d.pop("guard", UNSET))

        def _parse_status_now(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_now = _parse_status_now(d.pop("status_now", UNSET))

        def _parse_document_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        document_id = _parse_document_id(d.pop("document_id", UNSET))

        def _parse_venture_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        venture_id = _parse_venture_id(d.pop("venture_id", UNSET))

        def _parse_your_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        your_role = _parse_your_role(d.pop("your_role", UNSET))

        def _parse_current_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        current_version = _parse_current_version(d.pop("current_version", UNSET))

        problem_details = cls(
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            code=code,
            request_id=request_id,
            errors=errors,
            missing=missing,
            action=action,
            state=state,
            allowed_events=allowed_events,
            guard=guard,
            status_now=status_now,
            document_id=document_id,
            venture_id=venture_id,
            your_role=your_role,
            current_version=current_version,
        )

        problem_details.additional_properties = d
        return problem_details

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
