"""Bare FastAPI apps the Brain is measured against: the same requests, none of the Brain."""
