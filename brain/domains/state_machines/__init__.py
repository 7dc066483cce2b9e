"""State machines: the persistent, concurrency-safe engine that runs every lifecycle in the
Brain (legal documents, ventures, umbrella relationships, user journeys, teams, subscriptions).

Other domains call `service` in their own transaction; see docs/services/state-machines.md.
"""
