from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response


def _get_kwargs(
    venture_id: UUID,
    *,
    reason: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["reason"] = reason

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/ventures/{venture_id}".format(
            venture_id=quote(str(venture_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

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
) -> Response[Any | ProblemDetails]:
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
    reason: str,
) -> Response[Any | ProblemDetails]:
    """Archive a venture (the owner; a reason is required). It stays readable.

     Archive a venture (the owner; a reason is required). It stays readable.

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        reason (str): Why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        venture_id=venture_id,
        reason=reason,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    reason: str,
) -> Any | ProblemDetails | None:
    """Archive a venture (the owner; a reason is required). It stays readable.

     Archive a venture (the owner; a reason is required). It stays readable.

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        reason (str): Why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        venture_id=venture_id,
        client=client,
        reason=reason,
    ).parsed


async def asyncio_detailed(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    reason: str,
) -> Response[Any | ProblemDetails]:
    """Archive a venture (the owner; a reason is required). It stays readable.

     Archive a venture (the owner; a reason is required). It stays readable.

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        reason (str): Why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        venture_id=venture_id,
        reason=reason,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    reason: str,
) -> Any | ProblemDetails | None:
    """Archive a venture (the owner; a reason is required). It stays readable.

     Archive a venture (the owner; a reason is required). It stays readable.

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        reason (str): Why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            venture_id=venture_id,
            client=client,
            reason=reason,
        )
    ).parsed
