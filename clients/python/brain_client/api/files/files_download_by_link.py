from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...types import UNSET, File, Response


def _get_kwargs(
    link_id: UUID,
    *,
    expires: int,
    signature: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["expires"] = expires

    params["signature"] = signature

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/files/public/links/{link_id}/content".format(
            link_id=quote(str(link_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | File | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 206:
        response_206 = File(payload=BytesIO(response.content))

        return response_206

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 307:
        response_307 = cast(Any, None)
        return response_307

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = ProblemDetails.from_dict(response.json())

        return response_410

    if response.status_code == 416:
        response_416 = ProblemDetails.from_dict(response.json())

        return response_416

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

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
) -> Response[Any | File | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    link_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    expires: int,
    signature: str,
) -> Response[Any | File | ProblemDetails]:
    """Download a file through a signed link: no token needed. A link whose signature does

     not verify is 404; an expired, revoked or used-up one 410 `LINK_EXPIRED`.

    Public: no token needed.

    Args:
        link_id (UUID):
        expires (int):
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        link_id=link_id,
        expires=expires,
        signature=signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    link_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    expires: int,
    signature: str,
) -> Any | File | ProblemDetails | None:
    """Download a file through a signed link: no token needed. A link whose signature does

     not verify is 404; an expired, revoked or used-up one 410 `LINK_EXPIRED`.

    Public: no token needed.

    Args:
        link_id (UUID):
        expires (int):
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | ProblemDetails
    """

    return sync_detailed(
        link_id=link_id,
        client=client,
        expires=expires,
        signature=signature,
    ).parsed


async def asyncio_detailed(
    link_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    expires: int,
    signature: str,
) -> Response[Any | File | ProblemDetails]:
    """Download a file through a signed link: no token needed. A link whose signature does

     not verify is 404; an expired, revoked or used-up one 410 `LINK_EXPIRED`.

    Public: no token needed.

    Args:
        link_id (UUID):
        expires (int):
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | ProblemDetails]
    """

    kwargs = _get_kwargs(
        link_id=link_id,
        expires=expires,
        signature=signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    link_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    expires: int,
    signature: str,
) -> Any | File | ProblemDetails | None:
    """Download a file through a signed link: no token needed. A link whose signature does

     not verify is 404; an expired, revoked or used-up one 410 `LINK_EXPIRED`.

    Public: no token needed.

    Args:
        link_id (UUID):
        expires (int):
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | ProblemDetails
    """

    return (
        await asyncio_detailed(
            link_id=link_id,
            client=client,
            expires=expires,
            signature=signature,
        )
    ).parsed
