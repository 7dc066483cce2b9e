"""Errors of the umbrella domain: each has a fixed status and a stable code."""

from __future__ import annotations

from brain.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class RelationshipNotFound(NotFound):
    """Also what anyone but its two parties (and admins) gets: its existence is theirs."""

    title = "Relationship not found"


class ShareNotFound(NotFound):
    title = "Revenue share not found"


class UserNotFound(NotFound):
    title = "User not found"


class SelfReferral(ValidationFailed):
    code = "SELF_REFERRAL"
    title = "You cannot refer yourself or relate to yourself"


class AlreadyReferred(Conflict):
    code = "ALREADY_REFERRED"
    title = "This user has a referrer already"


class ReferralCycle(Conflict):
    code = "REFERRAL_CYCLE"
    title = "This referral would make a cycle"


class DuplicateRelationship(Conflict):
    code = "DUPLICATE_RELATIONSHIP"
    title = "An open relationship of this kind exists between you already"


class RequestBlocked(PermissionDenied):
    code = "REQUEST_BLOCKED"
    title = "This user does not accept your requests"


class InvalidRelationshipState(Conflict):
    code = "INVALID_RELATIONSHIP_STATE"
    title = "The relationship is not in a state that allows this"


class NotYourTurn(PermissionDenied):
    code = "RELATIONSHIP_PARTY_REQUIRED"
    title = "Only the other party can do this"


class UserNotActive(Conflict):
    code = "USER_NOT_ACTIVE"
    title = "The user is not active"
