from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.relationship_read import RelationshipRead
from ...models.relationship_update import RelationshipUpdate
from ...types import Response


def _get_kwargs(
    relationship_id: UUID,
    *,
    body: RelationshipUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/umbrella/relationships/{relationship_id}".format(
            relationship_id=quote(str(relationship_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RelationshipRead | None:
    if response.status_code == 200:
        response_200 = RelationshipRead.from_dict(response.json())

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
) -> Response[ProblemDetails | RelationshipRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    relationship_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RelationshipUpdate,
) -> Response[ProblemDetails | RelationshipRead]:
    """Change a relationship's note, or a referral's type (the referrer).

     Change a relationship's note, or a referral's type (the referrer).

    Needs `Authorization: Bearer <access token>`.

    Args:
        relationship_id (UUID):
        body (RelationshipUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RelationshipRead]
    """

    kwargs = _get_kwargs(
        relationship_id=relationship_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    relationship_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RelationshipUpdate,
) -> ProblemDetails | RelationshipRead | None:
    """Change a relationship's note, or a referral's type (the referrer).

     Change a relationship's note, or a referral's type (the referrer).

    Needs `Authorization: Bearer <access token>`.

    Args:
        relationship_id (UUID):
        body (RelationshipUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RelationshipRead
    """

    return sync_detailed(
        relationship_id=relationship_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    relationship_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RelationshipUpdate,
) -> Response[ProblemDetails | RelationshipRead]:
    """Change a relationship's note, or a referral's type (the referrer).

     Change a relationship's note, or a referral's type (the referrer).

    Needs `Authorization: Bearer <access token>`.

    Args:
        relationship_id (UUID):
        body (RelationshipUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RelationshipRead]
    """

    kwargs = _get_kwargs(
        relationship_id=relationship_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    relationship_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RelationshipUpdate,
) -> ProblemDetails | RelationshipRead | None:
    """Change a relationship's note, or a referral's type (the referrer).

     Change a relationship's note, or a referral's type (the referrer).

    Needs `Authorization: Bearer <access token>`.

    Args:
        relationship_id (UUID):
        body (RelationshipUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RelationshipRead
    """

    return (
        await asyncio_detailed(
            relationship_id=relationship_id,
            client=client,
            body=body,
        )
    ).parsed
