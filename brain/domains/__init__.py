"""The Brain's domains, one package each (see docs/development.md)."""
