"""The installed domains: the one ordered list the composition root reads.

`DOMAIN_ORDER` is the house order of all twelve domains (docs/architecture.md, "What may import
what"): a domain may import the public modules of those before it, never of those after. The
import-linter layers contract in pyproject.toml states the same order and
tests/architecture/test_domains.py checks the two agree, so the order is declared here once.

`DOMAINS` is every installed domain's manifest, in that order. Adding a domain: write its
`manifest.py` (brain/core/manifest.py says what goes in it) and add its line here.
"""

from __future__ import annotations

from brain.core.manifest import DomainManifest
from brain.domains.analytics import manifest as analytics
from brain.domains.auth import manifest as auth
from brain.domains.buz import manifest as buz
from brain.domains.files import manifest as files
from brain.domains.gamification import manifest as gamification
from brain.domains.legal import manifest as legal
from brain.domains.notifications import manifest as notifications
from brain.domains.state_machines import manifest as state_machines
from brain.domains.umbrella import manifest as umbrella
from brain.domains.users import manifest as users
from brain.domains.ventures import manifest as ventures
from brain.domains.websocket import manifest as websocket

DOMAIN_ORDER: tuple[str, ...] = (
    "users",
    "notifications",
    "auth",
    "state_machines",
    "legal",
    "buz",
    "ventures",
    "files",
    "umbrella",
    "gamification",
    "analytics",
    "websocket",
)

DOMAINS: list[DomainManifest] = [
    users.MANIFEST,
    notifications.MANIFEST,
    auth.MANIFEST,
    state_machines.MANIFEST,
    legal.MANIFEST,
    buz.MANIFEST,
    ventures.MANIFEST,
    files.MANIFEST,
    umbrella.MANIFEST,
    gamification.MANIFEST,
    analytics.MANIFEST,
    websocket.MANIFEST,
]
