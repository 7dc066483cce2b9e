"""A fixed CPU calibration figure, recorded in every results file.

The suite's headline figures are ratios against a baseline run on the same machine in the same
run, so a slow hour moves both sides. Absolute figures (cold start, RSS, p99) do move with the
machine's speed, and this shared machine has run at half its usual speed for whole hours
(bench/results/2026-11-25-1628.md: TPC-B 1,307 tps against 2,246 the same day). A fixed,
single-threaded pure-Python workload timed before and after the run makes such an hour visible:
compare `calibration` lines between results files before comparing absolute figures.

The workload is deterministic (a SHA-256 chain and integer arithmetic, the kind of work the
Brain's request path does in the interpreter) and its checksum is checked, so a change to it is
noticed: a figure is only comparable to figures of the same `WORKLOAD_VERSION`.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

WORKLOAD_VERSION = 1
ROUNDS = 500_000
CHECKSUM = "17ff24f3"  # of `workload()`; a different value means the workload changed


def workload(rounds: int = ROUNDS) -> str:
    """The fixed work: hashing, dict and integer operations, ~0.2 s on the 2026 machine."""
    digest = b"brain-calibration"
    counts: dict[int, int] = {}
    total = 0
    for i in range(rounds):
        if i % 8 == 0:
            digest = hashlib.sha256(digest).digest()
        key = (i * 2654435761) & 0x3FF
        counts[key] = counts.get(key, 0) + 1
        total = (total + key * digest[i % 32]) % 1_000_003
    return hashlib.sha256(digest + total.to_bytes(8, "big")).hexdigest()[:8]


@dataclass(frozen=True)
class Calibration:
    best_ms: float
    median_ms: float
    repeats: int

    def fact(self, when: str) -> str:
        return (
            f"calibration ({when}): fixed pure-Python workload v{WORKLOAD_VERSION} "
            f"{self.best_ms:,.0f} ms best, {self.median_ms:,.0f} ms median of {self.repeats} "
            "(lower is faster; compare between results files before comparing absolute figures)"
        )


def calibrate(repeats: int = 5) -> Calibration:
    """Time the workload `repeats` times; best and median in milliseconds."""
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = workload()
        times.append((time.perf_counter() - started) * 1000)
        if result != CHECKSUM:
            raise RuntimeError(
                f"calibration workload checksum {result} != {CHECKSUM}: the workload changed; "
                "bump WORKLOAD_VERSION and the checksum together"
            )
    times.sort()
    return Calibration(best_ms=times[0], median_ms=times[len(times) // 2], repeats=repeats)
