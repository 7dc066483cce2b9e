from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EmailChangeRequest")


@_attrs_define
class EmailChangeRequest:
    """
    Attributes:
        new_email (str): The address to move the account to.
        current_password (str): Your password: changing the sign-in address needs a fresh proof that you are you, not
            only a valid access token.
    """

    new_email: str
    current_password: str

    def to_dict(self) -> dict[str, Any]:
        new_email = self.new_email

        current_password = self.current_password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "new_email": new_email,
                "current_password": current_password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new_email = d.pop("new_email")

        current_password = d.pop("current_password")

        email_change_request = cls(
            new_email=new_email,
            current_password=current_password,
        )

        return email_change_request
