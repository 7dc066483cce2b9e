"""Dependencies every router may use (the house style's one sanctioned upward import):

    CurrentUser                  a valid access token, else 401 AUTH_REQUIRED
    OptionalUser                 the caller if a token is sent, else None (a bad token is 401)
    require_permission("x:y")    401 without a valid token, 403 INSUFFICIENT_PERMISSIONS
                                 without the permission

Authenticating a request also counts it against the per-user API rate limit
(`rate_limit_api_per_15min`), unless `BRAIN_RATE_LIMITS_ENABLED=false`; on Redis its counts
are synced in batches (`brain.core.ratelimit`, `BRAIN_RATE_LIMIT_SYNC_SECONDS`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from brain.core import ratelimit
from brain.core.config import Settings, get_settings
from brain.core.db import SessionDep
from brain.core.errors import AuthRequired, PermissionDenied, RateLimited
from brain.core.openapi import declares, optional_auth
from brain.domains.auth import service
from brain.domains.auth.schemas import AuthenticatedUser

# tokenUrl makes Swagger UI's "Authorize" button sign in through the OAuth2 password form.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)

__all__ = [
    "AuthenticatedUser",
    "CurrentUser",
    "OptionalUser",
    "get_current_user",
    "get_optional_user",
    "request_settings",
    "require_permission",
]

API_WINDOW_SECONDS = 15 * 60


def request_settings(request: Request) -> Settings:
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


async def _authenticate(request: Request, session: SessionDep, token: str) -> AuthenticatedUser:
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, AuthenticatedUser):
        return cached
    settings = request_settings(request)
    user = await service.principal(session, settings, access_token=token)
    request.state.principal = user
    # The contract with brain.core.ratelimit: per-user limits key on this.
    request.state.user_id = str(user.id)
    if settings.rate_limits_enabled:
        result = await ratelimit.hit(
            f"api:user:{user.id}",
            limit=settings.rate_limit_api_per_15min,
            window_seconds=API_WINDOW_SECONDS,
            # Every authenticated request counts here: synced to Redis in batches.
            batched=True,
        )
        if not result.allowed:
            raise RateLimited(
                result.retry_after,
                f"Too many requests; try again in {result.retry_after} seconds.",
            )
    return user


@declares(AuthRequired, RateLimited)
async def get_current_user(
    request: Request,
    session: SessionDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> AuthenticatedUser:
    if not token:
        raise AuthRequired("Sign in: send `Authorization: Bearer <access token>`.")
    return await _authenticate(request, session, token)


@optional_auth
@declares(AuthRequired, RateLimited)
async def get_optional_user(
    request: Request,
    session: SessionDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> AuthenticatedUser | None:
    if not token:
        return None
    return await _authenticate(request, session, token)


CurrentUser = Annotated[AuthenticatedUser, Depends(get_current_user)]
OptionalUser = Annotated[AuthenticatedUser | None, Depends(get_optional_user)]


def require_permission(permission: str) -> Callable[..., Awaitable[AuthenticatedUser]]:
    """A dependency returning the caller if it holds `permission`:

        Minter = Annotated[AuthenticatedUser, Depends(require_permission("buz:mint"))]
        async def mint(admin: Minter): ...
    or
        @router.post("/mint", dependencies=[Depends(require_permission("buz:mint"))])
    """

    @declares(PermissionDenied)
    async def check_permission(user: CurrentUser) -> AuthenticatedUser:
        if not user.can(permission):
            raise PermissionDenied(f"This needs the permission `{permission}`.")
        return user

    check_permission.__qualname__ = f"require_permission[{permission}]"
    return check_permission
