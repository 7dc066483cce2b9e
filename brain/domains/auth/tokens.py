"""Access tokens (JWT) and opaque tokens (refresh, reset, verification).

Access tokens are verified with exactly one algorithm, the configured one (`alg: none` and
algorithm confusion are refused by construction), and every `JOSEError`, not only
`JWTError`, becomes 401: a crafted token must never become a 500.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from brain.core.config import Settings
from brain.core.errors import AuthRequired
from brain.core.models import utcnow

ACCESS_TYPE = "access"


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    role: str
    session_id: uuid.UUID
    jti: str
    issued_at: datetime
    expires_at: datetime


def _signing_key(settings: Settings) -> str:
    if settings.jwt_algorithm.startswith("RS"):
        if not settings.jwt_private_key:
            raise RuntimeError("BRAIN_JWT_PRIVATE_KEY is required for RS256")
        return settings.jwt_private_key
    return settings.secret_key


def _verifying_key(settings: Settings) -> str:
    if settings.jwt_algorithm.startswith("RS"):
        if not settings.jwt_public_key:
            raise RuntimeError("BRAIN_JWT_PUBLIC_KEY is required for RS256")
        return settings.jwt_public_key
    return settings.secret_key


def create_access_token(
    settings: Settings, *, user_id: uuid.UUID, role: str, session_id: uuid.UUID
) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds."""
    # python-jose is imported on the first token, not at start: it loads cryptography (~10 MB).
    from jose import jwt

    now = utcnow()
    lifetime = settings.access_token_minutes * 60
    claims = {
        "sub": str(user_id),
        "role": role,
        "sid": str(session_id),
        "jti": uuid.uuid4().hex,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=lifetime)).timestamp()),
        "typ": ACCESS_TYPE,
    }
    token = jwt.encode(claims, _signing_key(settings), algorithm=settings.jwt_algorithm)
    return token, lifetime


# How far in the future a token's `iat` may be: the Brain processes' clocks may disagree by
# this much (NTP keeps real servers far closer).
CLOCK_SKEW_SECONDS = 60


def decode_claims(settings: Settings, token: str) -> dict[str, object]:
    """Verified claims of an access token, or AuthRequired."""
    # Imported on the first token, not at start: python-jose loads cryptography (~10 MB).
    from jose import jwt
    from jose.exceptions import JOSEError

    try:
        claims = jwt.decode(
            token,
            _verifying_key(settings),
            algorithms=[settings.jwt_algorithm],
            options={
                "require_exp": True,
                "require_iat": True,
                "require_sub": True,
                "require_jti": True,
            },
        )
    except JOSEError as exc:
        raise AuthRequired("The access token is invalid or expired.") from exc
    if not isinstance(claims, dict):
        raise AuthRequired("The access token is invalid or expired.")
    return claims


# Verified access tokens, so a client sending the same token on every request pays for the
# signature check once: python-jose's decode was ~9 % of the CPU of an authenticated read.
# Only tokens that passed every check are kept; expiry is checked again on every hit, and
# revocation never depended on this (the session row is read on every request). Keyed by the
# algorithm and key too, so a key rotation verifies afresh. Bounded: the oldest entry goes.
_VERIFIED: dict[tuple[str, str, str], AccessClaims] = {}
VERIFIED_CACHE_SIZE = 4096


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    key = (token, settings.jwt_algorithm, _verifying_key(settings))
    cached = _VERIFIED.get(key)
    if cached is not None:
        if cached.expires_at > utcnow():
            return cached
        del _VERIFIED[key]
        raise AuthRequired("The access token is invalid or expired.")
    verified = _verify_access_token(settings, token)
    if len(_VERIFIED) >= VERIFIED_CACHE_SIZE:
        del _VERIFIED[next(iter(_VERIFIED))]
    _VERIFIED[key] = verified
    return verified


def _verify_access_token(settings: Settings, token: str) -> AccessClaims:
    claims = decode_claims(settings, token)
    if claims.get("typ") != ACCESS_TYPE:
        raise AuthRequired("Not an access token.")
    try:
        verified = AccessClaims(
            user_id=uuid.UUID(str(claims["sub"])),
            role=str(claims["role"]),
            session_id=uuid.UUID(str(claims["sid"])),
            jti=str(claims["jti"]),
            issued_at=datetime.fromtimestamp(int(str(claims["iat"])), tz=utcnow().tzinfo),
            expires_at=datetime.fromtimestamp(int(str(claims["exp"])), tz=utcnow().tzinfo),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise AuthRequired("The access token is invalid or expired.") from exc
    # python-jose only checks that `iat` is a number. A token "issued" later than now (beyond
    # the clocks' disagreement between Brain processes) was not made by this clock: refuse it,
    # or a key holder could mint tokens that look fresh to every age-based check later.
    if verified.issued_at > utcnow() + timedelta(seconds=CLOCK_SKEW_SECONDS):
        raise AuthRequired("The access token is invalid or expired.")
    return verified


def new_opaque_token() -> str:
    """A random token for refresh, reset and verification: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
