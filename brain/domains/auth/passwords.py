"""Password hashing and policy.

Hashing: argon2id through passlib, in a worker thread (about 0.1 s of CPU each; on the event
loop it would stall every other request). Policy (OWASP ASVS 4.0.3 V2.1): length between the
configured bounds (12-128 by default), any characters, no composition rules, and not in the
common-password list shipped next to this module.

`common_passwords.txt` is Django's list (`django/contrib/auth/common-passwords.txt.gz`,
BSD-3-Clause): 19,640 passwords, lower-cased and de-duplicated from Royce Williams' 2017 list
of the most common passwords in breach corpora. The check is case-insensitive.
"""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import anyio

from brain.core.config import get_settings

if TYPE_CHECKING:
    from passlib.context import CryptContext


@cache
def _hasher() -> CryptContext:
    """Made on the first hash or verification, not at start: passlib and argon2 are ~1.5 MB
    of start-up memory that a process serving signed-in requests never needs."""
    from passlib.context import CryptContext

    return CryptContext(schemes=["argon2"], argon2__type="ID")


COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def policy_problem(password: str) -> str | None:
    """Why `password` is refused, or None if it is acceptable."""
    settings = get_settings()
    if len(password) < settings.password_min_length:
        return f"must be at least {settings.password_min_length} characters"
    if len(password) > settings.password_max_length:
        return f"must be at most {settings.password_max_length} characters"
    if password.lower() in common_passwords() or password.strip().lower() in common_passwords():
        return "is too common; choose a less predictable password"
    return None


def check_policy(password: str) -> str:
    """A pydantic after-validator: returns the password or raises ValueError."""
    problem = policy_problem(password)
    if problem is not None:
        raise ValueError(f"Password {problem}")
    return password


async def hash_password(password: str) -> str:
    return str(await anyio.to_thread.run_sync(_hasher().hash, password))


async def verify_password(password: str, password_hash: str) -> bool:
    return bool(await anyio.to_thread.run_sync(_hasher().verify, password, password_hash))


@cache
def _dummy_hash() -> str:
    return str(_hasher().hash(secrets.token_urlsafe(24)))


async def verify_dummy(password: str) -> None:
    """Spend the same time as a real verification (login for an unknown email), so response
    timing does not reveal whether an account exists."""
    dummy = await anyio.to_thread.run_sync(_dummy_hash)
    await anyio.to_thread.run_sync(_hasher().verify, password, dummy)
