from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.files_share_read import FilesShareRead
from ...models.problem_details import ProblemDetails
from ...models.share_create import ShareCreate
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    *,
    body: ShareCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/files/{file_id}/shares".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FilesShareRead | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = FilesShareRead.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = FilesShareRead.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ProblemDetails.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

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
) -> Response[FilesShareRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShareCreate,
) -> Response[FilesShareRead | ProblemDetails]:
    """Share a file (read) with a user or with a venture you are on (owner or admin).

     Share a file (read) with a user or with a venture you are on (owner or admin).

    Needs `Authorization: Bearer <access token>`.

    Args:
        file_id (UUID):
        body (ShareCreate): Exactly one of `user_id` and `venture_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FilesShareRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShareCreate,
) -> FilesShareRead | ProblemDetails | None:
    """Share a file (read) with a user or with a venture you are on (owner or admin).

     Share a file (read) with a user or with a venture you are on (owner or admin).

    Needs `Authorization: Bearer <access token>`.

    Args:
        file_id (UUID):
        body (ShareCreate): Exactly one of `user_id` and `venture_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FilesShareRead | ProblemDetails
    """

    return sync_detailed(
        file_id=file_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShareCreate,
) -> Response[FilesShareRead | ProblemDetails]:
    """Share a file (read) with a user or with a venture you are on (owner or admin).

     Share a file (read) with a user or with a venture you are on (owner or admin).

    Needs `Authorization: Bearer <access token>`.

    Args:
        file_id (UUID):
        body (ShareCreate): Exactly one of `user_id` and `venture_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FilesShareRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ShareCreate,
) -> FilesShareRead | ProblemDetails | None:
    """Share a file (read) with a user or with a venture you are on (owner or admin).

     Share a file (read) with a user or with a venture you are on (owner or admin).

    Needs `Authorization: Bearer <access token>`.

    Args:
        file_id (UUID):
        body (ShareCreate): Exactly one of `user_id` and `venture_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FilesShareRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            client=client,
            body=body,
        )
    ).parsed
