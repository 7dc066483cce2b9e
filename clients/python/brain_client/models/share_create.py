from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ShareCreate")


@_attrs_define
class ShareCreate:
    """Exactly one of `user_id` and `venture_id`.

    Attributes:
        user_id (None | Unset | UUID):
        venture_id (None | Unset | UUID):
    """

    user_id: None | Unset | UUID = UNSET
    venture_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        elif isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        venture_id: None | str | Unset
        if isinstance(self.venture_id, Unset):
            venture_id = UNSET
        elif isinstance(self.venture_id, UUID):
            venture_id = str(self.venture_id)
        else:
            venture_id = self.venture_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if venture_id is not UNSET:
            field_dict["venture_id"] = venture_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_user_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_venture_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                venture_id_type_0 = UUID(data)

                return venture_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        venture_id = _parse_venture_id(d.pop("venture_id", UNSET))

        share_create = cls(
            user_id=user_id,
            venture_id=venture_id,
        )

        return share_create
