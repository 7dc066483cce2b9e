from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.kind import Kind
from ..models.referral_type import ReferralType
from ..types import UNSET, Unset

T = TypeVar("T", bound="RelationshipCreate")


@_attrs_define
class RelationshipCreate:
    """
    Attributes:
        kind (Kind):
        user_id (UUID): The other party.
        note (None | str | Unset):
        referral_type (None | ReferralType | Unset): REFERRAL only; PRIVATE_UMBRELLA by default.
    """

    kind: Kind
    user_id: UUID
    note: None | str | Unset = UNSET
    referral_type: None | ReferralType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        user_id = str(self.user_id)

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        referral_type: None | str | Unset
        if isinstance(self.referral_type, Unset):
            referral_type = UNSET
        elif isinstance(self.referral_type, ReferralType):
            referral_type = self.referral_type.value
        else:
            referral_type = self.referral_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "user_id": user_id,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if referral_type is not UNSET:
            field_dict["referral_type"] = referral_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = Kind(d.pop("kind"))

        user_id = UUID(d.pop("user_id"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_referral_type(data: object) -> None | ReferralType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                referral_type_type_0 = ReferralType(data)

                return referral_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReferralType | Unset, data)

        referral_type = _parse_referral_type(d.pop("referral_type", UNSET))

        relationship_create = cls(
            kind=kind,
            user_id=user_id,
            note=note,
            referral_type=referral_type,
        )

        return relationship_create
