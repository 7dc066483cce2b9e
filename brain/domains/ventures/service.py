"""The ventures domain's public service: what the router, the handlers, the jobs and other
domains call. Session first, keyword-only after; flushes, never commits.

The functions live in `ventures` (create, read, update, list, names), `stages` (lifecycle and
history), `team` (members, ownership, invitations), `metrics` and `timeline`; `access` holds
the visibility rule and the team-role table applied. For other domains the contract is:

    role = await ventures.member_role(session, venture_id=..., user_id=...)  # TeamRole | None
    seen = await ventures.see(session, venture_id=..., viewer_id=...)  # 404 if not visible
"""

from __future__ import annotations

from brain.domains.ventures.access import Seen, member_role, see, venture_ids_of
from brain.domains.ventures.metrics import list_metrics
from brain.domains.ventures.metrics import record as record_metric
from brain.domains.ventures.rules import TeamRole
from brain.domains.ventures.stages import change_stage, follow_transition, history, stage_status
from brain.domains.ventures.team import (
    accept,
    change_member_role,
    decline,
    invite,
    list_invitations,
    list_team,
    remove_member,
    revoke,
    transfer_ownership,
    venture_names,
)
from brain.domains.ventures.timeline import list_timeline
from brain.domains.ventures.ventures import (
    check_name,
    create_venture,
    list_ventures,
    roles_of,
    update_venture,
    venture_read,
)

__all__ = [
    "Seen",
    "TeamRole",
    "accept",
    "change_member_role",
    "change_stage",
    "check_name",
    "create_venture",
    "decline",
    "follow_transition",
    "history",
    "invite",
    "list_invitations",
    "list_metrics",
    "list_team",
    "list_timeline",
    "list_ventures",
    "member_role",
    "record_metric",
    "remove_member",
    "revoke",
    "roles_of",
    "see",
    "stage_status",
    "transfer_ownership",
    "update_venture",
    "venture_ids_of",
    "venture_names",
    "venture_read",
]
