"""The ventures domain's policy as data (domain rules, "Ventures"): the enums, the numbers, and
the one table of what each team role may do. No I/O: `access` applies it, docs/services/
ventures.md renders it (`docs.generated_section`), so the page cannot drift from the code.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

# Creating a venture costs this much BUZ (to the venture-fund pool), in minor units.
CREATION_FEE_UNITS = 50 * 100
DESCRIPTION_MIN = 100
NAME_MAX = 120
TEAM_MAX = 50
INVITATION_TTL = timedelta(days=14)
# How often the expiry job looks for invitations past their deadline (accepting one past its
# deadline is refused at once, whatever the job has done).
INVITATION_SWEEP_EVERY = timedelta(minutes=1)
TAGS_MAX = 10
TAG_MAX = 40

CREATE_ACTION = "ventures.create"
JOIN_ACTION = "ventures.join"
SUBJECT_TYPE = "venture"


class Industry(StrEnum):
    TECHNOLOGY = "TECHNOLOGY"
    HEALTHCARE = "HEALTHCARE"
    FINANCE = "FINANCE"
    EDUCATION = "EDUCATION"
    E_COMMERCE = "E_COMMERCE"
    SERVICES = "SERVICES"
    MANUFACTURING = "MANUFACTURING"
    OTHER = "OTHER"


class Visibility(StrEnum):
    """PUBLIC: every member sees it. INVITE_ONLY: the team and users with a pending invitation.
    PRIVATE: the team only. A venture a caller may not see is 404 to them, everywhere."""

    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"
    INVITE_ONLY = "INVITE_ONLY"


class Stage(StrEnum):
    IDEA = "IDEA"
    PLANNING = "PLANNING"
    DEVELOPMENT = "DEVELOPMENT"
    TESTING = "TESTING"
    LAUNCH = "LAUNCH"
    GROWTH = "GROWTH"
    MATURE = "MATURE"
    EXIT = "EXIT"
    ARCHIVED = "ARCHIVED"


# The stages in order: `advance` moves one step right, `revert` one step left.
STAGE_ORDER: tuple[Stage, ...] = tuple(s for s in Stage if s != Stage.ARCHIVED)


class StageEvent(StrEnum):
    ADVANCE = "advance"
    REVERT = "revert"
    ARCHIVE = "archive"


class TeamRole(StrEnum):
    OWNER = "OWNER"
    CO_FOUNDER = "CO_FOUNDER"
    ADVISOR = "ADVISOR"
    INVESTOR = "INVESTOR"
    MEMBER = "MEMBER"
    OBSERVER = "OBSERVER"


# Rank decides whom a manager may act on: a role may invite to, grant, change or remove only
# roles strictly below its own (a co-founder cannot remove another co-founder).
RANK: dict[TeamRole, int] = {
    TeamRole.OWNER: 4,
    TeamRole.CO_FOUNDER: 3,
    TeamRole.ADVISOR: 2,
    TeamRole.INVESTOR: 2,
    TeamRole.MEMBER: 1,
    TeamRole.OBSERVER: 0,
}


class TeamAction(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    CHANGE_STAGE = "change_stage"
    ARCHIVE = "archive"
    INVITE = "invite"
    MANAGE_MEMBERS = "manage_members"
    TRANSFER_OWNERSHIP = "transfer_ownership"
    RECORD_METRICS = "record_metrics"


# What each action means, for the docs' table.
ACTION_MEANING: dict[TeamAction, str] = {
    TeamAction.VIEW: "see the venture, its team, history, metrics and timeline",
    TeamAction.EDIT: "change name, description, industry, visibility, tags, website, goal",
    TeamAction.CHANGE_STAGE: "advance or revert the stage",
    TeamAction.ARCHIVE: "archive the venture (with a reason)",
    TeamAction.INVITE: "invite users, revoke invitations (roles below their own)",
    TeamAction.MANAGE_MEMBERS: "change or remove members below their own role",
    TeamAction.TRANSFER_OWNERSHIP: "hand the OWNER role to another member",
    TeamAction.RECORD_METRICS: "record metric values",
}

_ALL = frozenset(TeamRole)
_LEADS = frozenset({TeamRole.OWNER, TeamRole.CO_FOUNDER})

# The one permission table: team action -> the roles that may take it.
PERMISSIONS: dict[TeamAction, frozenset[TeamRole]] = {
    TeamAction.VIEW: _ALL,
    TeamAction.EDIT: _LEADS,
    TeamAction.CHANGE_STAGE: _LEADS,
    TeamAction.ARCHIVE: frozenset({TeamRole.OWNER}),
    TeamAction.INVITE: _LEADS,
    TeamAction.MANAGE_MEMBERS: _LEADS,
    TeamAction.TRANSFER_OWNERSHIP: frozenset({TeamRole.OWNER}),
    TeamAction.RECORD_METRICS: frozenset({TeamRole.OWNER, TeamRole.CO_FOUNDER, TeamRole.MEMBER}),
}


def may(role: TeamRole | None, action: TeamAction) -> bool:
    return role is not None and role in PERMISSIONS[action]


def outranks(actor: TeamRole, other: TeamRole) -> bool:
    return RANK[actor] > RANK[other]


class InvitationStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    REVOKED = "REVOKED"
    EXPIRED = "EXPIRED"


def reference(venture_id: object) -> str:
    """How a BUZ transfer names the venture it is for (`buz` transfers' `reference`)."""
    return f"venture:{venture_id}"
