"""The umbrella domain: referral chains that share revenue in BUZ, and the social graph."""

# Registers the `umbrella` machine with the engine at import, as ventures does for its own, so
# the docs generator can ask the engine for it before the app starts.
from brain.domains.umbrella import lifecycle as lifecycle
