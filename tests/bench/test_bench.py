"""The pure pieces of the benchmark suite (bench/): reading wrk and pgbench output, medians,
the verdicts and the Markdown. Nothing here runs a benchmark."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bench import calibrate, pg, report, suite, wrk
from bench.report import Row
from bench.wrk import Run

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/api/health/live
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.12ms    2.01ms  40.00ms   90.00%
  33740 requests in 10.00s, 5.18MB read
Requests/sec:   3373.95
RESULT 33740 10000000 40 2 4870 16700
"""


def _run(per_second: float, p99_ms: float = 10.0, errors: float = 0) -> Run:
    return Run(requests=1000, per_second=per_second, p50_ms=1.0, p99_ms=p99_ms, errors=errors)


def test_wrk_result_line_gives_successes_per_second_and_percentiles() -> None:
    run = wrk.parse_result(WRK_OUTPUT)
    assert run.requests == 33740
    # Non-2xx responses are not throughput; socket errors are counted as errors too.
    assert run.per_second == pytest.approx((33740 - 40) / 10)
    assert run.p50_ms == pytest.approx(4.87)
    assert run.p99_ms == pytest.approx(16.7)
    assert run.errors == 42


def test_wrk_output_without_a_result_line_is_refused() -> None:
    with pytest.raises(ValueError, match="no RESULT line"):
        wrk.parse_result("Requests/sec: 3373.95\n")


def test_median_is_taken_figure_by_figure() -> None:
    runs = [_run(100, p99_ms=50), _run(300, p99_ms=10), _run(200, p99_ms=90)]
    m = wrk.median(runs)
    assert (m.per_second, m.p99_ms) == (200, 50)
    assert wrk.median(runs[:2]).per_second == 200  # even count: the mean of the middle two
    with pytest.raises(ValueError, match="no runs"):
        wrk.median([])


def test_people_lua_lists_tokens_and_users_in_the_same_order() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    text = wrk.people_lua([(a, "tok-a"), (b, "tok-b")])
    assert text.index('"tok-a"') < text.index('"tok-b"')
    assert text.index(f'"{a}"') < text.index(f'"{b}"')
    assert text.startswith("return {")


def test_script_ends_with_the_result_line(tmp_path: Path) -> None:
    path = wrk.write_script(str(tmp_path), "read", "-- body\n", [(uuid.uuid4(), "t")])
    text = Path(path).read_text()
    assert text.startswith("DATA_PATH = ")
    assert text.rstrip().endswith("end")
    assert 'io.write(string.format("RESULT' in text


def test_pgbench_latencies_come_from_every_log_file(tmp_path: Path) -> None:
    # pgbench -l: client, transaction, latency (us), script, epoch, us; one file per thread.
    (tmp_path / "pgbench.123").write_text("0 1 2500 0 1700000000 1\n0 2 3500 0 1700000000 2\n")
    (tmp_path / "pgbench.123.1").write_text("1 1 10000 0 1700000000 3\n")
    assert sorted(pg._latencies_ms(str(tmp_path / "pgbench"))) == [2.5, 3.5, 10.0]


def test_load_rows_judge_the_ratio_and_the_p99() -> None:
    rows = report.load_rows(
        "transfers",
        unit="transfers/s",
        brain=_run(400, p99_ms=120),
        baseline=_run(1000, p99_ms=5),
        min_ratio=0.3,
        max_p99_ms=100,
    )
    throughput, latency = rows
    assert (throughput.ratio, throughput.result) == ("0.40", "PASS")
    assert (latency.brain, latency.target, latency.result) == ("120 ms", "< 100 ms", "FAIL")


def test_a_ratio_just_below_its_target_does_not_print_as_met() -> None:
    row = report.load_rows(
        "live", unit="req/s", brain=_run(698), baseline=_run(1000), min_ratio=0.7
    )[0]
    assert (row.ratio, row.result) == ("0.698", "FAIL")


def test_p99_without_a_target_has_no_verdict_and_errors_are_noted() -> None:
    throughput, latency = report.load_rows(
        "read", unit="req/s", brain=_run(900, errors=3), baseline=_run(1000), min_ratio=0.5
    )
    assert throughput.result == "PASS (Brain 3 errors/run)"
    assert (latency.target, latency.result) == ("—", "—")


def test_table_is_markdown_with_pipes_escaped() -> None:
    text = report.table([Row(scenario="a|b", measure="req/s", brain="1/s", passed=True)])
    lines = text.splitlines()
    assert lines[0].startswith("| scenario | measure | Brain |")
    assert lines[1] == "|---|---|---|---|---|---|---|"
    assert lines[2] == "| a\\|b | req/s | 1/s | — | — | — | PASS |"


def test_section_between_the_markers_is_replaced() -> None:
    page = f"# P\n\nintro\n\n{report.DOCS_START}\nold\n{report.DOCS_END}\n\nafter\n"
    new = report.replace_section(page, "new table\n")
    assert new == f"# P\n\nintro\n\n{report.DOCS_START}\nnew table\n{report.DOCS_END}\n\nafter\n"
    assert report.replace_section(new, "new table") == new
    with pytest.raises(ValueError, match="no"):
        report.replace_section("# no markers\n", "x")


def test_the_performance_page_has_the_section_the_suite_replaces() -> None:
    page = suite.DOCS_PAGE.read_text(encoding="utf-8")
    assert report.replace_section(page, "x")


def test_quick_mode_and_only_are_parsed() -> None:
    args = suite.parse_args(["--quick", "--only", "live, cold-start"])
    assert (args.runs, args.duration, args.warmup, args.wallets) == (1, 3.0, 1.0, 100)
    assert args.selected == ["live", "cold-start"]
    full = suite.parse_args([])
    assert (full.runs, full.duration, full.warmup, full.wallets) == (3, 10.0, 5.0, 1000)
    assert full.selected == list(suite.SCENARIOS)


def test_an_unknown_scenario_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        suite.parse_args(["--only", "live,nope"])
    assert "unknown scenario nope" in capsys.readouterr().err


def test_calibration_workload_is_fixed_and_timed() -> None:
    assert calibrate.workload() == calibrate.CHECKSUM

    figure = calibrate.calibrate(repeats=3)

    assert 0 < figure.best_ms <= figure.median_ms
    assert figure.repeats == 3


def test_calibration_is_a_fact_of_every_results_file() -> None:
    figure = calibrate.Calibration(best_ms=251.4, median_ms=263.0, repeats=5)
    facts = ["2 CPUs", figure.fact("before the run")]

    page = report.results_page(title="t", command="c", rows=[], facts=facts, details=[])

    assert "calibration (before the run): fixed pure-Python workload v1 251 ms best" in page
    assert "263 ms median of 5" in page


def test_the_suite_records_calibration_before_and_after_the_run() -> None:
    source = Path(suite.__file__).read_text(encoding="utf-8")

    assert 'fact("before the run")' in source
    assert 'fact("after the run")' in source
