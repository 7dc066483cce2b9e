from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transfer_kind import TransferKind

if TYPE_CHECKING:
    from ..models.account_ref import AccountRef
    from ..models.leg_read import LegRead


T = TypeVar("T", bound="TransferRead")


@_attrs_define
class TransferRead:
    """A transfer: its main leg's facts plus every linked leg (the fee, a reward).

    Attributes:
        id (UUID): The group id (the id of the first leg).
        kind (TransferKind): What a leg is. Chosen by the service function that writes it, never by a client.
        from_account (AccountRef): An account: a user's wallet or staking account, or a system account by `code`.
        to_account (AccountRef): An account: a user's wallet or staking account, or a system account by `code`.
        amount (str): BUZ, two places.
        fee (str): Paid by the sender into the fees account, on top.
        memo (None | str):
        reference (None | str):
        created_at (datetime.datetime):
        legs (list[LegRead]):
    """

    id: UUID
    kind: TransferKind
    from_account: AccountRef
    to_account: AccountRef
    amount: str
    fee: str
    memo: None | str
    reference: None | str
    created_at: datetime.datetime
    legs: list[LegRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        from_account = self.from_account.to_dict()

        to_account = self.to_account.to_dict()

        amount = self.amount

        fee = self.fee

        memo: None | str
        memo = self.memo

        reference: None | str
        reference = self.reference

        created_at = self.created_at.isoformat()

        legs = []
        for legs_item_data in self.legs:
            legs_item = legs_item_data.to_dict()
            legs.append(legs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "from_account": from_account,
                "to_account": to_account,
                "amount": amount,
                "fee": fee,
                "memo": memo,
                "reference": reference,
                "created_at": created_at,
                "legs": legs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_ref import AccountRef  # noqa: PLC0415
        from ..models.leg_read import LegRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = TransferKind(d.pop("kind"))

        from_account = AccountRef.from_dict(d.pop("from_account"))

        to_account = AccountRef.from_dict(d.pop("to_account"))

        amount = d.pop("amount")

        fee = d.pop("fee")

        def _parse_memo(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        memo = _parse_memo(d.pop("memo"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        legs = []
        _legs = d.pop("legs")
        for legs_item_data in _legs:
            legs_item = LegRead.from_dict(legs_item_data)

            legs.append(legs_item)

        transfer_read = cls(
            id=id,
            kind=kind,
            from_account=from_account,
            to_account=to_account,
            amount=amount,
            fee=fee,
            memo=memo,
            reference=reference,
            created_at=created_at,
            legs=legs,
        )

        transfer_read.additional_properties = d
        return transfer_read

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
