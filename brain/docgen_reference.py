"""Generated reference pages that span every domain: the event catalogue, the data dictionary,
the permission-by-role table and the metrics list.

Each is read from the code the process runs, never from a list kept by hand: the events from
every domain's `events.py` and the bus's subscriptions, the tables from SQLModel's metadata
(the same metadata Alembic compares the migrations with), the permissions from
`auth/permissions.py`'s table, the metrics from the Prometheus registry. `brain docs` writes
them and `brain docs --check` fails when they are stale (brain/docgen.py).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import types
from collections.abc import Iterable
from typing import Any, Union, get_args, get_origin

import sqlalchemy as sa
from prometheus_client.metrics import MetricWrapperBase

from brain.core.bus import DomainEvent, subscriptions
from brain.core.internals import metric_label_names

# Fields every event carries (brain/core/bus.py, DomainEvent), listed once above the catalogue.
BASE_EVENT_FIELDS = ("event_id", "occurred_at", "actor_id")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _first_paragraph(doc: str | None) -> str:
    if not doc:
        return ""
    return _cell(doc.strip().split("\n\n", 1)[0])


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        inner = " | ".join(_type_name(a) for a in args)
        return f"{inner} or null" if len(args) < len(get_args(annotation)) else inner
    if origin is not None:
        params = ", ".join(_type_name(a) for a in get_args(annotation))
        return f"{getattr(origin, '__name__', str(origin))}[{params}]"
    if isinstance(annotation, type):
        return {"UUID": "uuid", "datetime": "datetime"}.get(
            annotation.__name__, annotation.__name__
        )
    return str(annotation)


def _domain_of(module: str) -> str:
    match = re.match(r"brain\.domains\.([a-z_]+)\.", module)
    return match.group(1) if match else module.split(".")[1]


def _import_all_events() -> None:
    """Import every domain's events.py, installed or not, so the catalogue is complete."""
    import brain.domains

    for info in pkgutil.iter_modules(brain.domains.__path__):
        if info.ispkg:
            try:
                importlib.import_module(f"brain.domains.{info.name}.events")
            except ModuleNotFoundError:
                continue


def _event_types() -> list[type[DomainEvent]]:
    _import_all_events()
    from brain import handlers

    handlers.register()
    # Only the domains' contracts: tests define events of their own on the same base class.
    published = [
        e
        for e in DomainEvent._types.values()
        if e.__module__.startswith("brain.domains.") and e.__module__.endswith(".events")
    ]
    return sorted(published, key=lambda e: e.name)


def _subscriber(key: str, mode: str) -> str:
    module, _, qualname = key.partition(":")
    if qualname.startswith("record_activity["):
        return "users (activity feed)"
    return f"{_domain_of(module + '.')} `{qualname.split('.<locals>')[0]}` ({mode})"


def render_events() -> str:
    lines = [
        _banner("every domain's `events.py` and the bus subscriptions"),
        "",
        "# Event catalogue",
        "",
        "Every event a domain publishes through the bus (`brain/core/bus.py`), who publishes it "
        "and who listens. Besides the fields listed, every event carries `event_id` (unique; "
        "what makes a redelivery a no-op), `occurred_at` (UTC) and `actor_id` (the user who "
        "caused it, or null for the system). Amounts are BUZ minor units (1 BUZ = 100).",
        "",
        "A subscriber marked *inline* runs right after the publisher's commit in a fresh "
        "transaction; *job* runs on the job runner with retries ([Architecture]"
        "(../architecture.md#the-event-bus-and-the-outbox)).",
        "",
        "| Event | Publisher | Fields | Subscribers |",
        "|---|---|---|---|",
    ]
    for event in _event_types():
        fields = [
            f"`{name}`: {_type_name(info.annotation)}"
            for name, info in event.model_fields.items()
            if name not in BASE_EVENT_FIELDS
        ]
        subs = sorted(_subscriber(s.key, s.mode) for s in subscriptions(event.name))
        lines.append(
            f"| `{event.name}` | {_domain_of(event.__module__)} | "
            f"{'<br>'.join(fields) or '(none)'} | {'<br>'.join(subs) or '(none yet)'} |"
        )
    lines += ["", "## What each event means", ""]
    for event in _event_types():
        doc = _first_paragraph(event.__doc__) if event.__doc__ != DomainEvent.__doc__ else ""
        if doc and event.__doc__ not in {b.__doc__ for b in event.__mro__[1:]}:
            lines.append(f"- `{event.name}`: {doc}")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- the data dictionary -----------------------------------------------------------------------


def _owners() -> dict[str, tuple[str, str]]:
    """table name -> (domain, the model's docstring's first paragraph)."""
    from brain.core import models as core_models
    from brain.installed import DOMAINS

    owners: dict[str, tuple[str, str]] = {}
    modules = [("core", core_models)]
    modules += [(d.name, d.models) for d in DOMAINS if d.models is not None]
    for name, module in modules:
        for value in vars(module).values():
            table = getattr(value, "__table__", None)
            if isinstance(value, type) and isinstance(table, sa.Table):
                if value.__module__ == module.__name__:
                    owners[table.name] = (name, _first_paragraph(value.__doc__))
    return owners


def _column_type(column: sa.Column[Any]) -> str:
    kind = column.type
    name = type(kind).__name__.replace("AutoString", "String")
    if name == "UTCDateTime":
        return "timestamp (UTC)"
    length = getattr(kind, "length", None)
    if isinstance(kind, sa.Enum):
        return "enum"
    return f"{name.lower()}({length})" if length else name.lower()


def _column_notes(table: sa.Table, column: sa.Column[Any]) -> str:
    notes: list[str] = []
    if column.primary_key:
        notes.append("primary key")
    for fk in sorted(column.foreign_keys, key=lambda f: f.target_fullname):
        notes.append(f"→ `{fk.target_fullname}`")
    unique = any(
        isinstance(c, sa.UniqueConstraint) and [x.name for x in c.columns] == [column.name]
        for c in table.constraints
    ) or any(i.unique and [x.name for x in i.columns] == [column.name] for i in table.indexes)
    if unique or column.unique:
        notes.append("unique")
    if column.comment:
        notes.append(_cell(column.comment))
    return ", ".join(notes)


def _table_rules(table: sa.Table) -> Iterable[str]:
    for index in sorted(table.indexes, key=lambda i: str(i.name)):
        cols = ", ".join(f"`{c.name}`" for c in index.columns) or "(expression)"
        kind = "unique index" if index.unique else "index"
        yield f"{kind} `{index.name}` on {cols}"
    constraints = [c for c in table.constraints if not isinstance(c, sa.PrimaryKeyConstraint)]
    for constraint in sorted(constraints, key=lambda c: str(c.name)):
        if isinstance(constraint, sa.UniqueConstraint) and len(constraint.columns) > 1:
            cols = ", ".join(f"`{c.name}`" for c in constraint.columns)
            yield f"unique `{constraint.name}` on {cols}"
        elif isinstance(constraint, sa.CheckConstraint):
            yield f"check `{constraint.name}`: `{_cell(str(constraint.sqltext))}`"


def render_data_dictionary() -> str:
    from sqlmodel import SQLModel

    import brain.models  # noqa: F401  (every domain's tables in the metadata)

    owners = _owners()
    tables = sorted(
        SQLModel.metadata.sorted_tables, key=lambda t: (owners.get(t.name, ("~", ""))[0], t.name)
    )
    lines = [
        _banner("the SQLModel metadata (every domain's `models.py`)"),
        "",
        "# Data dictionary",
        "",
        "Every table of the one schema, grouped by the domain that owns it: only that domain "
        "writes it (house style). Types are the portable SQLAlchemy types; on Postgres "
        "`uuid` is `uuid`, `json` is `json`, `timestamp (UTC)` is `timestamptz`; on SQLite "
        "they are stored as text and normalised by the column types in `brain/core/models.py`. "
        "How the schema changes: [Database](../database.md).",
        "",
        "| Domain | Tables |",
        "|---|---|",
    ]
    by_domain: dict[str, list[str]] = {}
    for table in tables:
        by_domain.setdefault(owners.get(table.name, ("(unowned)", ""))[0], []).append(table.name)
    for domain, names in by_domain.items():
        links = ", ".join(f"[`{n}`](#{n.replace('_', '-')})" for n in names)
        lines.append(f"| {domain} | {links} |")
    lines.append("")
    for table in tables:
        domain, doc = owners.get(table.name, ("(unowned)", ""))
        lines += [f"## `{table.name}` {{#{table.name.replace('_', '-')}}}", ""]
        lines += [f"Owned by **{domain}**." + (f" {doc}" if doc else ""), ""]
        lines += ["| Column | Type | Null | Notes |", "|---|---|---|---|"]
        for column in table.columns:
            null = "yes" if column.nullable else "no"
            lines.append(
                f"| `{column.name}` | {_column_type(column)} | {null} | "
                f"{_column_notes(table, column)} |"
            )
        rules = list(_table_rules(table))
        if rules:
            lines += ["", *[f"- {rule}" for rule in rules]]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- the permission x role table ---------------------------------------------------------------


def render_permissions() -> str:
    from brain.domains.auth.permissions import ALL_PERMISSIONS, ROLE_PERMISSIONS
    from brain.domains.users.schemas import Role

    roles = list(Role)
    header = "| Permission | " + " | ".join(f"{r.level}" for r in roles) + " |"
    lines = [
        "Columns are the roles by level: "
        + ", ".join(f"{r.level} {r.value}" for r in roles)
        + ". ✓: the role holds the permission.",
        "",
        header,
        "|---|" + "---|" * len(roles),
    ]
    for permission in sorted(ALL_PERMISSIONS):
        marks = " | ".join("✓" if permission in ROLE_PERMISSIONS[r] else "" for r in roles)
        lines.append(f"| `{permission}` | {marks} |")
    return "\n".join(lines)


# -- the metrics list --------------------------------------------------------------------------


def _metric_objects() -> list[MetricWrapperBase]:
    """Every metric defined in `brain/core/metrics.py` and the domains' `metrics.py`."""
    import brain.domains
    from brain.core import metrics

    modules = [metrics]
    for info in pkgutil.iter_modules(brain.domains.__path__):
        try:
            modules.append(importlib.import_module(f"brain.domains.{info.name}.metrics"))
        except ModuleNotFoundError:
            continue
    found = {
        id(value): value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, MetricWrapperBase)
    }
    return sorted(found.values(), key=lambda m: next(iter(m.describe())).name)


def render_metrics() -> str:
    lines = ["| Metric | Type | Labels | What it measures |", "|---|---|---|---|"]
    for metric in _metric_objects():
        for family in metric.describe():
            name = f"{family.name}_total" if family.type == "counter" else family.name
            labels = ", ".join(f"`{label}`" for label in metric_label_names(metric))
            lines.append(f"| `{name}` | {family.type} | {labels} | {_cell(family.documentation)} |")
    return "\n".join(lines)


def _banner(source: str) -> str:
    from brain.docgen import _banner as banner

    return banner(source)
