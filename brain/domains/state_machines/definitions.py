"""The built-in machines (domain rules, "State machines"), and the registry of definitions.

A domain may register its own definition with `register_definition`; built-ins are
registered at import. Definitions carry no version here: the engine stores each distinct
content once (`service.sync_definition`) and numbers it, so an edit below becomes the next
version on first use while instances started on the old one keep running it.

legal_document, signing: a document with several signers passes through PARTIALLY_SIGNED, a
single event cannot branch (the validator refuses two transitions for one (event, source): a
reader of the diagram or the history must know where an event leads). So there are two
events. After recording a signature, the legal service sends `complete` when no signer is
left and `sign` otherwise; it registers the guards `legal.all_signers_signed` (on `complete`)
and `legal.signers_remaining` (on `sign`), so even the generic endpoint can neither complete a
document early nor leave a fully signed one in PARTIALLY_SIGNED. A caller that does not want
to count can send `complete` and fall back to `sign` on GUARD_REJECTED: the guard chooses.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from brain.domains.state_machines.definition import Definition, State, Transition

REASON_GUARD = "state_machines.reason_given"


def _states(initial: str, *others: str, final: Iterable[str] = ()) -> tuple[State, ...]:
    finals = set(final)
    return (
        State(name=initial, initial=True),
        *(State(name=name, final=name in finals) for name in others),
    )


def _t(
    event: str, sources: str | Iterable[str], target: str, *, guard: str | None = None
) -> list[Transition]:
    if isinstance(sources, str):
        sources = [sources]
    return [Transition(event=event, source=s, target=target, guard=guard) for s in sources]


VENTURE_STAGES = (
    "IDEA",
    "PLANNING",
    "DEVELOPMENT",
    "TESTING",
    "LAUNCH",
    "GROWTH",
    "MATURE",
    "EXIT",
)

VENTURE = Definition(
    name="venture",
    description="A venture's lifecycle: one stage forward (advance) or back (revert) at a "
    "time; archived from any stage with a reason.",
    states=_states(*VENTURE_STAGES, "ARCHIVED", final=["ARCHIVED"]),
    transitions=tuple(
        [
            t
            for here, there in itertools.pairwise(VENTURE_STAGES)
            for t in _t("advance", here, there)
        ]
        + [
            t
            for there, here in itertools.pairwise(VENTURE_STAGES)
            for t in _t("revert", here, there)
        ]
        + _t("archive", VENTURE_STAGES, "ARCHIVED", guard=REASON_GUARD)
    ),
)

SIGNABLE = ("PENDING", "PARTIALLY_SIGNED")

LEGAL_DOCUMENT = Definition(
    name="legal_document",
    description="A legal document from draft to signed (or declined, expired, voided).",
    states=_states(
        "DRAFT",
        "PENDING",
        "PARTIALLY_SIGNED",
        "COMPLETED",
        "DECLINED",
        "EXPIRED",
        "VOIDED",
        final=["COMPLETED", "DECLINED", "EXPIRED", "VOIDED"],
    ),
    transitions=tuple(
        _t("send", "DRAFT", "PENDING")
        + _t("sign", SIGNABLE, "PARTIALLY_SIGNED", guard="legal.signers_remaining")
        + _t("complete", SIGNABLE, "COMPLETED", guard="legal.all_signers_signed")
        + _t("decline", SIGNABLE, "DECLINED", guard=REASON_GUARD)
        + _t("expire", SIGNABLE, "EXPIRED")
        + _t("void", ["DRAFT", *SIGNABLE], "VOIDED")
    ),
)

USER_JOURNEY = Definition(
    name="user_journey",
    description="A member's journey from onboarding to power user, and back if they drift.",
    states=_states(
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
        _t("start_profile", "ONBOARDING", "PROFILE_SETUP")
        + _t("submit_profile", "PROFILE_SETUP", "VERIFICATION")
        + _t("verify", "VERIFICATION", "ACTIVE")
        + _t("engage", "ACTIVE", "ENGAGED")
        + _t("disengage", "ENGAGED", "ACTIVE")
        + _t("level_up", "ENGAGED", "POWER_USER")
        + _t("level_down", "POWER_USER", "ENGAGED")
        + _t("lapse", "ACTIVE", "INACTIVE")
        + _t("churn", "INACTIVE", "CHURNED")
        + _t("restart", "CHURNED", "ONBOARDING")
        + _t("abandon", "ONBOARDING", "ABANDONED")
    ),
)

UMBRELLA = Definition(
    name="umbrella",
    description="A referral relationship: active once both parties signed the umbrella "
    "agreement; suspended and reinstated; terminated or expired.",
    states=_states(
        "PENDING_AGREEMENT",
        "ACTIVE",
        "SUSPENDED",
        "TERMINATED",
        "EXPIRED",
        final=["TERMINATED", "EXPIRED"],
    ),
    transitions=tuple(
        _t("activate", "PENDING_AGREEMENT", "ACTIVE", guard="umbrella.agreement_signed")
        + _t("suspend", "ACTIVE", "SUSPENDED", guard=REASON_GUARD)
        + _t("reinstate", "SUSPENDED", "ACTIVE")
        + _t("terminate", ["ACTIVE", "SUSPENDED"], "TERMINATED", guard=REASON_GUARD)
        + _t("expire", ["PENDING_AGREEMENT", "ACTIVE", "SUSPENDED"], "EXPIRED")
    ),
)

TEAM = Definition(
    name="team",
    description="A venture team: forming, active or paused, disbanded from any state.",
    states=_states("FORMING", "ACTIVE", "PAUSED", "DISBANDED", final=["DISBANDED"]),
    transitions=tuple(
        _t("activate", "FORMING", "ACTIVE")
        + _t("pause", "ACTIVE", "PAUSED")
        + _t("resume", "PAUSED", "ACTIVE")
        + _t("disband", ["FORMING", "ACTIVE", "PAUSED"], "DISBANDED")
    ),
)

SUBSCRIPTION = Definition(
    name="subscription",
    description="A subscription: trial, active or paused, cancelled or expired, and "
    "reactivated. No state is final.",
    states=_states("TRIAL", "ACTIVE", "PAUSED", "CANCELLED", "EXPIRED"),
    transitions=tuple(
        _t("activate", "TRIAL", "ACTIVE")
        + _t("pause", "ACTIVE", "PAUSED")
        + _t("resume", "PAUSED", "ACTIVE")
        + _t("cancel", ["TRIAL", "ACTIVE", "PAUSED"], "CANCELLED")
        + _t("expire", ["TRIAL", "ACTIVE", "PAUSED"], "EXPIRED")
        + _t("reactivate", ["CANCELLED", "EXPIRED"], "ACTIVE")
    ),
)

BUILTIN: tuple[Definition, ...] = (
    VENTURE,
    LEGAL_DOCUMENT,
    USER_JOURNEY,
    UMBRELLA,
    TEAM,
    SUBSCRIPTION,
)

_registry: dict[str, Definition] = {d.name: d for d in BUILTIN}


def register_definition(definition: Definition) -> None:
    """Make `definition` the current one for its name (validated already by construction)."""
    existing = _registry.get(definition.name)
    if existing is not None and existing.sha256 == definition.sha256:
        return
    _registry[definition.name] = definition.with_version(0)


def current(name: str) -> Definition | None:
    """The definition the code declares for `name` (unversioned)."""
    return _registry.get(name)


def names() -> list[str]:
    return sorted(_registry)
