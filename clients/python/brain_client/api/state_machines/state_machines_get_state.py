from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.instance_state import InstanceState
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    machine_type: str,
    instance_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/state-machines/{machine_type}/{instance_id}/state".format(
            machine_type=quote(str(machine_type), safe=""),
            instance_id=quote(str(instance_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InstanceState | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = InstanceState.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

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
) -> Response[InstanceState | ProblemDetails]:
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
) -> Response[InstanceState | ProblemDetails]:
    """Show an instance's state, allowed events, version and context.

     Show an instance's state, allowed events, version and context.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InstanceState | ProblemDetails]
    """

    kwargs = _get_kwargs(
        machine_type=machine_type,
        instance_id=instance_id,
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
) -> InstanceState | ProblemDetails | None:
    """Show an instance's state, allowed events, version and context.

     Show an instance's state, allowed events, version and context.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstanceState | ProblemDetails
    """

    return sync_detailed(
        machine_type=machine_type,
        instance_id=instance_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    machine_type: str,
    instance_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[InstanceState | ProblemDetails]:
    """Show an instance's state, allowed events, version and context.

     Show an instance's state, allowed events, version and context.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InstanceState | ProblemDetails]
    """

    kwargs = _get_kwargs(
        machine_type=machine_type,
        instance_id=instance_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    machine_type: str,
    instance_id: str,
    *,
    client: AuthenticatedClient,
) -> InstanceState | ProblemDetails | None:
    """Show an instance's state, allowed events, version and context.

     Show an instance's state, allowed events, version and context.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        instance_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstanceState | ProblemDetails
    """

    return (
        await asyncio_detailed(
            machine_type=machine_type,
            instance_id=instance_id,
            client=client,
        )
    ).parsed
