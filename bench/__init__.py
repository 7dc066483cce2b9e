"""Benchmarks, run by hand against a running Brain; never part of the test suite.

The first ones arrive with the BUZ ledger (transfers/s) and the proof harness (`make bench`).
"""
