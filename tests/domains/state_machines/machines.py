"""Machines the engine's tests run, declared here as a domain would declare its own: the
engine's generic built-ins alone do not exercise guards, reasons or long walks. Registered for
each test by the `registered_test_machines` fixture (conftest.py)."""

from __future__ import annotations

import itertools

from brain.domains.state_machines.service import (
    REASON_GIVEN,
    Definition,
    build_states,
    build_transitions,
)

# Guards the tests stand in for (`stand_in_guards`), as an owning domain would register them.
CONTRACT_SIGNERS_REMAINING = "contract.signers_remaining"
CONTRACT_ALL_SIGNED = "contract.all_signed"
REFERRAL_AGREEMENT_SIGNED = "referral.agreement_signed"
STAND_IN_GUARDS = (CONTRACT_SIGNERS_REMAINING, CONTRACT_ALL_SIGNED, REFERRAL_AGREEMENT_SIGNED)

STAGES = ("IDEA", "PLANNING", "DEVELOPMENT", "TESTING", "LAUNCH", "GROWTH", "MATURE", "EXIT")

# One stage forward or back at a time; archived from any stage with a reason.
PIPELINE = Definition(
    name="pipeline",
    description="Stages walked one at a time, archived from any stage with a reason.",
    states=build_states(*STAGES, "ARCHIVED", final=["ARCHIVED"]),
    transitions=tuple(
        [
            t
            for here, there in itertools.pairwise(STAGES)
            for t in build_transitions("advance", here, there)
        ]
        + [
            t
            for there, here in itertools.pairwise(STAGES)
            for t in build_transitions("revert", here, there)
        ]
        + build_transitions("archive", STAGES, "ARCHIVED", guard=REASON_GIVEN)
    ),
)

# A small machine with a final state reachable from every other one.
CREW = Definition(
    name="crew",
    description="Forming, active or paused, disbanded from any state.",
    states=build_states("FORMING", "ACTIVE", "PAUSED", "DISBANDED", final=["DISBANDED"]),
    transitions=tuple(
        build_transitions("activate", "FORMING", "ACTIVE")
        + build_transitions("pause", "ACTIVE", "PAUSED")
        + build_transitions("resume", "PAUSED", "ACTIVE")
        + build_transitions("disband", ["FORMING", "ACTIVE", "PAUSED"], "DISBANDED")
    ),
)

# Two guarded events out of the same states, the guard choosing which applies (the shape of
# a multi-party signature), and a deadline event for the timers.
CONTRACT = Definition(
    name="contract",
    description="A contract from draft to signed, expired or voided.",
    states=build_states(
        "DRAFT",
        "PENDING",
        "PARTIALLY_SIGNED",
        "COMPLETED",
        "EXPIRED",
        "VOIDED",
        final=["COMPLETED", "EXPIRED", "VOIDED"],
    ),
    transitions=tuple(
        build_transitions("send", "DRAFT", "PENDING")
        + build_transitions(
            "sign",
            ["PENDING", "PARTIALLY_SIGNED"],
            "PARTIALLY_SIGNED",
            guard=CONTRACT_SIGNERS_REMAINING,
        )
        + build_transitions(
            "complete", ["PENDING", "PARTIALLY_SIGNED"], "COMPLETED", guard=CONTRACT_ALL_SIGNED
        )
        + build_transitions("expire", ["PENDING", "PARTIALLY_SIGNED"], "EXPIRED")
        + build_transitions("void", ["DRAFT", "PENDING", "PARTIALLY_SIGNED"], "VOIDED")
    ),
)

# A guard that, in `test_a_guard_nobody_registered_refuses`, no domain registered.
REFERRAL = Definition(
    name="referral",
    description="Active once the agreement is signed; suspended with a reason and reinstated.",
    states=build_states("PENDING_AGREEMENT", "ACTIVE", "SUSPENDED", "ENDED", final=["ENDED"]),
    transitions=tuple(
        build_transitions(
            "activate", "PENDING_AGREEMENT", "ACTIVE", guard=REFERRAL_AGREEMENT_SIGNED
        )
        + build_transitions("suspend", "ACTIVE", "SUSPENDED", guard=REASON_GIVEN)
        + build_transitions("reinstate", "SUSPENDED", "ACTIVE")
        + build_transitions("end", ["PENDING_AGREEMENT", "ACTIVE", "SUSPENDED"], "ENDED")
    ),
)

TEST_MACHINES = (PIPELINE, CREW, CONTRACT, REFERRAL)
