"""wrk, the load generator of the benchmarks: installing it, its Lua scripts, one run, medians.

wrk (C, one thread here) costs little CPU next to the server it measures, which matters when
both share the machine's two cores. Every script ends with `RESULT_LUA`: one machine-readable
line (requests, duration and latencies in microseconds) that `parse_result` reads, so no
figure depends on wrk's human-oriented summary format.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

# wrk calls done() once, after every thread finished; latencies are in microseconds.
RESULT_LUA = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""

_RESULT = re.compile(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """One measured run (or the median of several, figure by figure)."""

    requests: float
    per_second: float  # successful (2xx/3xx) responses per second
    p50_ms: float
    p99_ms: float
    errors: float  # non-2xx/3xx responses and socket errors


def parse_result(output: str) -> Run:
    """The figures of one wrk run, from the `RESULT` line `RESULT_LUA` writes."""
    match = _RESULT.search(output)
    if match is None:
        raise ValueError(f"no RESULT line in the wrk output:\n{output}")
    requests, micros, status_errors, socket_errors, p50, p99 = map(int, match.groups())
    if micros <= 0:
        raise ValueError(f"wrk reported a duration of {micros} us")
    return Run(
        requests=requests,
        per_second=(requests - status_errors) / (micros / 1e6),
        p50_ms=p50 / 1000,
        p99_ms=p99 / 1000,
        errors=status_errors + socket_errors,
    )


def median(runs: Sequence[Run]) -> Run:
    """Each figure's median over the runs (so p99 is the median of the runs' p99s)."""
    if not runs:
        raise ValueError("no runs")
    return Run(
        requests=statistics.median(r.requests for r in runs),
        per_second=statistics.median(r.per_second for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        errors=statistics.median(r.errors for r in runs),
    )


def ensure_wrk() -> str | None:
    """The path of wrk, installed with apt-get first when it is missing and apt-get is there."""
    found = shutil.which("wrk")
    if found or shutil.which("apt-get") is None:
        return found
    print("wrk is missing: apt-get install -y wrk ...")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, capture_output=True)
    return shutil.which("wrk")


def version(wrk: str) -> str:
    # `wrk -v` prints its version line and the usage, and exits 1.
    out = subprocess.run([wrk, "-v"], check=False, capture_output=True, text=True)
    return (out.stdout or out.stderr).splitlines()[0].split(" Copyright")[0].strip()


def run(
    wrk: str, script: str, url: str, *, connections: int, duration: float, threads: int = 1
) -> Run:
    """One wrk run of `duration` seconds with a fixed number of connections."""
    command = [
        wrk,
        "-t",
        str(min(threads, connections)),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "-s",
        script,
        url,
        "--",
        uuid.uuid4().hex[:12],
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_result(out)


def people_lua(people: Sequence[tuple[uuid.UUID, str]]) -> str:
    """A Lua module with the seeded users: `{tokens = {...}, users = {...}}`, same order."""
    tokens = "".join(f'    "{token}",\n' for _, token in people)
    users = "".join(f'    "{user_id}",\n' for user_id, _ in people)
    return f"return {{\n  tokens = {{\n{tokens}  }},\n  users = {{\n{users}  }},\n}}\n"


def write_script(
    folder: str, name: str, body: str, people: Sequence[tuple[uuid.UUID, str]] | None = None
) -> str:
    """A wrk script in `folder`: `body` (which may `dofile(DATA_PATH)` for the people) and the
    `RESULT` line."""
    prelude = ""
    if people is not None:
        data = os.path.join(folder, f"{name}-people.lua")
        with open(data, "w") as f:
            f.write(people_lua(people))
        prelude = f"DATA_PATH = {json.dumps(data)}\n"
    script = os.path.join(folder, f"{name}.lua")
    with open(script, "w") as f:
        f.write(prelude + body + RESULT_LUA)
    return script
