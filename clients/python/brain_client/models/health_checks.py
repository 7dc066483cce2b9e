from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_checks_database import HealthChecksDatabase
from ..models.health_checks_redis import HealthChecksRedis

T = TypeVar("T", bound="HealthChecks")


@_attrs_define
class HealthChecks:
    """
    Attributes:
        database (HealthChecksDatabase):
        redis (HealthChecksRedis):
        outbox_backlog (int | None): Committed events not yet delivered (older than the sweep grace period); null when
            the database is down.
    """

    database: HealthChecksDatabase
    redis: HealthChecksRedis
    outbox_backlog: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        database = self.database.value

        redis = self.redis.value

        outbox_backlog: int | None
        outbox_backlog = self.outbox_backlog

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "database": database,
                "redis": redis,
                "outbox_backlog": outbox_backlog,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = HealthChecksDatabase(d.pop("database"))

        redis = HealthChecksRedis(d.pop("redis"))

        def _parse_outbox_backlog(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        outbox_backlog = _parse_outbox_backlog(d.pop("outbox_backlog"))

        health_checks = cls(
            database=database,
            redis=redis,
            outbox_backlog=outbox_backlog,
        )

        health_checks.additional_properties = d
        return health_checks

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
