"""The gamification domain (brain/domains/gamification/manifest.py says what it plugs in)."""
