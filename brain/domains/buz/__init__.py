"""The BUZ token: a double-entry ledger of accounts and immutable transfers."""
