from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transaction_read_account import TransactionReadAccount
from ..models.transaction_read_direction import TransactionReadDirection
from ..models.transfer_kind import TransferKind

if TYPE_CHECKING:
    from ..models.account_ref import AccountRef


T = TypeVar("T", bound="TransactionRead")


@_attrs_define
class TransactionRead:
    """One leg of a user's history, seen from that user's account.

    Attributes:
        id (UUID):
        transfer_id (UUID): The group it belongs to.
        kind (TransferKind): What a leg is. Chosen by the service function that writes it, never by a client.
        direction (TransactionReadDirection):
        account (TransactionReadAccount):
        amount (str): BUZ, two places.
        balance_after (str): BUZ, two places.
        counterparty (AccountRef): An account: a user's wallet or staking account, or a system account by `code`.
        memo (None | str):
        created_at (datetime.datetime):
    """

    id: UUID
    transfer_id: UUID
    kind: TransferKind
    direction: TransactionReadDirection
    account: TransactionReadAccount
    amount: str
    balance_after: str
    counterparty: AccountRef
    memo: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        transfer_id = str(self.transfer_id)

        kind = self.kind.value

        direction = self.direction.value

        account = self.account.value

        amount = self.amount

        balance_after = self.balance_after

        counterparty = self.counterparty.to_dict()

        memo: None | str
        memo = self.memo

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "transfer_id": transfer_id,
                "kind": kind,
                "direction": direction,
                "account": account,
                "amount": amount,
                "balance_after": balance_after,
                "counterparty": counterparty,
                "memo": memo,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_ref import AccountRef  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        transfer_id = UUID(d.pop("transfer_id"))

        kind = TransferKind(d.pop("kind"))

        direction = TransactionReadDirection(d.pop("direction"))

        account = TransactionReadAccount(d.pop("account"))

        amount = d.pop("amount")

        balance_after = d.pop("balance_after")

        counterparty = AccountRef.from_dict(d.pop("counterparty"))

        def _parse_memo(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        memo = _parse_memo(d.pop("memo"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        transaction_read = cls(
            id=id,
            transfer_id=transfer_id,
            kind=kind,
            direction=direction,
            account=account,
            amount=amount,
            balance_after=balance_after,
            counterparty=counterparty,
            memo=memo,
            created_at=created_at,
        )

        transaction_read.additional_properties = d
        return transaction_read

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
