from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.notification_read_page import NotificationReadPage
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    unread: bool | None | Unset = UNSET,
    type_: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_unread: bool | None | Unset
    if isinstance(unread, Unset):
        json_unread = UNSET
    else:
        json_unread = unread
    params["unread"] = json_unread

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    else:
        json_type_ = type_
    params["type"] = json_type_

    params["archived"] = archived

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
        "url": "/api/notifications",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NotificationReadPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = NotificationReadPage.from_dict(response.json())

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
) -> Response[NotificationReadPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    unread: bool | None | Unset = UNSET,
    type_: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[NotificationReadPage | ProblemDetails]:
    """My inbox, newest first; filter by unread, type, archived.

     My inbox, newest first; filter by unread, type, archived.

    Needs `Authorization: Bearer <access token>`.

    Args:
        unread (bool | None | Unset): true: unread only; false: read only.
        type_ (None | str | Unset): One type only.
        archived (bool | Unset): true: the archived items instead of the inbox. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NotificationReadPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        unread=unread,
        type_=type_,
        archived=archived,
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
    unread: bool | None | Unset = UNSET,
    type_: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> NotificationReadPage | ProblemDetails | None:
    """My inbox, newest first; filter by unread, type, archived.

     My inbox, newest first; filter by unread, type, archived.

    Needs `Authorization: Bearer <access token>`.

    Args:
        unread (bool | None | Unset): true: unread only; false: read only.
        type_ (None | str | Unset): One type only.
        archived (bool | Unset): true: the archived items instead of the inbox. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NotificationReadPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        unread=unread,
        type_=type_,
        archived=archived,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unread: bool | None | Unset = UNSET,
    type_: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[NotificationReadPage | ProblemDetails]:
    """My inbox, newest first; filter by unread, type, archived.

     My inbox, newest first; filter by unread, type, archived.

    Needs `Authorization: Bearer <access token>`.

    Args:
        unread (bool | None | Unset): true: unread only; false: read only.
        type_ (None | str | Unset): One type only.
        archived (bool | Unset): true: the archived items instead of the inbox. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NotificationReadPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        unread=unread,
        type_=type_,
        archived=archived,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    unread: bool | None | Unset = UNSET,
    type_: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> NotificationReadPage | ProblemDetails | None:
    """My inbox, newest first; filter by unread, type, archived.

     My inbox, newest first; filter by unread, type, archived.

    Needs `Authorization: Bearer <access token>`.

    Args:
        unread (bool | None | Unset): true: unread only; false: read only.
        type_ (None | str | Unset): One type only.
        archived (bool | Unset): true: the archived items instead of the inbox. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NotificationReadPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            unread=unread,
            type_=type_,
            archived=archived,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
