"""State machines: the persistent, concurrency-safe engine that runs the Brain's lifecycles.
Each domain declares and registers its own machine (legal: `legal/lifecycle.py`); the engine
keeps only the generic built-ins no domain owns (user journeys, subscriptions).

Other domains call `service` in their own transaction; see docs/services/state-machines.md.
"""
