from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_send import EventSend
from ...models.problem_details import ProblemDetails
from ...models.transition_result import TransitionResult
from ...types import Response


def _get_kwargs(
    machine_type: str,
    instance_id: str,
    *,
    body: EventSend,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/state-machines/{machine_type}/{instance_id}/event".format(
            machine_type=quote(str(machine_type), safe=""),
            instance_id=quote(str(instance_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | TransitionResult | None:
    if response.status_code == 200:
        response_200 = TransitionResult.from_dict(response.json())

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
) -> Response[ProblemDetails | TransitionResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    machine_type: str,
    instance_id: str,
    *,
    client: AuthenticatedClient,
    body: EventSend,
) -> Response[ProblemDetails | TransitionResult]:
    """Send an event; answers the transition applied (409 with the allowed events if none).

     Send an event; answers the transition applied (409 with the allowed events if none).

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):
        body (EventSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TransitionResult]
    """

    kwargs = _get_kwargs(
        machine_type=machine_type,
        instance_id=instance_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    machine_type: str,
    instance_id: str,
    *,
    client: AuthenticatedClient,
    body: EventSend,
) -> ProblemDetails | TransitionResult | None:
    """Send an event; answers the transition applied (409 with the allowed events if none).

     Send an event; answers the transition applied (409 with the allowed events if none).

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):
        body (EventSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TransitionResult
    """

    return sync_detailed(
        machine_type=machine_type,
        instance_id=instance_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    machine_type: str,
    instance_id: str,
    *,
    client: AuthenticatedClient,
    body: EventSend,
) -> Response[ProblemDetails | TransitionResult]:
    """Send an event; answers the transition applied (409 with the allowed events if none).

     Send an event; answers the transition applied (409 with the allowed events if none).

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):
        body (EventSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TransitionResult]
    """

    kwargs = _get_kwargs(
        machine_type=machine_type,
        instance_id=instance_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    machine_type: str,
    instance_id: str,
    *,
    client: AuthenticatedClient,
    body: EventSend,
) -> ProblemDetails | TransitionResult | None:
    """Send an event; answers the transition applied (409 with the allowed events if none).

     Send an event; answers the transition applied (409 with the allowed events if none).

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):
        body (EventSend):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TransitionResult
    """

    return (
        await asyncio_detailed(
            machine_type=machine_type,
            instance_id=instance_id,
            client=client,
            body=body,
        )
    ).parsed
