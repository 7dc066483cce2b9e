from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.role import Role
from ...models.user_read_page import UserReadPage
from ...models.user_status import UserStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    query: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    status: None | Unset | UserStatus = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_query: None | str | Unset
    if isinstance(query, Unset):
        json_query = UNSET
    else:
        json_query = query
    params["query"] = json_query

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, Role):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, UserStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/api/users",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | UserReadPage | None:
    if response.status_code == 200:
        response_200 = UserReadPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[ProblemDetails | UserReadPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    query: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    status: None | Unset | UserStatus = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | UserReadPage]:
    """List and search users, newest first.

     List and search users, newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        query (None | str | Unset): Matches display names (and emails, for admins).
        role (None | Role | Unset): Only users with this role.
        status (None | Unset | UserStatus): Only users with this status (admins only).
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | UserReadPage]
    """

    kwargs = _get_kwargs(
        query=query,
        role=role,
        status=status,
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
    query: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    status: None | Unset | UserStatus = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | UserReadPage | None:
    """List and search users, newest first.

     List and search users, newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        query (None | str | Unset): Matches display names (and emails, for admins).
        role (None | Role | Unset): Only users with this role.
        status (None | Unset | UserStatus): Only users with this status (admins only).
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | UserReadPage
    """

    return sync_detailed(
        client=client,
        query=query,
        role=role,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    query: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    status: None | Unset | UserStatus = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | UserReadPage]:
    """List and search users, newest first.

     List and search users, newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        query (None | str | Unset): Matches display names (and emails, for admins).
        role (None | Role | Unset): Only users with this role.
        status (None | Unset | UserStatus): Only users with this status (admins only).
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | UserReadPage]
    """

    kwargs = _get_kwargs(
        query=query,
        role=role,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    query: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    status: None | Unset | UserStatus = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | UserReadPage | None:
    """List and search users, newest first.

     List and search users, newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        query (None | str | Unset): Matches display names (and emails, for admins).
        role (None | Role | Unset): Only users with this role.
        status (None | Unset | UserStatus): Only users with this status (admins only).
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | UserReadPage
    """

    return (
        await asyncio_detailed(
            client=client,
            query=query,
            role=role,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
