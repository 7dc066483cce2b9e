"""`/api/auth`: sign-in, tokens, sessions, password flows, roles and the security audit log."""

from __future__ import annotations

import uuid
from typing import Annotated, NoReturn

from fastapi import Depends, Form, Query, Request, Response, status
from pydantic import AfterValidator
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.db import SessionDep
from brain.core.errors import AuthRequired, BrainError, ComplianceRequired
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.ratelimit import client_ip, rate_limit
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.auth import pages, service
from brain.domains.auth.deps import (
    CurrentUser,
    OptionalUser,
    get_current_user,
    request_settings,
    require_permission,
)
from brain.domains.auth.errors import (
    EmailUnchanged,
    InvalidCredentials,
    InvalidToken,
    RegistrationRefused,
    RoleGrantForbidden,
    SessionNotFound,
)
from brain.domains.auth.schemas import (
    AcceptedResponse,
    AuditEntryRead,
    AuditKind,
    AuthenticatedUser,
    ChangePasswordRequest,
    EmailChangeConfirm,
    EmailChangeRequest,
    ForgotPasswordRequest,
    LoginRequest,
    MeRead,
    RefreshRequest,
    RegisterRequest,
    ResetPasswordRequest,
    RoleUpdate,
    SessionRead,
    TokenResponse,
    UnlockRead,
    UnlockRequest,
    VerifyEmailRequest,
    VerifyRequest,
    VerifyResponse,
)
from brain.domains.users import service as users
from brain.domains.users.errors import EmailTaken, SelfChangeForbidden, UserNotFound
from brain.domains.users.schemas import UserRead, valid_email

router = DomainRouter(prefix="/auth", tags=["auth"])

# Per client IP (domain rules: login 10 per minute). Sign-in and the token form share one
# budget; the account-recovery endpoints have their own with the same size (pages.py, shared
# with the recovery pages).
login_limit = Depends(
    rate_limit(
        "auth.login",
        limit=lambda s: s.rate_limit_login_per_minute,
        window_seconds=60,
        key="ip",
    )
)
recovery_limit = pages.recovery_limit

# Per user, after authentication (each request sends two emails; see ratelimit's docstring).
email_change_limit = Depends(
    rate_limit(
        "auth.email_change",
        limit=lambda s: s.rate_limit_email_change_per_hour,
        window_seconds=3600,
        key="user",
    )
)

AuditReader = Annotated[AuthenticatedUser, Depends(require_permission("auth:audit_read"))]
LockoutManager = Annotated[AuthenticatedUser, Depends(require_permission("auth:lockouts_manage"))]


def _client(request: Request) -> service.Client:
    return service.Client(ip=client_ip(request), user_agent=request.headers.get("user-agent"))


async def _commit_then_raise(session: AsyncSession, exc: BrainError) -> NoReturn:
    """Commit the request's transaction, then raise `exc`.

    A failed attempt must still leave its trace: a failed login or password change records
    its throttle count and audit rows, a reused refresh token revokes its session. The
    request's session rolls back on any error, which would erase exactly those rows."""
    await session.commit()
    raise exc


async def _token_response(session: AsyncSession, issued: service.IssuedTokens) -> TokenResponse:
    user = await users.get_user(session, issued.user_id)
    return TokenResponse(
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        expires_in=issued.expires_in,
        user=users.user_read(user, full=True),
    )


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenResponse,
    responses=problems(RegistrationRefused),
    dependencies=[recovery_limit],
)
async def register(
    body: RegisterRequest, request: Request, session: SessionDep, response: Response
) -> TokenResponse:
    """Create an account (always GUEST) and sign it in."""
    issued = await service.register(
        session, request_settings(request), data=body, client=_client(request)
    )
    answer = await _token_response(session, issued)
    set_location(response, f"/users/{answer.user.id}")
    return answer


async def _login(session: AsyncSession, request: Request, email: str, password: str,
                 method: str) -> TokenResponse:  # fmt: skip
    settings = request_settings(request)
    client = _client(request)
    try:
        user_id = await service.authenticate(
            session, settings, email=email, password=password, client=client
        )
    except BrainError as exc:
        await _commit_then_raise(session, exc)
    issued = await service.start_session(
        session, settings, user_id=user_id, client=client, method=method
    )
    return await _token_response(session, issued)


@router.post(
    "/login",
    response_model=TokenResponse,
    # RATE_LIMITED also when the account is locked out (brain/domains/auth/lockout.py).
    responses=problems(InvalidCredentials),
    dependencies=[login_limit],
)
async def login(body: LoginRequest, request: Request, session: SessionDep) -> TokenResponse:
    """Sign in with email and password; returns a token pair."""
    return await _login(session, request, str(body.email), body.password, "password")


class TokenForm:
    """The OAuth2 password form that Swagger UI's Authorize sends. FastAPI's own form declares
    `username` and `password` as any string, but an empty form field arrives as missing (422):
    the bounds say so, as `/login`'s do; and `grant_type` as nullable, which a form cannot
    send."""

    def __init__(
        self,
        username: Annotated[
            str,
            Form(min_length=1, max_length=320, description="Your email address."),
            AfterValidator(valid_email),  # the rule `/login` applies to `email`
        ],
        password: Annotated[
            str, Form(min_length=1, max_length=1024, json_schema_extra={"format": "password"})
        ],
        # No `None`: a form field cannot be null, and "null" is not "password".
        grant_type: Annotated[str, Form(pattern="^password$")] = "password",
        scope: Annotated[str, Form(max_length=1000)] = "",
    ) -> None:
        self.username = username
        self.password = password
        self.grant_type = grant_type
        self.scope = scope


@router.post(
    "/token",
    response_model=TokenResponse,
    responses=problems(InvalidCredentials),
    dependencies=[login_limit],
)
async def token(
    form: Annotated[TokenForm, Depends()], request: Request, session: SessionDep
) -> TokenResponse:
    """Sign in through the OAuth2 password form (`username` is the email); for Swagger UI."""
    return await _login(session, request, form.username, form.password, "oauth2_form")


@router.post(
    "/refresh",
    response_model=TokenResponse,
    responses=problems(AuthRequired),
    dependencies=[login_limit],
)
async def refresh(body: RefreshRequest, request: Request, session: SessionDep) -> TokenResponse:
    """Exchange a refresh token for a new pair; the old one is spent."""
    try:
        issued = await service.refresh(
            session,
            request_settings(request),
            refresh_token=body.refresh_token,
            client=_client(request),
        )
    except BrainError as exc:
        await _commit_then_raise(session, exc)
    return await _token_response(session, issued)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(user: CurrentUser, request: Request, session: SessionDep) -> Response:
    """End the current session: its refresh tokens and access tokens stop working."""
    await service.revoke_session(
        session, session_id=user.session_id, actor=user, reason="logout", client=_client(request)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=MeRead)
async def me(user: CurrentUser, session: SessionDep) -> MeRead:
    """The signed-in user with role and permissions."""
    row = await users.get_user(session, user.id)
    return MeRead(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        permissions=sorted(user.permissions),
        session_id=user.session_id,
        email_verified=row.email_verified_at is not None,
    )


@router.post("/verify", response_model=VerifyResponse)
async def verify(body: VerifyRequest, request: Request, session: SessionDep) -> VerifyResponse:
    """Check an access token: signature, expiry, type and session (for services, debugging)."""
    claims = await service.verify_access_token(session, request_settings(request), token=body.token)
    return VerifyResponse(valid=claims is not None, claims=claims)


ACCEPTED = "If an account with this email exists, we have sent it a link."


@router.post(
    "/forgot-password",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=AcceptedResponse,
    dependencies=[recovery_limit],
)
async def forgot_password(
    body: ForgotPasswordRequest, request: Request, session: SessionDep
) -> AcceptedResponse:
    """Email a single-use reset link if the account exists; always 202."""
    await service.forgot_password(
        session, request_settings(request), email=str(body.email), client=_client(request)
    )
    return AcceptedResponse(detail=ACCEPTED)


@router.post(
    "/reset-password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(InvalidToken),
    dependencies=[recovery_limit],
)
async def reset_password(
    body: ResetPasswordRequest, request: Request, session: SessionDep
) -> Response:
    """Set a new password with a reset token; signs out every session."""
    await service.reset_password(
        session, token=body.token, new_password=body.new_password, client=_client(request)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/change-password",
    status_code=status.HTTP_204_NO_CONTENT,
    # RATE_LIMITED also after too many wrong current passwords (the sign-in lockout).
    responses=problems(InvalidCredentials),
)
async def change_password(
    body: ChangePasswordRequest, user: CurrentUser, request: Request, session: SessionDep
) -> Response:
    """Change your password; signs out your other sessions."""
    try:
        await service.change_password(
            session,
            request_settings(request),
            actor=user,
            current_password=body.current_password,
            new_password=body.new_password,
            client=_client(request),
        )
    except BrainError as exc:
        await _commit_then_raise(session, exc)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/verify-email",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(InvalidToken),
    dependencies=[recovery_limit],
)
async def verify_email(body: VerifyEmailRequest, session: SessionDep) -> Response:
    """Confirm an email address with the token from the verification email."""
    await service.verify_email(session, token=body.token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/resend-verification",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=AcceptedResponse,
    dependencies=[recovery_limit],
)
async def resend_verification(
    user: CurrentUser, request: Request, session: SessionDep
) -> AcceptedResponse:
    """Email a new verification link (nothing happens if the email is already verified)."""
    await service.send_verification(session, request_settings(request), user_id=user.id)
    return AcceptedResponse(detail="If your email is not verified yet, we have sent a link.")


@router.post(
    "/email-change",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=AcceptedResponse,
    responses=problems(EmailUnchanged, InvalidCredentials),
    dependencies=[Depends(get_current_user), recovery_limit, email_change_limit],
)
async def request_email_change(
    body: EmailChangeRequest, user: CurrentUser, request: Request, session: SessionDep
) -> AcceptedResponse:
    """Ask to move your account to a new email address (your password is required).

    A link to confirm goes to the new address and a notice to the current one; nothing
    changes until the link is opened. The answer does not say whether the new address is
    already in use."""
    try:
        await service.request_email_change(
            session,
            request_settings(request),
            actor=user,
            new_email=str(body.new_email),
            current_password=body.current_password,
            client=_client(request),
        )
    except BrainError as exc:
        await _commit_then_raise(session, exc)
    return AcceptedResponse(
        detail="We have sent a link to the new address; your email changes when it is opened."
    )


@router.post(
    "/email-change/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(InvalidToken, EmailTaken),
    dependencies=[recovery_limit],
)
async def confirm_email_change(
    body: EmailChangeConfirm, caller: OptionalUser, request: Request, session: SessionDep
) -> Response:
    """Move the account to the new address with the token from the confirmation email.

    Works signed out (the link may be opened on another device); every session of the
    account ends except the caller's own. 409 `EMAIL_TAKEN` if another account took the
    address meanwhile."""
    await service.confirm_email_change(
        session,
        request_settings(request),
        token=body.token,
        client=_client(request),
        caller=caller,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/sessions", response_model=Page[SessionRead])
async def list_sessions(user: CurrentUser, session: SessionDep) -> Page[SessionRead]:
    """Your active sessions (signed-in devices), newest first."""
    rows = await service.list_sessions(session, user_id=user.id)
    items = [
        SessionRead(
            id=r.id,
            created_at=r.created_at,
            last_used_at=r.last_used_at,
            expires_at=r.expires_at,
            ip=r.ip,
            user_agent=r.user_agent,
            current=r.id == user.session_id,
        )
        for r in rows
    ]
    # At most `max_sessions_per_user` items: always one page.
    return Page[SessionRead](items=items, next_cursor=None)


@router.delete(
    "/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(SessionNotFound),
)
async def revoke_session(
    session_id: uuid.UUID, user: CurrentUser, request: Request, session: SessionDep
) -> Response:
    """End one of your sessions (SECURITY_ADMIN: anyone's)."""
    await service.revoke_session(
        session, session_id=session_id, actor=user, reason="revoked", client=_client(request)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/audit", response_model=Page[AuditEntryRead])
async def audit_log(
    _reader: AuditReader,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    kind: Annotated[AuditKind | None, Query(description="Only entries of this kind.")] = None,
    user_id: Annotated[uuid.UUID | None, Query(description="Only entries about this user.")] = None,
) -> Page[AuditEntryRead]:
    """The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN)."""
    rows, next_cursor = await service.list_audit(session, page=page, kind=kind, user_id=user_id)
    items = [AuditEntryRead.model_validate(r, from_attributes=True) for r in rows]
    return Page[AuditEntryRead](items=items, next_cursor=next_cursor)


@router.put(
    "/users/{user_id}/role",
    response_model=UserRead,
    # COMPLIANCE_REQUIRED: the role's documents unsigned (the legal domain's registered check).
    responses=problems(SelfChangeForbidden, RoleGrantForbidden, ComplianceRequired, UserNotFound),
)
async def set_role(
    user_id: uuid.UUID, body: RoleUpdate, user: CurrentUser, request: Request, session: SessionDep
) -> UserRead:
    """Change a user's role (only roles the caller may grant; never your own)."""
    await service.change_role(
        session, actor=user, user_id=user_id, role=body.role, client=_client(request)
    )
    return users.user_read(await users.get_user(session, user_id), full=True)


@router.post("/users/{user_id}/unlock", response_model=UnlockRead, responses=problems(UserNotFound))
async def unlock_user(
    user_id: uuid.UUID,
    body: UnlockRequest,
    admin: LockoutManager,
    request: Request,
    session: SessionDep,
) -> UnlockRead:
    """Lift a user's sign-in lockout and forget their failed attempts (SECURITY_ADMIN,
    SUPER_ADMIN); audited with the reason. Unlocking an account that is not locked changes
    nothing and answers `was_locked: false` (audited too)."""
    result = await service.unlock_account(
        session, user_id=user_id, actor_id=admin.id, reason=body.reason, client=_client(request)
    )
    return UnlockRead(
        user_id=result.user_id,
        was_locked=result.was_locked,
        locked_until=result.locked_until,
        failed_attempts_cleared=result.failed_attempts_cleared,
    )


# The HTML pages emailed links open when no web app is configured (auth/pages.py).
pages.add_pages(router)
