from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_verify_result import AuditVerifyResult
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    full: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["full"] = full

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/legal/audit/verify",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditVerifyResult | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = AuditVerifyResult.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

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
) -> Response[AuditVerifyResult | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    full: bool | Unset = False,
) -> Response[AuditVerifyResult | ProblemDetails]:
    """Verify the hash chain from the last verified checkpoint (or in full) to the head.

     Verify the hash chain from the last verified checkpoint (or in full) to the head.

    Needs `Authorization: Bearer <access token>`.

    Args:
        full (bool | Unset): Walk the whole chain from the first entry instead of the checkpoint.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditVerifyResult | ProblemDetails]
    """

    kwargs = _get_kwargs(
        full=full,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    full: bool | Unset = False,
) -> AuditVerifyResult | ProblemDetails | None:
    """Verify the hash chain from the last verified checkpoint (or in full) to the head.

     Verify the hash chain from the last verified checkpoint (or in full) to the head.

    Needs `Authorization: Bearer <access token>`.

    Args:
        full (bool | Unset): Walk the whole chain from the first entry instead of the checkpoint.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditVerifyResult | ProblemDetails
    """

    return sync_detailed(
        client=client,
        full=full,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    full: bool | Unset = False,
) -> Response[AuditVerifyResult | ProblemDetails]:
    """Verify the hash chain from the last verified checkpoint (or in full) to the head.

     Verify the hash chain from the last verified checkpoint (or in full) to the head.

    Needs `Authorization: Bearer <access token>`.

    Args:
        full (bool | Unset): Walk the whole chain from the first entry instead of the checkpoint.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditVerifyResult | ProblemDetails]
    """

    kwargs = _get_kwargs(
        full=full,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    full: bool | Unset = False,
) -> AuditVerifyResult | ProblemDetails | None:
    """Verify the hash chain from the last verified checkpoint (or in full) to the head.

     Verify the hash chain from the last verified checkpoint (or in full) to the head.

    Needs `Authorization: Bearer <access token>`.

    Args:
        full (bool | Unset): Walk the whole chain from the first entry instead of the checkpoint.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditVerifyResult | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            full=full,
        )
    ).parsed
