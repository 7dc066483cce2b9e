"""The analytics domain's wiring at startup. It subscribes to no event on purpose: server
events reach the store by the `analytics.ingest` job reading the outbox in batches
(`store.py`), so publishing costs the other domains nothing extra. `register()` only imports
the modules whose jobs must be known to every process (the report builder)."""

from __future__ import annotations

from brain.domains.analytics import jobs, reports


def register() -> None:
    # Importing registers the jobs (`jobs.job` decorators); nothing else to wire.
    _ = (jobs.INGEST, reports.BUILD_REPORT)
