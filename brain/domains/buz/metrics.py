"""Prometheus metrics of the ledger check (served by `/metrics` with the core's)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

LEDGER_VIOLATIONS = Gauge(
    "brain_buz_ledger_violations",
    "Invariant violations found by the last ledger check (0 is healthy).",
    multiprocess_mode="max",
)
LEDGER_CHECKS_FAILED = Counter(
    "brain_buz_ledger_checks_failed_total",
    "Ledger checks that found at least one violation.",
)
