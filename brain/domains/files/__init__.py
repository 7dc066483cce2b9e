"""The files domain (brain/domains/files/manifest.py says what it plugs in)."""
