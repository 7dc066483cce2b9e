"""Server processes for the benchmarks: start, wait for the first 200, worker RSS, stop.

Each server runs in a session (process group) of its own, so a Ctrl-C in the terminal reaches
only the bench, which then stops the servers in order, and stopping the group also ends
workers whose supervisor died.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LIVE_PATH = "/api/health/live"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def uvicorn_command(app: str, *, port: int, workers: int, factory: bool = False) -> list[str]:
    """The one uvicorn command line the Brain and the bare baselines are served with."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        *(["--factory"] if factory else []),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]


class Server:
    """A server process started by the bench (uvicorn's supervisor and its workers)."""

    def __init__(
        self, name: str, command: Sequence[str], *, port: int, env: Mapping[str, str]
    ) -> None:
        self.name = name
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self._log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(command),
            env=dict(env),
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(Path(self._log.name).read_text(errors="replace").splitlines()[-lines:])

    def wait_ready(self, path: str = LIVE_PATH, timeout: float = 60.0) -> float:
        """Seconds from the process start to the first 200 on `path`."""
        deadline = time.perf_counter() + timeout
        # A request that connects before a worker accepts waits in the listen backlog and is
        # answered by the first worker up: that answer times the start, so wait long for it.
        with httpx.Client(base_url=self.base, timeout=httpx.Timeout(30, connect=2)) as http:
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"{self.name} exited ({self.process.returncode}):\n{self.log_tail()}"
                    )
                try:
                    if http.get(path).status_code == 200:
                        return time.perf_counter() - self.started
                except httpx.HTTPError:
                    pass
                time.sleep(0.01)
        raise RuntimeError(
            f"{self.name} did not answer 200 on {path} within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def worker_pids(self) -> list[int]:
        """uvicorn's worker processes (children spawned by multiprocessing), or the server
        itself when it runs a single process."""
        children = [pid for pid, cmdline in _children(self.process.pid) if "spawn_main" in cmdline]
        return sorted(children) or [self.process.pid]

    def worker_rss_mb(self) -> dict[int, float]:
        found: dict[int, float] = {}
        for pid in self.worker_pids():
            rss = rss_mb(pid)
            if rss is not None:
                found[pid] = rss
        return found

    def wait_workers_settled(self, workers: int, timeout: float = 20.0) -> dict[int, float]:
        """RSS per worker once all `workers` are up and none grew by 1 MB in a second (the
        app imported and started): the idle figure."""
        deadline = time.perf_counter() + timeout
        previous: dict[int, float] = {}
        while True:
            current = self.worker_rss_mb()
            settled = (
                len(current) >= workers
                and current.keys() == previous.keys()
                and all(abs(current[pid] - previous[pid]) < 1.0 for pid in current)
            )
            if settled or time.perf_counter() > deadline:
                return current
            previous = current
            time.sleep(1.0)

    def stop(self) -> None:
        if self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                _signal_group(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        # Workers left behind by a supervisor that died on its own.
        _signal_group(self.process.pid, signal.SIGKILL)
        self._log.close()


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


@contextmanager
def serving(
    name: str, command: Sequence[str], *, port: int, env: Mapping[str, str]
) -> Iterator[Server]:
    """A started server, stopped (its whole process group) when the block ends however."""
    server = Server(name, command, port=port, env=env)
    try:
        yield server
    finally:
        server.stop()


def _children(parent: int) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            # The command name (field 2) is in parentheses and may hold spaces.
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == parent:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                found.append((int(entry.name), cmdline))
        except (OSError, ValueError, IndexError):
            continue
    return found


def rss_mb(pid: int) -> float | None:
    """Resident set size of a process (VmRSS), in MB; None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler:
    """Peak RSS per worker of a server, sampled in a thread while `measuring()` blocks run."""

    def __init__(self, server: Server, interval: float = 0.25) -> None:
        self.server = server
        self.interval = interval
        self.peak: dict[int, float] = {}
        self._on = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            if self._on.is_set():
                for pid, rss in self.server.worker_rss_mb().items():
                    self.peak[pid] = max(rss, self.peak.get(pid, 0.0))

    @contextmanager
    def measuring(self) -> Iterator[None]:
        self._on.set()
        try:
            yield
        finally:
            self._on.clear()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
