"""What a domain plugs into the composition root, declared once in its `manifest.py`.

Each domain folder has a `manifest.py` with `MANIFEST = DomainManifest(...)`, and
`brain/installed.py` lists the manifests in the house order. The composition root (`api.py`,
`models.py`, `handlers.py`, `worker.py`, `docgen.py`, `app.py`) reads that one list, so adding a
domain touches its own folder and one line there, never five hand-kept lists.

The core imports no domain, so the fields are typed by what the root does with them (a router
to mount, a module to import, a function to call), not by any domain's classes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import ModuleType

from fastapi import APIRouter

from brain.core.bus import DomainEvent
from brain.core.export import DataExport


@dataclass(frozen=True)
class GeneratedSection:
    """A part of a hand-written documentation page that is generated from the code.

    The page holds the section between `<!-- BEGIN GENERATED: {marker} ... -->` and
    `<!-- END GENERATED: {marker} -->`; `brain docs` rewrites it and `brain docs --check` fails
    when the committed text differs. `render` returns the Markdown between the markers (without
    the blank line that follows the first marker and precedes the second): it is the domain's
    knowledge, the writing and checking is `brain.docgen`'s.
    """

    page: str  # relative to the project root: "docs/services/legal.md"
    marker: str
    render: Callable[[], str]


@dataclass(frozen=True)
class DomainManifest:
    """One domain's declaration: everything the composition root needs from it.

    `register` subscribes the domain's handlers and registers its guards, state-machine
    definitions and checks; like every field it must be idempotent, since the app, the worker,
    the CLI and tests each call it. `register_cron` schedules its periodic jobs (importing the
    module that holds them registers the jobs themselves).
    """

    name: str  # the package under brain/domains/: "state_machines"
    models: ModuleType | None  # its tables, imported so SQLModel's metadata is complete
    router: APIRouter | None = None
    tag: str | None = None  # its OpenAPI tag and /api/health service name: "state-machines"
    description: str = ""  # the tag's description in the OpenAPI schema
    register: Callable[[], None] | None = None
    register_cron: Callable[[], None] | None = None
    # The events about one user that belong in that user's activity feed (`/users/{id}/activity`).
    activity_events: tuple[type[DomainEvent], ...] = ()
    docs: tuple[GeneratedSection, ...] = ()
    # Its part of a user's data export (`GET /users/{id}/export`, brain/core/export.py): what
    # its tables hold about one user, and which tables that covers.
    export: DataExport | None = None
    # A check the app runs once at start, after the database is configured: an exception stops
    # the app with its message (the buz domain refuses a database whose transfer function
    # differs from the one its code expects).
    startup: Callable[[], Awaitable[None]] | None = None

    def __post_init__(self) -> None:
        if (self.router is None) != (self.tag is None):
            raise ValueError(f"domain {self.name!r}: a router and its tag come together")
