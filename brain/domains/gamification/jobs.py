"""Periodic jobs of the gamification domain: keeping the Redis leaderboards built.

`gamification.rebuild_leaderboards` rebuilds every current board from the award rows; it runs
when a read or a sync finds the `built` marker missing (Redis emptied, flushed or replaced)
and every few minutes as a check that does nothing while the marker is there.
"""

from __future__ import annotations

from datetime import timedelta

from brain.core import jobs
from brain.domains.gamification import leaderboard

CHECK_EVERY = timedelta(minutes=5)


@jobs.job(leaderboard.REBUILD_JOB, max_tries=3)
async def rebuild_leaderboards(force: bool = False) -> int:
    """Rebuild the boards in Redis when they are missing (or always, with `force`); returns
    how many entries were written."""
    target = leaderboard.redis()
    if target is None:
        return 0
    client, prefix = target
    if not force and await leaderboard.is_built(client, prefix):
        return 0
    return await leaderboard.rebuild()


def register_cron() -> None:
    jobs.cron(leaderboard.REBUILD_JOB, every=CHECK_EVERY)
