from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kind import Kind
from ..models.referral_type import ReferralType
from ..models.state import State

T = TypeVar("T", bound="RelationshipRead")


@_attrs_define
class RelationshipRead:
    """
    Attributes:
        id (UUID):
        kind (Kind):
        state (State):
        referrer_id (None | UUID): REFERRAL: the referrer; else null.
        referred_id (None | UUID): REFERRAL: the referred user; else null.
        requester_id (UUID): Who asked (the referrer for a referral).
        addressee_id (UUID): Who was asked (the referred user).
        referral_type (None | ReferralType):
        via (str): `code` (at registration), `invitation` or `request`.
        note (None | str):
        expires_at (datetime.datetime | None): PENDING_AGREEMENT: when it expires unless both parties have signed.
        ended_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    kind: Kind
    state: State
    referrer_id: None | UUID
    referred_id: None | UUID
    requester_id: UUID
    addressee_id: UUID
    referral_type: None | ReferralType
    via: str
    note: None | str
    expires_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        state = self.state.value

        referrer_id: None | str
        if isinstance(self.referrer_id, UUID):
            referrer_id = str(self.referrer_id)
        else:
            referrer_id = self.referrer_id

        referred_id: None | str
        if isinstance(self.referred_id, UUID):
            referred_id = str(self.referred_id)
        else:
            referred_id = self.referred_id

        requester_id = str(self.requester_id)

        addressee_id = str(self.addressee_id)

        referral_type: None | str
        if isinstance(self.referral_type, ReferralType):
            referral_type = self.referral_type.value
        else:
            referral_type = self.referral_type

        via = self.via

        note: None | str
        note = self.note

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "state": state,
                "referrer_id": referrer_id,
                "referred_id": referred_id,
                "requester_id": requester_id,
                "addressee_id": addressee_id,
                "referral_type": referral_type,
                "via": via,
                "note": note,
                "expires_at": expires_at,
                "ended_at": ended_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = Kind(d.pop("kind"))

        state = State(d.pop("state"))

        def _parse_referrer_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                referrer_id_type_0 = UUID(data)

                return referrer_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        referrer_id = _parse_referrer_id(d.pop("referrer_id"))

        def _parse_referred_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                referred_id_type_0 = UUID(data)

                return referred_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        referred_id = _parse_referred_id(d.pop("referred_id"))

        requester_id = UUID(d.pop("requester_id"))

        addressee_id = UUID(d.pop("addressee_id"))

        def _parse_referral_type(data: object) -> None | ReferralType:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                referral_type_type_0 = ReferralType(data)

                return referral_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReferralType, data)

        referral_type = _parse_referral_type(d.pop("referral_type"))

        via = d.pop("via")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        relationship_read = cls(
            id=id,
            kind=kind,
            state=state,
            referrer_id=referrer_id,
            referred_id=referred_id,
            requester_id=requester_id,
            addressee_id=addressee_id,
            referral_type=referral_type,
            via=via,
            note=note,
            expires_at=expires_at,
            ended_at=ended_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        relationship_read.additional_properties = d
        return relationship_read

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
