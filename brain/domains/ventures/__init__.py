"""The ventures domain: ventures, their lifecycle, teams, invitations, metrics and timeline."""

# Registers the `venture` machine with the engine at import, as legal does for its own, so the
# docs generator can ask the engine for it before the app starts.
from brain.domains.ventures import lifecycle as lifecycle
