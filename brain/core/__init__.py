"""Framework-level building blocks shared by every domain. Imports no domain."""
