from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_entry_read_page import AuditEntryReadPage
from ...models.auth_audit_log_kind_type_0 import AuthAuditLogKindType0
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: AuthAuditLogKindType0 | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, AuthAuditLogKindType0):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_user_id: None | str | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    elif isinstance(user_id, UUID):
        json_user_id = str(user_id)
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/auth/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditEntryReadPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = AuditEntryReadPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = ProblemDetails.from_dict(response.json())

        return response_431

    if response.status_code == 500:
        response_500 = ProblemDetails.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditEntryReadPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: AuthAuditLogKindType0 | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[AuditEntryReadPage | ProblemDetails]:
    """The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

     The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

    Needs `Authorization: Bearer <access token>`.

    Args:
        kind (AuthAuditLogKindType0 | None | Unset): Only entries of this kind.
        user_id (None | Unset | UUID): Only entries about this user.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEntryReadPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        user_id=user_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    kind: AuthAuditLogKindType0 | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> AuditEntryReadPage | ProblemDetails | None:
    """The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

     The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

    Needs `Authorization: Bearer <access token>`.

    Args:
        kind (AuthAuditLogKindType0 | None | Unset): Only entries of this kind.
        user_id (None | Unset | UUID): Only entries about this user.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEntryReadPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        kind=kind,
        user_id=user_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: AuthAuditLogKindType0 | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[AuditEntryReadPage | ProblemDetails]:
    """The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

     The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

    Needs `Authorization: Bearer <access token>`.

    Args:
        kind (AuthAuditLogKindType0 | None | Unset): Only entries of this kind.
        user_id (None | Unset | UUID): Only entries about this user.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEntryReadPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        kind=kind,
        user_id=user_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kind: AuthAuditLogKindType0 | None | Unset = UNSET,
    user_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> AuditEntryReadPage | ProblemDetails | None:
    """The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

     The security audit log, newest first (SECURITY_ADMIN, SUPER_ADMIN).

    Needs `Authorization: Bearer <access token>`.

    Args:
        kind (AuthAuditLogKindType0 | None | Unset): Only entries of this kind.
        user_id (None | Unset | UUID): Only entries about this user.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEntryReadPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            user_id=user_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
