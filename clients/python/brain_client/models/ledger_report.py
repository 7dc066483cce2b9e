from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LedgerReport")


@_attrs_define
class LedgerReport:
    """
    Attributes:
        ok (bool):
        checked_at (datetime.datetime):
        accounts (int):
        transfers (int):
        minted (str): BUZ, two places.
        burned (str): BUZ, two places.
        violations (list[str]):
    """

    ok: bool
    checked_at: datetime.datetime
    accounts: int
    transfers: int
    minted: str
    burned: str
    violations: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        checked_at = self.checked_at.isoformat()

        accounts = self.accounts

        transfers = self.transfers

        minted = self.minted

        burned = self.burned

        violations = self.violations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
                "checked_at": checked_at,
                "accounts": accounts,
                "transfers": transfers,
                "minted": minted,
                "burned": burned,
                "violations": violations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ok = d.pop("ok")

        checked_at = datetime.datetime.fromisoformat(d.pop("checked_at"))

        accounts = d.pop("accounts")

        transfers = d.pop("transfers")

        minted = d.pop("minted")

        burned = d.pop("burned")

        violations = cast(list[str], d.pop("violations"))

        ledger_report = cls(
            ok=ok,
            checked_at=checked_at,
            accounts=accounts,
            transfers=transfers,
            minted=minted,
            burned=burned,
            violations=violations,
        )

        ledger_report.additional_properties = d
        return ledger_report

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
