"""Request rate limits: a fixed-window counter per key, in Redis or in this process.

Algorithm: fixed window. Time is cut into windows of `window_seconds` aligned to the epoch
(`floor(now / window)`), and each key counts hits per window. The count lives under a key that
names its window, so one `INCR` (plus an `EXPIRE` on the window's first hit, for cleanup) is
the whole algorithm: atomic across processes, and correct even if the `EXPIRE` were lost. On
Redis both run in one Lua script (`EVALSHA`): one command and one round trip per check. The
MULTI/INCR/EXPIRE/EXEC pipeline it replaced was also one round trip, but four commands whose
client-side machinery cost about twice the CPU of a plain `GET` per authenticated request
(`python -m bench.ratelimit` measures both against a `GET` in the same run).

The price of a fixed window is the boundary burst: a client can spend a full limit at the end
of one window and another at the start of the next (up to 2x in a short span). For abuse
protection (login guessing, upload floods) that is acceptable; a sliding log would cost a
sorted set per key and several commands per hit, and a sliding-window estimate two keys and a
script, for a smoothness these limits do not need.

Stores:

- Redis, when `BRAIN_REDIS_URL` is set: every process and worker shares the counters. One
  client per process, created on first use. If Redis cannot be reached the hit is *allowed*
  (fail open) and a warning is logged at most once a minute: for request limits, availability
  beats throttling, and an outage of the cache must not take the API down with it. (Batched
  counts, below, are kept instead.)
- In-process, otherwise (embedded mode, one process): a dict of `key -> (count, window end)`,
  pruned of ended windows and bounded in size.

Batched counting (`hit(..., batched=True)`, the per-user API limit, one check per
authenticated request): on Redis, a process counts its hits itself and adds them to the shared
counts every `BRAIN_RATE_LIMIT_SYNC_SECONDS` (0.1 s), every key of the interval in one
`EVALSHA` that returns the new shared counts. A check is then a dict update: it decides on the
last shared count plus the process's own hits since. Why: the round trip per request cost the
process ~135 us of CPU in redis-py, a quarter of an authenticated balance read's, and Redis
the same again. The price: between two syncs a process does not see the others' hits, so a
caller spread over several processes can pass the limit by what it sends in one interval;
within one process the limit is exact. Kong's rate-limiting plugin makes the same trade with
its `sync_rate`. Hits that cannot be sent (Redis down) are kept and sent with the next sync,
and the process goes on limiting by what it knows; at shutdown the last ones are sent.

`hit()` always counts; `BRAIN_RATE_LIMITS_ENABLED=false` only turns off the request limits
declared with `rate_limit()`. Security rules that must never be switched off or fail open (the
account lockout after failed logins) belong in the database, not here.

Per-user limits and the auth contract: core imports no domain, so `rate_limit(..., key="user")`
reads the user id from `request.state.user_id`. The auth dependency (`CurrentUser` and friends)
sets `request.state.user_id = str(user.id)` when it authenticates a request. The rate-limit
dependency must therefore run *after* the auth dependency: list it after the auth dependency in
`dependencies=[...]`, or declare it after the `CurrentUser` parameter (FastAPI resolves
dependencies in declaration order, router-level ones first). Without a user id the limit is
counted per client IP, so an anonymous caller is still limited.

The client IP is `request.client.host`; behind proxies, the request middleware sets it from
`X-Forwarded-For`, trusting exactly `BRAIN_TRUSTED_PROXY_HOPS` proxies (none by default).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import Request

from brain.core.config import Settings, get_settings
from brain.core.errors import RateLimited
from brain.core.openapi import declares

log = logging.getLogger(__name__)

Clock = Callable[[], float]

KEY_PREFIX = "brain:ratelimit:"
# The in-process store's bound: enough for every active client of one embedded process, small
# enough (~100 bytes an entry) that a flood of distinct keys cannot exhaust memory.
MEMORY_MAX_KEYS = 100_000
# Seconds between two "Redis is down" warnings, so an outage does not flood the log.
_WARN_EVERY = 60.0


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    remaining: int
    # Seconds until the current window ends (when a refused client may try again).
    retry_after: int


_clock: Clock = time.time


def use_clock(clock: Clock | None) -> None:
    """Replace the wall clock (tests); `None` restores `time.time`."""
    global _clock
    _clock = clock or time.time


class MemoryStore:
    """Fixed-window counters in a dict, for a single process."""

    def __init__(self, max_keys: int = MEMORY_MAX_KEYS) -> None:
        self.max_keys = max_keys
        self._counts: dict[str, tuple[int, float]] = {}

    def incr(self, key: str, window_end: float, now: float) -> int:
        # No await inside: on one event loop this read-modify-write is atomic.
        entry = self._counts.get(key)
        if entry is None or entry[1] != window_end:
            if len(self._counts) >= self.max_keys:
                self._prune(now)
            count = 1
        else:
            count = entry[0] + 1
        self._counts[key] = (count, window_end)
        return count

    def _prune(self, now: float) -> None:
        for key in [k for k, (_, end) in self._counts.items() if end <= now]:
            del self._counts[key]
        # Still full of live windows: drop the oldest entries (insertion order). Forgetting a
        # count only ever lets a client through, never locks one out.
        excess = len(self._counts) - self.max_keys + 1
        if excess > 0:
            for key in list(self._counts)[:excess]:
                del self._counts[key]

    def clear(self) -> None:
        self._counts.clear()

    def __len__(self) -> int:
        return len(self._counts)


_memory = MemoryStore()
_redis: Any = None  # redis.asyncio.Redis, created lazily
_redis_url: str | None = None
_last_warning = 0.0


def reset() -> None:
    """Forget every in-process count (tests)."""
    _memory.clear()
    _batched.clear()


def memory_store() -> MemoryStore:
    return _memory


def _redis_client(url: str) -> Any:
    global _redis, _redis_url
    if _redis is None or _redis_url != url:
        import redis.asyncio as aioredis

        # Short timeouts: a slow Redis must cost a request milliseconds, not seconds.
        _redis = aioredis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30
        )
        _redis_url = url
    return _redis


async def aclose() -> None:
    """Send the batched hits still unsent and close this process's Redis client (shutdown,
    tests)."""
    global _redis, _redis_url
    await _batched.close()
    if _redis is not None:
        await _redis.aclose()
    _redis = None
    _redis_url = None


# The window's count, and its expiry set once, on its first hit.
INCR_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""
_incr_script: Any = None  # redis.commands.core.AsyncScript, made on first use


async def redis_incr(client: Any, key: str, ttl: int) -> int:
    """INCR, and EXPIRE on the first hit, as one `EVALSHA`; returns the new count. redis-py's
    script object sends the script itself (`EVAL`) once when the server does not know it yet
    (a restarted or failed-over Redis)."""
    global _incr_script
    if _incr_script is None:
        _incr_script = client.register_script(INCR_SCRIPT)
    return int(await _incr_script(keys=[key], args=[ttl], client=client))


# Each key's hits since the last sync are added, and the window's expiry set when the add
# created the key (the new count equals what was added). ARGV: added, ttl, for each key.
SYNC_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local added = tonumber(ARGV[2 * i - 1])
  local count = redis.call('INCRBY', key, added)
  if count == added then redis.call('EXPIRE', key, ARGV[2 * i]) end
  counts[i] = count
end
return counts
"""
# Keys per EVALSHA of a sync: a bounded script run (Redis runs one script at a time).
SYNC_CHUNK = 500


@dataclass(slots=True)
class _Count:
    window_end: float
    ttl: int
    # The shared count Redis returned at the last sync (this process's hits sent so far
    # included), and this process's hits since.
    shared: int = 0
    unsent: int = 0


class BatchedCounts:
    """Hits counted in this process, added to Redis's shared counts once per interval (see
    the module docstring). One per process; the sync runs as a task on the event loop."""

    def __init__(self, max_keys: int = MEMORY_MAX_KEYS) -> None:
        self.max_keys = max_keys
        self._counts: dict[str, _Count] = {}
        self._unsent: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self._url: str | None = None
        self._script: Any = None

    def count(self, key: str, *, window_end: float, ttl: int, now: float) -> int:
        """Count one hit on `key` (a window's Redis key); the count it is judged by."""
        entry = self._counts.get(key)
        if entry is None:
            if len(self._counts) >= self.max_keys:
                self._prune(now)
            entry = self._counts[key] = _Count(window_end=window_end, ttl=ttl)
        entry.unsent += 1
        self._unsent.add(key)
        return entry.shared + entry.unsent

    def unsent(self) -> int:
        return sum(self._counts[key].unsent for key in self._unsent)

    def _prune(self, now: float) -> None:
        # Ended windows first; then, still full, the oldest tenth (insertion order), so the
        # next new keys do not each walk the whole dict again. Forgetting a count (and its
        # unsent hits) only ever lets a client through.
        ended = {k for k, c in self._counts.items() if c.window_end <= now}
        excess = len(self._counts) - len(ended) - self.max_keys + max(1, self.max_keys // 10)
        live = (k for k in self._counts if k not in ended)
        oldest = [k for _, k in zip(range(max(0, excess)), live, strict=False)]
        for key in [*ended, *oldest]:
            del self._counts[key]
            self._unsent.discard(key)

    def schedule(self, url: str, interval: float) -> None:
        """Make sure a sync runs within `interval` (called after each hit)."""
        loop = asyncio.get_running_loop()
        task = self._task
        # A task of another (ended) event loop never runs again: tests run one loop each.
        self._url = url
        if task is None or task.done() or task.get_loop() is not loop:
            self._task = loop.create_task(self._sync_while_unsent(url, interval))

    async def _sync_while_unsent(self, url: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            await self.sync(_redis_client(url))
            if not self._unsent:
                # (A task left from before a reset() must not forget its successor.)
                if self._task is asyncio.current_task():
                    self._task = None
                return

    async def sync(self, client: Any) -> None:
        """Send every unsent hit of a window that has not ended, in one round trip per
        SYNC_CHUNK keys, and take the shared counts back. What fails is kept for the next."""
        now = _clock()
        # A window that has ended is over in Redis too: its hits are dropped, not sent.
        keys = [k for k in self._unsent if self._counts[k].window_end > now]
        for key in self._unsent.difference(keys):
            self._counts[key].unsent = 0
        self._unsent.clear()
        # Hits made while an earlier chunk was on its way are in the entries' `unsent` (and
        # back in `_unsent`): a chunk sends what its entries hold when it goes.
        if self._script is None:
            self._script = client.register_script(SYNC_SCRIPT)
        for start in range(0, len(keys), SYNC_CHUNK):
            chunk = keys[start : start + SYNC_CHUNK]
            sent = [(self._counts[k], self._counts[k].unsent) for k in chunk]
            self._unsent.difference_update(chunk)
            args: list[int] = []
            for entry, added in sent:
                entry.unsent = 0
                args += [added, entry.ttl]
            try:
                counts = await self._script(keys=chunk, args=args, client=client)
            except BaseException as exc:
                # Cancelled (shutdown) or failed: nothing of it is lost, it goes next time.
                self._restore(chunk + keys[start + SYNC_CHUNK :], sent)
                from redis.exceptions import RedisError

                if not isinstance(exc, Exception):
                    raise
                if isinstance(exc, RedisError | OSError | TimeoutError):
                    _warn_unavailable(exc, now, _COUNTS_KEPT)
                else:
                    log.exception("rate limits: the sync to Redis failed; kept for the next")
                return
            for (entry, _added), count in zip(sent, counts, strict=True):
                entry.shared = int(count)

    def _restore(self, keys: list[str], sent: list[tuple[_Count, int]]) -> None:
        for entry, added in sent:
            entry.unsent += added
        for key in keys:
            if key in self._counts and self._counts[key].unsent:
                self._unsent.add(key)

    async def close(self) -> None:
        """Stop the sync task and send what is left to the Redis it synced with (shutdown)."""
        task, self._task = self._task, None
        if task is not None and task.get_loop() is asyncio.get_running_loop():
            task.cancel()
            # Let it finish: a sync it had under way puts its hits back first.
            await asyncio.gather(task, return_exceptions=True)
        if self._url is not None and self._unsent:
            await self.sync(_redis_client(self._url))

    def clear(self) -> None:
        self._counts.clear()
        self._unsent.clear()
        self._task = None
        self._url = None
        self._script = None


_batched = BatchedCounts()


def _window(now: float, window_seconds: int) -> tuple[int, float]:
    index = math.floor(now / window_seconds)
    return index, float((index + 1) * window_seconds)


async def hit(
    key: str, *, limit: int, window_seconds: int, batched: bool = False
) -> RateLimitResult:
    """Count one hit on `key` and say whether it is within `limit` per `window_seconds`.

    `batched=True`: on Redis, counted in this process and synced every
    `rate_limit_sync_seconds` (exact within the process, approximate across processes; see
    the module docstring). Without Redis, or with a sync interval of 0, the same as False."""
    if limit < 1 or window_seconds < 1:
        raise ValueError("limit and window_seconds must be at least 1")
    now = _clock()
    index, window_end = _window(now, window_seconds)
    retry_after = max(1, math.ceil(window_end - now))
    settings = get_settings()
    redis_url = settings.redis_url
    if redis_url and batched and settings.rate_limit_sync_seconds > 0:
        count = _batched.count(
            f"{KEY_PREFIX}{key}:{index}", window_end=window_end, ttl=window_seconds + 1, now=now
        )
        _batched.schedule(redis_url, settings.rate_limit_sync_seconds)
    elif redis_url:
        # Imported here: redis is ~14 MB of start-up memory a process without Redis never needs.
        from redis.exceptions import RedisError

        try:
            count = await redis_incr(
                _redis_client(redis_url), f"{KEY_PREFIX}{key}:{index}", window_seconds + 1
            )
        except (RedisError, OSError, TimeoutError) as exc:
            _warn_unavailable(exc, now)
            return RateLimitResult(allowed=True, remaining=limit, retry_after=0)
    else:
        count = _memory.incr(key, window_end, now)
    allowed = count <= limit
    return RateLimitResult(
        allowed=allowed,
        remaining=max(0, limit - count),
        retry_after=0 if allowed else retry_after,
    )


_FAILING_OPEN = "rate limits not enforced: Redis is unavailable (%r); failing open"
# The batched counts are not dropped: each process limits by what it knows meanwhile.
_COUNTS_KEPT = (
    "rate limits: Redis is unavailable (%r); the per-user API limit's counts are kept for the "
    "next sync and each process limits by its own until then"
)


def _warn_unavailable(exc: BaseException, now: float, message: str = _FAILING_OPEN) -> None:
    global _last_warning
    if now - _last_warning >= _WARN_EVERY or now < _last_warning:
        _last_warning = now
        log.warning(message, exc)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def rate_limit(
    name: str,
    *,
    limit: Callable[[Settings], int],
    window_seconds: int,
    key: Literal["ip", "user"],
) -> Any:
    """A FastAPI dependency that answers 429 `RATE_LIMITED` (with `Retry-After`) once a client
    passes `limit(settings)` requests per `window_seconds` on the limit called `name`.

    `key="ip"` counts per client IP; `key="user"` per `request.state.user_id` (set by the auth
    dependency, which must run first; see the module docstring), else per IP.

        @router.post("/login", dependencies=[Depends(rate_limit(
            "auth.login", limit=lambda s: s.rate_limit_login_per_minute,
            window_seconds=60, key="ip"))])
    """
    if window_seconds < 1:
        raise ValueError("window_seconds must be at least 1")

    async def check_rate_limit(request: Request) -> None:
        settings: Settings = getattr(request.app.state, "settings", None) or get_settings()
        if not settings.rate_limits_enabled:
            return
        user_id = getattr(request.state, "user_id", None) if key == "user" else None
        subject = f"user:{user_id}" if user_id else f"ip:{client_ip(request)}"
        result = await hit(
            f"{name}:{subject}", limit=limit(settings), window_seconds=window_seconds
        )
        if not result.allowed:
            raise RateLimited(
                result.retry_after,
                f"Too many requests; try again in {result.retry_after} seconds.",
            )

    check_rate_limit.__qualname__ = f"rate_limit[{name}]"
    # Every route using it lists RATE_LIMITED, public ones included.
    return declares(RateLimited)(check_rate_limit)
