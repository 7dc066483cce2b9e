"""Errors of the gamification domain: each has a fixed status and a stable code."""

from __future__ import annotations

from brain.core.errors import Conflict, NotFound, PermissionDenied


class BadgeNotFound(NotFound):
    title = "Badge not found"


class AwardNotFound(NotFound):
    title = "XP award not found"


class SelfAwardForbidden(PermissionDenied):
    """Nobody awards anything to themselves, admins included."""

    code = "SELF_AWARD_FORBIDDEN"
    title = "You cannot award yourself"


class BadgeAlreadyHeld(Conflict):
    code = "BADGE_ALREADY_HELD"
    title = "The user holds this badge already"


class BadgeNotHeld(Conflict):
    code = "BADGE_NOT_HELD"
    title = "The user does not hold this badge"


class AwardNotReversible(Conflict):
    """Reversed already, or a reversal itself."""

    code = "AWARD_NOT_REVERSIBLE"
    title = "This award cannot be reversed"
