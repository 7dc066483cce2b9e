"""The benchmark suite: the Brain against bare baselines, same machine, same run.

    make bench                       # python -m bench: every scenario, ~8 minutes
    python -m bench --quick          # a smoke run: 1 short run each, 100 wallets
    python -m bench --only live,cold-start
    python -m bench --help

One command starts what it needs (Postgres when it is down on this machine, wrk via apt-get
when it is missing), creates and migrates a fresh database and seeds wallets, starts the Brain
(`uvicorn --workers 2`, rate limits off, warnings only) and each bare baseline with the same
uvicorn command, and drives both with wrk at the same fixed connection count: a warm-up each,
then the measured runs, Brain and baseline alternating (which goes first alternates too), the
median of each figure reported. Scenarios:

  live        GET /api/health/live        against bench/baselines/live.py (bare FastAPI)
  read        GET /api/buz/balance/{me}   against bench/baselines/read.py (FastAPI + asyncpg,
              as the wallet's owner         one SELECT)
  transfers   POST /api/buz/transfer      against pgbench TPC-B (the BUZ issue's bench)
  cold-start  `brain serve` spawned until the first 200 on /api/health/live
  memory      RSS per worker: idle after start, and the peak while the Brain is under load

It prints a table (Brain, baseline, ratio, target, PASS/FAIL), writes it with the machine
facts and every run to bench/results/YYYY-MM-DD-HHMM.md, and after a full run (every scenario,
not --quick) replaces the table in docs/operations/performance.md. Everything it started
(servers, databases, Postgres itself) is stopped and dropped at the end, on Ctrl-C too.
Exit status 0 when it ran, whatever the figures; 1 when it could not run; 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager as ContextManager
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from types import FrameType

from bench import pg, production, report
from bench import wrk as wrk_tool
from bench.buz_transfers import brain_env, seed, sign_terms, write_wrk_script
from bench.calibrate import calibrate
from bench.report import Row
from bench.servers import LIVE_PATH, ROOT, RssSampler, free_port, serving, uvicorn_command
from bench.wrk import Run

SCENARIOS = ("live", "read", "transfers", "cold-start", "memory")
LOADS = ("live", "read", "transfers")
RESULTS_DIR = ROOT / "bench" / "results"
DOCS_PAGE = ROOT / "docs" / "operations" / "performance.md"

# The targets.
LIVE_MIN_RATIO = 0.7
READ_MIN_RATIO = 0.5
TRANSFER_MIN_RATIO = 0.3
TRANSFER_MAX_P99_MS = 100.0
COLD_START_MAX_S = 2.0
LOADED_RSS_MAX_MB = 150.0

# Every wrk request is one of the seeded users reading their own wallet; the requests are
# formatted once per thread, so wrk spends nothing building them.
READ_LUA = """
local people = dofile(DATA_PATH)
local n = #people.tokens
local requests = {}

function init(args)
  math.randomseed(os.time())
  for i = 1, n do
    requests[i] = wrk.format("GET", "/api/buz/balance/" .. people.users[i],
      {["Authorization"] = "Bearer " .. people.tokens[i]})
  end
end

function request()
  return requests[math.random(n)]
end
"""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 1 run of 3 s after a 1 s warm-up, 100 wallets, cold start "
        "once; writes a results file but never the docs page",
    )
    p.add_argument(
        "--only",
        default=",".join(SCENARIOS),
        help=f"comma-separated scenarios, of {', '.join(SCENARIOS)} (default: all)",
    )
    p.add_argument("--runs", type=int, default=None, help="measured runs per side (default 3)")
    p.add_argument(
        "--duration", type=float, default=None, help="seconds per measured run (default 10)"
    )
    p.add_argument(
        "--warmup",
        type=float,
        default=None,
        help="unmeasured seconds per side before the runs (default 5)",
    )
    p.add_argument(
        "--connections",
        type=int,
        default=16,
        help="wrk connections for live and read, Brain and baseline alike",
    )
    p.add_argument(
        "--transfer-connections",
        type=int,
        default=8,
        help="wrk connections for transfers, and pgbench's clients (-c)",
    )
    p.add_argument("--workers", type=int, default=2, help="uvicorn workers, every server")
    p.add_argument("--wallets", type=int, default=None, help="seeded wallets (default 1000)")
    p.add_argument("--threads", type=int, default=1, help="wrk threads")
    p.add_argument(
        "--server-url",
        default=os.environ.get("BENCH_SERVER_URL", pg.DEFAULT_SERVER_URL),
        help="a database URL on the Postgres server to "
        "use (BENCH_SERVER_URL); only used to create and drop the bench's own",
    )
    p.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", production.DEFAULT_REDIS_URL),
        help="Redis for production mode (jobs on a `brain worker` beside the servers); the "
        "database is flushed before and after. Unreachable: embedded jobs (BENCH_REDIS_URL)",
    )
    p.add_argument(
        "--embedded-jobs",
        action="store_true",
        help="run every job on the serving processes (no Redis, no worker)",
    )
    p.add_argument("--no-write", action="store_true", help="print the table, write no file")
    p.add_argument(
        "--no-docs", action="store_true", help="never update docs/operations/performance.md"
    )
    args = p.parse_args(argv)
    quick = args.quick
    args.runs = args.runs or (1 if quick else 3)
    args.duration = args.duration or (3.0 if quick else 10.0)
    args.warmup = args.warmup if args.warmup is not None else (1.0 if quick else 5.0)
    args.wallets = args.wallets or (100 if quick else 1000)
    args.selected = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(args.selected) - set(SCENARIOS))
    if unknown or not args.selected:
        p.error(f"--only: unknown scenario {', '.join(unknown)} (of {', '.join(SCENARIOS)})")
    if min(args.runs, args.connections, args.transfer_connections, args.workers) < 1:
        p.error("--runs, --connections, --transfer-connections and --workers must be >= 1")
    if args.wallets < 2 or args.duration < 1:
        p.error("--wallets must be >= 2 and --duration >= 1")
    return args


@dataclass
class Outcome:
    """What a suite run measured: rows for the table, lines for the details."""

    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    postgres: str = "Postgres (version unknown)"
    mode: str = "embedded jobs"

    def say(self, line: str) -> None:
        print(line, flush=True)
        self.details.append(line)


def fmt(run: Run) -> str:
    return (
        f"{run.per_second:8,.0f}/s  p50 {run.p50_ms:7.1f} ms  p99 {run.p99_ms:7.1f} ms  "
        f"errors {run.errors:,.0f}"
    )


def compare(
    out: Outcome,
    label: str,
    brain: Callable[[float], Run],
    baseline: Callable[[float], Run] | None,
    args: argparse.Namespace,
) -> tuple[Run, Run | None]:
    """Warm both up, then `args.runs` measured runs of each, alternating which goes first.
    Returns the medians."""
    out.say(f"{label}: warm-up {args.warmup:g} s each, {args.runs} x {args.duration:g} s")
    if args.warmup > 0:
        brain(args.warmup)
        if baseline is not None:
            baseline(args.warmup)
    brain_runs: list[Run] = []
    baseline_runs: list[Run] = []
    for n in range(args.runs):
        order = [("Brain   ", brain, brain_runs)]
        if baseline is not None:
            order.append(("baseline", baseline, baseline_runs))
        for who, measure, runs in order if n % 2 == 0 else order[::-1]:
            runs.append(measure(args.duration))
            out.say(f"  run {n + 1} {who} {fmt(runs[-1])}")
    brain_median = wrk_tool.median(brain_runs)
    out.say(f"  median   Brain    {fmt(brain_median)}")
    if baseline is None:
        return brain_median, None
    baseline_median = wrk_tool.median(baseline_runs)
    out.say(f"  median   baseline {fmt(baseline_median)}")
    return brain_median, baseline_median


def migrate(db_url: str) -> None:
    brain = Path(sys.executable).with_name("brain")
    command = (
        [str(brain), "migrate"]
        if brain.exists()
        else [sys.executable, "-m", "brain.cli", "migrate"]
    )
    done = subprocess.run(
        command, env=brain_env(db_url), cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"brain migrate failed:\n{done.stdout}{done.stderr}")


def cold_start(out: Outcome, env: dict[str, str], args: argparse.Namespace) -> None:
    """`brain serve` (what production runs), timed from the spawn to the first 200."""
    brain = Path(sys.executable).with_name("brain")
    runs = 1 if args.quick else max(3, args.runs)
    timings: list[float] = []
    for n in range(runs):
        port = free_port()
        command = [
            str(brain),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ]
        with serving("brain-serve", command, port=port, env=env) as server:
            timings.append(server.wait_ready())
        out.say(f"  run {n + 1} cold start {timings[-1]:.2f} s")
    value = statistics.median(timings)
    out.say(f"  median   cold start {value:.2f} s")
    out.rows.append(
        Row(
            scenario="cold start",
            measure=f"`brain serve` to first 200, median of {runs}",
            brain=report.seconds(value),
            target=f"< {COLD_START_MAX_S:g} s",
            passed=value < COLD_START_MAX_S,
        )
    )


def run_suite(args: argparse.Namespace, wrk: str, out: Outcome) -> None:
    selected = set(args.selected)
    loads = [s for s in LOADS if s in selected]
    # Memory alone still needs the Brain under load: the transfer load, without its baseline.
    memory_load_only = "memory" in selected and not loads
    needs_people = bool({"read", "transfers"} & selected) or memory_load_only
    needs_terms = "transfers" in selected or memory_load_only
    with ExitStack() as stack:
        started_pg = stack.enter_context(pg.running_server(args.server_url))
        version = asyncio.run(pg.scalar(args.server_url, "SHOW server_version"))
        out.postgres = f"Postgres {version}{' (started by the bench)' if started_pg else ''}"
        name = f"brain_bench_{uuid.uuid4().hex[:8]}"
        db_url = pg.database_url(args.server_url, name)
        asyncio.run(pg.admin_sql(args.server_url, f'CREATE DATABASE "{name}"'))
        stack.callback(lambda: asyncio.run(pg.drop_database(args.server_url, name)))
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="brain-bench-"))
        env = brain_env(db_url, BRAIN_DATA_DIR=os.path.join(folder, "data"))
        queue = None
        if not args.embedded_jobs and production.redis_answers(args.redis_url):
            env |= stack.enter_context(production.redis_database(args.redis_url))
            queue = env["BRAIN_JOB_QUEUE_NAME"]
            out.mode = (
                f"production mode: jobs on Redis ({args.redis_url}), one `brain worker` at "
                f"nice {production.WORKER_NICE}"
            )
        else:
            out.mode = "embedded jobs: every job on the serving processes" + (
                "" if args.embedded_jobs else f" (no Redis answered at {args.redis_url})"
            )
        out.say(out.mode)
        print(f"database {name}: migrating ...", flush=True)
        migrate(db_url)

        if "cold-start" in selected:
            out.say("cold start: `brain serve` spawned until the first 200 on /api/health/live")
            cold_start(out, env, args)

        def count(sql: str) -> int:
            return int(asyncio.run(pg.scalar(db_url, sql)))

        people: list[tuple[uuid.UUID, str]] = []
        if needs_people:
            print(f"seeding {args.wallets} wallets ...", flush=True)
            t0 = time.perf_counter()
            people = asyncio.run(seed(db_url, args.wallets))
            print(f"  seeded in {time.perf_counter() - t0:.0f} s", flush=True)

        port = free_port()
        brain = stack.enter_context(
            serving(
                "brain",
                uvicorn_command(
                    "brain.app:create_app", factory=True, port=port, workers=args.workers
                ),
                port=port,
                env=env,
            )
        )
        brain.wait_ready()
        worker = None
        if queue is not None:
            worker = stack.enter_context(production.brain_worker(env))
        idle = brain.wait_workers_settled(args.workers)
        out.say("memory idle (RSS per worker): " + ", ".join(f"{v:.0f} MB" for v in idle.values()))
        sampler = RssSampler(brain)
        stack.callback(sampler.close)
        if needs_terms:
            print("signing the BUZ terms (BTS, BPP) for every wallet ...", flush=True)
            t0 = time.perf_counter()
            asyncio.run(sign_terms(brain.base, people))
            print(f"  signed in {time.perf_counter() - t0:.0f} s", flush=True)
        if queue is not None:
            waiting, waited = production.settle(
                lambda: count("SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL"),
                env["BRAIN_REDIS_URL"],
                queue,
            )
            out.say(
                f"setup: the worker delivered what the setup left ({waiting:,} events and "
                f"jobs waiting) in {waited:.0f} s, before any measurement"
            )

        def load(
            script: str, url: str, connections: int, around: Callable[[], ContextManager[object]]
        ) -> Callable[[float], Run]:
            def measure(duration: float) -> Run:
                with around():
                    return wrk_tool.run(
                        wrk,
                        script,
                        url,
                        connections=connections,
                        duration=duration,
                        threads=args.threads,
                    )

            return measure

        def on_brain(script: str, url: str, connections: int) -> Callable[[float], Run]:
            # The Brain's RSS is sampled during its own runs.
            return load(script, url, connections, sampler.measuring)

        def on(script: str, url: str, connections: int) -> Callable[[float], Run]:
            # A baseline runs with the Brain's worker paused (its backlog is the Brain's cost).
            return load(script, url, connections, lambda: production.paused(worker))

        if "live" in selected:
            script = wrk_tool.write_script(folder, "live", "")
            port = free_port()
            command = uvicorn_command("bench.baselines.live:app", port=port, workers=args.workers)
            with serving("baseline-live", command, port=port, env=os.environ) as bare:
                bare.wait_ready()
                b, x = compare(
                    out,
                    f"live: GET {LIVE_PATH}, {args.connections} connections",
                    on_brain(script, brain.base + LIVE_PATH, args.connections),
                    on(script, bare.base + LIVE_PATH, args.connections),
                    args,
                )
            assert x is not None
            out.rows += report.load_rows(
                f"liveness `GET {LIVE_PATH}`",
                unit="req/s",
                brain=b,
                baseline=x,
                min_ratio=LIVE_MIN_RATIO,
            )

        if "read" in selected:
            script = wrk_tool.write_script(folder, "read", READ_LUA, people)
            port = free_port()
            command = uvicorn_command("bench.baselines.read:app", port=port, workers=args.workers)
            bare_env = os.environ | {"BENCH_DSN": pg.libpq_dsn(db_url), "BENCH_POOL_SIZE": "20"}
            with serving("baseline-read", command, port=port, env=bare_env) as bare:
                bare.wait_ready(f"/api/buz/balance/{people[0][0]}")
                b, x = compare(
                    out,
                    f"read: GET /api/buz/balance/{{me}}, {len(people)} users, "
                    f"{args.connections} connections",
                    on_brain(script, brain.base, args.connections),
                    on(script, bare.base, args.connections),
                    args,
                )
            assert x is not None
            out.rows += report.load_rows(
                "authenticated read `GET /api/buz/balance/{me}`",
                unit="req/s",
                brain=b,
                baseline=x,
                min_ratio=READ_MIN_RATIO,
            )

        if "transfers" in selected or memory_load_only:
            script = write_wrk_script(folder, people)
            c = args.transfer_connections
            baseline: Callable[[float], Run] | None = None
            if "transfers" in selected:
                tpcb = stack.enter_context(pg.pgbench_database(args.server_url))

                def baseline(duration: float) -> Run:
                    with production.paused(worker):
                        return pg.pgbench_run(
                            args.server_url, tpcb, seconds=duration, clients=c, threads=min(c, 2)
                        )

            b, x = compare(
                out,
                f"transfers: POST /api/buz/transfer, {len(people)} wallets, {c} "
                f"connections; baseline pgbench TPC-B -c {c}",
                on_brain(script, brain.base, c),
                baseline,
                args,
            )
            if queue is not None:
                backlog, left, waited, rate = production.drain(
                    lambda: count("SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL"),
                    lambda: count("SELECT count(*) FROM outbox_deliveries"),
                )
                out.say(
                    f"transfers: {backlog:,} events were waiting for their reactions when the "
                    f"load stopped; the worker alone then delivered {rate:,.0f} reactions/s, "
                    f"{left:,} events left after {waited:.0f} s"
                )
                scenario = "transfers' reactions (one `brain worker`, nice 10)"
                out.rows.append(
                    Row(
                        scenario=scenario,
                        measure="events waiting for their reactions when the load stopped",
                        brain=f"{backlog:,}",
                    )
                )
                out.rows.append(
                    Row(
                        scenario=scenario,
                        measure="time for the worker alone to deliver them",
                        brain=f"{waited:.0f} s" + (f" ({left:,} left)" if left else ""),
                    )
                )
                out.rows.append(
                    Row(
                        scenario=scenario,
                        measure="reactions delivered per second by the worker alone, "
                        "after the load (outbox_deliveries rows)",
                        brain=f"{rate:,.0f}/s",
                    )
                )
            if x is not None:
                out.rows += report.load_rows(
                    "transfers `POST /api/buz/transfer`",
                    unit="transfers/s (TPC-B tps)",
                    brain=b,
                    baseline=x,
                    min_ratio=TRANSFER_MIN_RATIO,
                    max_p99_ms=TRANSFER_MAX_P99_MS,
                )

        if "memory" in selected:
            under = ", ".join(loads) if loads else "transfers"
            peak = sampler.peak
            out.say(
                "memory peak under load (RSS per worker): "
                + ", ".join(f"{v:.0f} MB" for v in peak.values())
            )
            out.rows.append(
                Row(
                    scenario="memory",
                    measure="RSS idle, max of the workers",
                    brain=report.megabytes(max(idle.values(), default=0.0)),
                )
            )
            top = max(peak.values(), default=0.0)
            out.rows.append(
                Row(
                    scenario="memory",
                    measure=f"RSS under load ({under}), max of the workers",
                    brain=report.megabytes(top),
                    target=f"< {LOADED_RSS_MAX_MB:g} MB",
                    passed=0 < top < LOADED_RSS_MAX_MB,
                )
            )


def machine_facts(args: argparse.Namespace, wrk: str, postgres: str) -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{p} {metadata.version(p)}" for p in ("fastapi", "uvicorn", "sqlalchemy", "asyncpg")
    )
    return [
        f"{os.cpu_count()} CPUs ({cpu}), Linux {platform.release()}",
        f"Python {platform.python_version()}, {versions}; {wrk_tool.version(wrk)}; {postgres}",
        f"commit {git_commit()}",
        f"{args.workers} uvicorn workers per server; wrk {args.threads} thread, "
        f"{args.connections} connections (live, read), {args.transfer_connections} (transfers, "
        f"pgbench -c); warm-up {args.warmup:g} s, {args.runs} x {args.duration:g} s per side, "
        f"median; {args.wallets} wallets",
    ]


def git_commit() -> str:
    def git(*a: str) -> str:
        done = subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + uncommitted changes" if git("status", "--porcelain") else "")


def write(args: argparse.Namespace, out: Outcome, argv: Sequence[str], now: datetime) -> None:
    command = shlex.join(["python", "-m", "bench", *argv])
    if os.environ.get("MAKELEVEL"):
        command = f"make bench  # {command}"
    title = f"Benchmark {now:%Y-%m-%d %H:%M} UTC" + (" (--quick)" if args.quick else "")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{now:%Y-%m-%d-%H%M}{'-quick' if args.quick else ''}.md"
    path.write_text(
        report.results_page(
            title=title, command=command, rows=out.rows, facts=out.facts, details=out.details
        )
    )
    print(f"written: {path.relative_to(ROOT)}")
    full = set(args.selected) == set(SCENARIOS) and not args.quick
    if full and not args.no_docs:
        section = report.docs_section(
            when=f"{now:%Y-%m-%d %H:%M} UTC",
            results_file=str(path.relative_to(ROOT)),
            rows=out.rows,
            facts=out.facts,
        )
        DOCS_PAGE.write_text(report.replace_section(DOCS_PAGE.read_text(), section))
        print(f"updated: {DOCS_PAGE.relative_to(ROOT)}")


def _terminate(signum: int, frame: FrameType | None) -> None:  # noqa: ARG001
    raise KeyboardInterrupt  # unwinds through the cleanup, as Ctrl-C does


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    now = datetime.now(UTC)
    out = Outcome()
    # The seeded access tokens must outlive a full run.
    os.environ.setdefault("BRAIN_ACCESS_TOKEN_MINUTES", "60")
    load_before = os.getloadavg()
    started = time.perf_counter()
    # Before anything is started, and again after everything is stopped: a slow hour shows.
    calibration_before = calibrate()
    try:
        wrk = wrk_tool.ensure_wrk()
        if wrk is None:
            raise RuntimeError("wrk is not installed and apt-get could not install it")
        run_suite(args, wrk, out)
    except KeyboardInterrupt:
        print("\ninterrupted: everything the bench started is stopped and dropped", flush=True)
        return 130
    except Exception as exc:
        print(f"\nthe benchmark could not run: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    load_after = os.getloadavg()
    calibration_after = calibrate()
    out.facts = machine_facts(args, wrk, out.postgres)
    out.facts.append(out.mode)
    out.facts.append(calibration_before.fact("before the run"))
    out.facts.append(calibration_after.fact("after the run"))
    out.facts.append(
        "load average (1, 5, 15 min) before {:.2f} {:.2f} {:.2f}, after {:.2f} "
        "{:.2f} {:.2f}; {:.0f} s in all".format(
            *load_before, *load_after, time.perf_counter() - started
        )
    )
    print()
    print(report.table(out.rows))
    print("".join(f"- {fact}\n" for fact in out.facts))
    if not args.no_write:
        write(args, out, argv, now)
    return 0
