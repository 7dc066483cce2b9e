from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.device_create import DeviceCreate
from ...models.device_read import DeviceRead
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    *,
    body: DeviceCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/notifications/devices",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeviceRead | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = DeviceRead.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = DeviceRead.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[DeviceRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DeviceCreate,
) -> Response[DeviceRead | ProblemDetails]:
    """Register this browser's push subscription (`PushSubscription.toJSON()`).

     Register this browser's push subscription (`PushSubscription.toJSON()`).

    Needs `Authorization: Bearer <access token>`.

    Args:
        body (DeviceCreate): A browser's `PushSubscription.toJSON()`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeviceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: DeviceCreate,
) -> DeviceRead | ProblemDetails | None:
    """Register this browser's push subscription (`PushSubscription.toJSON()`).

     Register this browser's push subscription (`PushSubscription.toJSON()`).

    Needs `Authorization: Bearer <access token>`.

    Args:
        body (DeviceCreate): A browser's `PushSubscription.toJSON()`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeviceRead | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DeviceCreate,
) -> Response[DeviceRead | ProblemDetails]:
    """Register this browser's push subscription (`PushSubscription.toJSON()`).

     Register this browser's push subscription (`PushSubscription.toJSON()`).

    Needs `Authorization: Bearer <access token>`.

    Args:
        body (DeviceCreate): A browser's `PushSubscription.toJSON()`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeviceRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DeviceCreate,
) -> DeviceRead | ProblemDetails | None:
    """Register this browser's push subscription (`PushSubscription.toJSON()`).

     Register this browser's push subscription (`PushSubscription.toJSON()`).

    Needs `Authorization: Bearer <access token>`.

    Args:
        body (DeviceCreate): A browser's `PushSubscription.toJSON()`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeviceRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
