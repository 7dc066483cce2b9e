"""What the buz domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest
from brain.domains.buz import export, handlers, jobs, models, transfer_fn
from brain.domains.buz.router import router

MANIFEST = DomainManifest(
    name="buz",
    models=models,
    router=router,
    tag="buz",
    description=(
        "The BUZ token: a double-entry ledger of wallets, staking and system accounts. "
        'Amounts are decimal strings with at most two places (`"1000.50"`); every write '
        "takes an `Idempotency-Key` header."
    ),
    register=handlers.register,
    register_cron=jobs.register_cron,
    export=export.EXPORT,
    startup=transfer_fn.check_function,
)
