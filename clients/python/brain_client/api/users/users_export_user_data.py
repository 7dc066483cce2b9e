from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.user_export import UserExport
from ...types import Response


def _get_kwargs(
    user_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/users/{user_id}/export".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | UserExport | None:
    if response.status_code == 200:
        response_200 = UserExport.from_dict(response.json())

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
) -> Response[ProblemDetails | UserExport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | UserExport]:
    """Everything the platform holds on a user, as one JSON document (yours, or admins).

     GDPR art. 15 and 20: the account, profile, settings and activity, sessions and the
    security audit entries about the user, signatures with their evidence and the documents
    the user is party to, the BUZ accounts, ledger legs and stakes, state-machine instances,
    and the emails sent to the user: one key per domain. Streamed, so a long history costs
    the server one page of rows at a time. Each export is recorded in the user's activity and
    the security audit log. Limited to `BRAIN_RATE_LIMIT_EXPORTS_PER_HOUR` per caller.

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | UserExport]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | UserExport | None:
    """Everything the platform holds on a user, as one JSON document (yours, or admins).

     GDPR art. 15 and 20: the account, profile, settings and activity, sessions and the
    security audit entries about the user, signatures with their evidence and the documents
    the user is party to, the BUZ accounts, ledger legs and stakes, state-machine instances,
    and the emails sent to the user: one key per domain. Streamed, so a long history costs
    the server one page of rows at a time. Each export is recorded in the user's activity and
    the security audit log. Limited to `BRAIN_RATE_LIMIT_EXPORTS_PER_HOUR` per caller.

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | UserExport
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | UserExport]:
    """Everything the platform holds on a user, as one JSON document (yours, or admins).

     GDPR art. 15 and 20: the account, profile, settings and activity, sessions and the
    security audit entries about the user, signatures with their evidence and the documents
    the user is party to, the BUZ accounts, ledger legs and stakes, state-machine instances,
    and the emails sent to the user: one key per domain. Streamed, so a long history costs
    the server one page of rows at a time. Each export is recorded in the user's activity and
    the security audit log. Limited to `BRAIN_RATE_LIMIT_EXPORTS_PER_HOUR` per caller.

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | UserExport]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | UserExport | None:
    """Everything the platform holds on a user, as one JSON document (yours, or admins).

     GDPR art. 15 and 20: the account, profile, settings and activity, sessions and the
    security audit entries about the user, signatures with their evidence and the documents
    the user is party to, the BUZ accounts, ledger legs and stakes, state-machine instances,
    and the emails sent to the user: one key per domain. Streamed, so a long history costs
    the server one page of rows at a time. Each export is recorded in the user's activity and
    the security audit log. Limited to `BRAIN_RATE_LIMIT_EXPORTS_PER_HOUR` per caller.

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | UserExport
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
        )
    ).parsed
