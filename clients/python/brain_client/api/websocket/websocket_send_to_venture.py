from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.published import Published
from ...models.venture_send import VentureSend
from ...types import Response


def _get_kwargs(
    venture_id: UUID,
    *,
    body: VentureSend,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/websocket/venture/{venture_id}/send".format(
            venture_id=quote(str(venture_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | Published | None:
    if response.status_code == 200:
        response_200 = Published.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ProblemDetails.from_dict(response.json())

        return response_408

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
) -> Response[ProblemDetails | Published]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    body: VentureSend,
) -> Response[ProblemDetails | Published]:
    """Post to a venture's channel (team members whose role may post).

     Post to a venture's channel (team members whose role may post).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        body (VentureSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Published]
    """

    kwargs = _get_kwargs(
        venture_id=venture_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    body: VentureSend,
) -> ProblemDetails | Published | None:
    """Post to a venture's channel (team members whose role may post).

     Post to a venture's channel (team members whose role may post).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        body (VentureSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Published
    """

    return sync_detailed(
        venture_id=venture_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    body: VentureSend,
) -> Response[ProblemDetails | Published]:
    """Post to a venture's channel (team members whose role may post).

     Post to a venture's channel (team members whose role may post).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        body (VentureSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Published]
    """

    kwargs = _get_kwargs(
        venture_id=venture_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    body: VentureSend,
) -> ProblemDetails | Published | None:
    """Post to a venture's channel (team members whose role may post).

     Post to a venture's channel (team members whose role may post).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        body (VentureSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Published
    """

    return (
        await asyncio_detailed(
            venture_id=venture_id,
            client=client,
            body=body,
        )
    ).parsed
