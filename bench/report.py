"""The suite's results as Markdown: the table rows, the dated results file, the docs section.

Pure functions (figures in, text out) so they are tested without running a benchmark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.wrk import Run

DOCS_START = "<!-- bench:latest:start -->"
DOCS_END = "<!-- bench:latest:end -->"

HEADER = ("scenario", "measure", "Brain", "baseline in the same run", "ratio", "target", "result")


@dataclass(frozen=True)
class Row:
    scenario: str
    measure: str
    brain: str
    baseline: str = "—"
    ratio: str = "—"
    target: str = "—"
    passed: bool | None = None  # None: a figure without a target
    note: str = ""

    @property
    def result(self) -> str:
        verdict = "—" if self.passed is None else ("PASS" if self.passed else "FAIL")
        return f"{verdict} ({self.note})" if self.note else verdict


def per_second(value: float, unit: str = "/s") -> str:
    return f"{value:,.0f}{unit}"


def millis(value: float) -> str:
    return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def megabytes(value: float) -> str:
    return f"{value:,.0f} MB"


def _errors_note(brain: Run, baseline: Run | None) -> str:
    parts = []
    if brain.errors:
        parts.append(f"Brain {brain.errors:,.0f} errors/run")
    if baseline is not None and baseline.errors:
        parts.append(f"baseline {baseline.errors:,.0f} errors/run")
    return ", ".join(parts)


def load_rows(
    scenario: str,
    *,
    unit: str,
    brain: Run,
    baseline: Run,
    min_ratio: float,
    max_p99_ms: float | None = None,
) -> list[Row]:
    """Two rows for a load scenario: throughput against the baseline (the ratio target), then
    p99 (a target of its own, or none)."""
    ratio = brain.per_second / baseline.per_second if baseline.per_second else 0.0
    shown = f"{ratio:.2f}"
    if float(shown) >= min_ratio > ratio:  # 0.698 is not "0.70": a FAIL must not look met
        shown = f"{ratio:.3f}"
    throughput = Row(
        scenario=scenario,
        measure=unit,
        brain=per_second(brain.per_second),
        baseline=per_second(baseline.per_second),
        ratio=shown,
        target=f"ratio ≥ {min_ratio:g}",
        passed=ratio >= min_ratio,
        note=_errors_note(brain, baseline),
    )
    latency = Row(
        scenario=scenario,
        measure="p99",
        brain=millis(brain.p99_ms),
        baseline=millis(baseline.p99_ms),
        target="—" if max_p99_ms is None else f"< {max_p99_ms:g} ms",
        passed=None if max_p99_ms is None else brain.p99_ms < max_p99_ms,
    )
    return [throughput, latency]


def table(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        cells = (r.scenario, r.measure, r.brain, r.baseline, r.ratio, r.target, r.result)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def results_page(
    *, title: str, command: str, rows: Sequence[Row], facts: Sequence[str], details: Sequence[str]
) -> str:
    """The dated results file: the table, the machine and settings, every run's figures."""
    parts = [f"# {title}\n", f"Command: `{command}`\n", table(rows), "## Machine and settings\n"]
    parts.append("".join(f"- {fact}\n" for fact in facts))
    if details:
        parts.append("## Every run\n")
        parts.append("```text\n" + "".join(f"{line}\n" for line in details) + "```\n")
    return "\n".join(parts)


def docs_section(*, when: str, results_file: str, rows: Sequence[Row], facts: Sequence[str]) -> str:
    """What goes between the markers of docs/operations/performance.md."""
    machine = "".join(f"- {fact}\n" for fact in facts)
    return f"Measured {when} (`{results_file}`).\n\n{table(rows)}\n{machine}"


def replace_section(page: str, section: str) -> str:
    """`page` with the text between DOCS_START and DOCS_END replaced by `section`."""
    start = page.find(DOCS_START)
    end = page.find(DOCS_END)
    if start < 0 or end < start:
        raise ValueError(f"the page has no {DOCS_START} ... {DOCS_END} section")
    head = page[: start + len(DOCS_START)]
    return f"{head}\n{section.strip()}\n{page[end:]}"
