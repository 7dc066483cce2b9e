from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transfer_kind import TransferKind

if TYPE_CHECKING:
    from ..models.account_ref import AccountRef


T = TypeVar("T", bound="LegRead")


@_attrs_define
class LegRead:
    """One leg: `amount` moved from `debit` to `credit`, with each account's balance and
    version right after it.

        Attributes:
            id (UUID):
            kind (TransferKind): What a leg is. Chosen by the service function that writes it, never by a client.
            debit (AccountRef): An account: a user's wallet or staking account, or a system account by `code`.
            credit (AccountRef): An account: a user's wallet or staking account, or a system account by `code`.
            amount (str): BUZ, two places.
            debit_balance_after (str): BUZ, two places.
            debit_version (int):
            credit_balance_after (str): BUZ, two places.
            credit_version (int):
            created_at (datetime.datetime):
    """

    id: UUID
    kind: TransferKind
    debit: AccountRef
    credit: AccountRef
    amount: str
    debit_balance_after: str
    debit_version: int
    credit_balance_after: str
    credit_version: int
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        debit = self.debit.to_dict()

        credit = self.credit.to_dict()

        amount = self.amount

        debit_balance_after = self.debit_balance_after

        debit_version = self.debit_version

        credit_balance_after = self.credit_balance_after

        credit_version = self.credit_version

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "debit": debit,
                "credit": credit,
                "amount": amount,
                "debit_balance_after": debit_balance_after,
                "debit_version": debit_version,
                "credit_balance_after": credit_balance_after,
                "credit_version": credit_version,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_ref import AccountRef  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = TransferKind(d.pop("kind"))

        debit = AccountRef.from_dict(d.pop("debit"))

        credit = AccountRef.from_dict(d.pop("credit"))

        amount = d.pop("amount")

        debit_balance_after = d.pop("debit_balance_after")

        debit_version = d.pop("debit_version")

        credit_balance_after = d.pop("credit_balance_after")

        credit_version = d.pop("credit_version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        leg_read = cls(
            id=id,
            kind=kind,
            debit=debit,
            credit=credit,
            amount=amount,
            debit_balance_after=debit_balance_after,
            debit_version=debit_version,
            credit_balance_after=credit_balance_after,
            credit_version=credit_version,
            created_at=created_at,
        )

        leg_read.additional_properties = d
        return leg_read

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
