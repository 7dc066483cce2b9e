"""Errors of the ventures domain: each has a fixed status and a stable code."""

from __future__ import annotations

from brain.core.errors import BrainError, Conflict, NotFound, PermissionDenied, ValidationFailed


class VentureNotFound(NotFound):
    """Also what a non-member gets for a PRIVATE or INVITE_ONLY venture: its existence is not
    theirs to learn."""

    title = "Venture not found"


class NameTaken(Conflict):
    code = "VENTURE_NAME_TAKEN"
    title = "A venture has this name already"


class TeamRoleRequired(PermissionDenied):
    """A team member whose role does not allow the action."""

    code = "TEAM_ROLE_REQUIRED"
    title = "Your role in this venture does not allow this"


class VentureArchived(Conflict):
    code = "VENTURE_ARCHIVED"
    title = "The venture is archived"


class InvitationNotFound(NotFound):
    title = "Invitation not found"


class InvitationNotPending(Conflict):
    code = "INVITATION_NOT_PENDING"
    title = "The invitation is no longer pending"


class InvitationExists(Conflict):
    code = "INVITATION_EXISTS"
    title = "This user has a pending invitation to this venture already"


class AlreadyMember(Conflict):
    code = "ALREADY_MEMBER"
    title = "This user is on the team already"


class TeamFull(Conflict):
    code = "TEAM_FULL"
    title = "The team is full"


class OwnerCannotLeave(Conflict):
    code = "OWNER_CANNOT_LEAVE"
    title = "The owner cannot leave without transferring ownership first"


class MemberNotFound(NotFound):
    title = "Team member not found"


class InvalidTeamChange(ValidationFailed):
    title = "Team change not allowed"


class MetricExists(Conflict):
    code = "METRIC_EXISTS"
    title = "This metric has a value for this day and source already"


__all__ = [
    "AlreadyMember",
    "BrainError",
    "InvalidTeamChange",
    "InvitationExists",
    "InvitationNotFound",
    "InvitationNotPending",
    "MemberNotFound",
    "MetricExists",
    "NameTaken",
    "OwnerCannotLeave",
    "TeamFull",
    "TeamRoleRequired",
    "VentureArchived",
    "VentureNotFound",
]
