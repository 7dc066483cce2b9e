from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.position_read import PositionRead
from ...models.problem_details import ProblemDetails
from ...models.stake_create import StakeCreate
from ...types import Response


def _get_kwargs(
    *,
    body: StakeCreate,
    idempotency_key: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/buz/stake",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PositionRead | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = PositionRead.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = PositionRead.from_dict(response.json())

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
) -> Response[PositionRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: StakeCreate,
    idempotency_key: str,
) -> Response[PositionRead | ProblemDetails]:
    """Lock BUZ from your wallet in a staking tier.

     Lock BUZ from your wallet in a staking tier.

    Needs `Authorization: Bearer <access token>`.

    Args:
        idempotency_key (str): Your key for this operation (a UUID). The same key and body again
            returns the original result (200, `Idempotent-Replayed: true`); the same key with another
            body is 409 `IDEMPOTENCY_CONFLICT`.
        body (StakeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PositionRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: StakeCreate,
    idempotency_key: str,
) -> PositionRead | ProblemDetails | None:
    """Lock BUZ from your wallet in a staking tier.

     Lock BUZ from your wallet in a staking tier.

    Needs `Authorization: Bearer <access token>`.

    Args:
        idempotency_key (str): Your key for this operation (a UUID). The same key and body again
            returns the original result (200, `Idempotent-Replayed: true`); the same key with another
            body is 409 `IDEMPOTENCY_CONFLICT`.
        body (StakeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PositionRead | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StakeCreate,
    idempotency_key: str,
) -> Response[PositionRead | ProblemDetails]:
    """Lock BUZ from your wallet in a staking tier.

     Lock BUZ from your wallet in a staking tier.

    Needs `Authorization: Bearer <access token>`.

    Args:
        idempotency_key (str): Your key for this operation (a UUID). The same key and body again
            returns the original result (200, `Idempotent-Replayed: true`); the same key with another
            body is 409 `IDEMPOTENCY_CONFLICT`.
        body (StakeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PositionRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: StakeCreate,
    idempotency_key: str,
) -> PositionRead | ProblemDetails | None:
    """Lock BUZ from your wallet in a staking tier.

     Lock BUZ from your wallet in a staking tier.

    Needs `Authorization: Bearer <access token>`.

    Args:
        idempotency_key (str): Your key for this operation (a UUID). The same key and body again
            returns the original result (200, `Idempotent-Replayed: true`); the same key with another
            body is 409 `IDEMPOTENCY_CONFLICT`.
        body (StakeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PositionRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
