"""The umbrella domain (brain/domains/umbrella/manifest.py says what it plugs in)."""
