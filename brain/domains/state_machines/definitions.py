"""The registry of machine definitions, and the engine's two generic built-ins.

A domain owns its machine: it declares the definition next to its own rules and registers it
with `service.register_definition` (and its guards with `service.register_guard`), as
`brain/domains/legal/lifecycle.py` does for `legal_document`. The machines of domains that do
not exist yet (ventures, teams, umbrella relationships) arrive with their domains.

`user_journey` and `subscription` have no owning domain: nothing in the Brain drives them but
the generic endpoints, so they stay here as the engine's built-ins (`BUILTIN`), registered at
import.

Definitions carry no version here: the engine stores each distinct content once
(`service.sync_definition`) and numbers it, so an edit becomes the next version on first use
while instances started on the old one keep running it.
"""

from __future__ import annotations

from brain.domains.state_machines.definition import (
    Definition,
    build_states,
    build_transitions,
)

USER_JOURNEY = Definition(
    name="user_journey",
    description="A member's journey from onboarding to power user, and back if they drift.",
    states=build_states(
        "ONBOARDING",
        "PROFILE_SETUP",
        "VERIFICATION",
        "ACTIVE",
        "ENGAGED",
        "POWER_USER",
        "INACTIVE",
        "CHURNED",
        "ABANDONED",
        final=["ABANDONED"],
    ),
    transitions=tuple(
        build_transitions("start_profile", "ONBOARDING", "PROFILE_SETUP")
        + build_transitions("submit_profile", "PROFILE_SETUP", "VERIFICATION")
        + build_transitions("verify", "VERIFICATION", "ACTIVE")
        + build_transitions("engage", "ACTIVE", "ENGAGED")
        + build_transitions("disengage", "ENGAGED", "ACTIVE")
        + build_transitions("level_up", "ENGAGED", "POWER_USER")
        + build_transitions("level_down", "POWER_USER", "ENGAGED")
        + build_transitions("lapse", "ACTIVE", "INACTIVE")
        + build_transitions("churn", "INACTIVE", "CHURNED")
        + build_transitions("restart", "CHURNED", "ONBOARDING")
        + build_transitions("abandon", "ONBOARDING", "ABANDONED")
    ),
)

SUBSCRIPTION = Definition(
    name="subscription",
    description="A subscription: trial, active or paused, cancelled or expired, and "
    "reactivated. No state is final.",
    states=build_states("TRIAL", "ACTIVE", "PAUSED", "CANCELLED", "EXPIRED"),
    transitions=tuple(
        build_transitions("activate", "TRIAL", "ACTIVE")
        + build_transitions("pause", "ACTIVE", "PAUSED")
        + build_transitions("resume", "PAUSED", "ACTIVE")
        + build_transitions("cancel", ["TRIAL", "ACTIVE", "PAUSED"], "CANCELLED")
        + build_transitions("expire", ["TRIAL", "ACTIVE", "PAUSED"], "EXPIRED")
        + build_transitions("reactivate", ["CANCELLED", "EXPIRED"], "ACTIVE")
    ),
)

BUILTIN: tuple[Definition, ...] = (USER_JOURNEY, SUBSCRIPTION)

_registry: dict[str, Definition] = {d.name: d for d in BUILTIN}


def register_definition(definition: Definition) -> None:
    """Make `definition` the current one for its name (validated already by construction).
    Idempotent: registering the same content again changes nothing."""
    existing = _registry.get(definition.name)
    if existing is not None and existing.sha256 == definition.sha256:
        return
    _registry[definition.name] = definition.with_version(0)


def current(name: str) -> Definition | None:
    """The definition the code declares for `name` (unversioned)."""
    return _registry.get(name)


def names() -> list[str]:
    return sorted(_registry)
