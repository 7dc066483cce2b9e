from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.definition_read import DefinitionRead
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    machine_type: str,
    *,
    version: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/state-machines/definitions/{machine_type}".format(
            machine_type=quote(str(machine_type), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefinitionRead | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = DefinitionRead.from_dict(response.json())

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
) -> Response[DefinitionRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    machine_type: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> Response[DefinitionRead | ProblemDetails]:
    """Show one state machine: states, transitions and a Mermaid diagram.

     Show one state machine: states, transitions and a Mermaid diagram.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        version (int | None | Unset): An older version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefinitionRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        machine_type=machine_type,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    machine_type: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> DefinitionRead | ProblemDetails | None:
    """Show one state machine: states, transitions and a Mermaid diagram.

     Show one state machine: states, transitions and a Mermaid diagram.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        version (int | None | Unset): An older version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefinitionRead | ProblemDetails
    """

    return sync_detailed(
        machine_type=machine_type,
        client=client,
        version=version,
    ).parsed


async def asyncio_detailed(
    machine_type: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> Response[DefinitionRead | ProblemDetails]:
    """Show one state machine: states, transitions and a Mermaid diagram.

     Show one state machine: states, transitions and a Mermaid diagram.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        version (int | None | Unset): An older version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefinitionRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        machine_type=machine_type,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    machine_type: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> DefinitionRead | ProblemDetails | None:
    """Show one state machine: states, transitions and a Mermaid diagram.

     Show one state machine: states, transitions and a Mermaid diagram.

    Needs `Authorization: Bearer <access token>`.

    Args:
        machine_type (str):
        version (int | None | Unset): An older version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefinitionRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            machine_type=machine_type,
            client=client,
            version=version,
        )
    ).parsed
