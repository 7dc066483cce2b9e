from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_user_analytics_period import AnalyticsUserAnalyticsPeriod
from ...models.problem_details import ProblemDetails
from ...models.user_analytics import UserAnalytics
from ...types import UNSET, Response, Unset


def _get_kwargs(
    user_id: UUID,
    *,
    period: AnalyticsUserAnalyticsPeriod | Unset = AnalyticsUserAnalyticsPeriod.VALUE_1,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/analytics/users/{user_id}".format(
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | UserAnalytics | None:
    if response.status_code == 200:
        response_200 = UserAnalytics.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[ProblemDetails | UserAnalytics]:
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
    period: AnalyticsUserAnalyticsPeriod | Unset = AnalyticsUserAnalyticsPeriod.VALUE_1,
) -> Response[ProblemDetails | UserAnalytics]:
    """A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

     A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):
        period (AnalyticsUserAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsUserAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | UserAnalytics]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    period: AnalyticsUserAnalyticsPeriod | Unset = AnalyticsUserAnalyticsPeriod.VALUE_1,
) -> ProblemDetails | UserAnalytics | None:
    """A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

     A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):
        period (AnalyticsUserAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsUserAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | UserAnalytics
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        period=period,
    ).parsed


async def asyncio_detailed(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    period: AnalyticsUserAnalyticsPeriod | Unset = AnalyticsUserAnalyticsPeriod.VALUE_1,
) -> Response[ProblemDetails | UserAnalytics]:
    """A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

     A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):
        period (AnalyticsUserAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsUserAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | UserAnalytics]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: UUID,
    *,
    client: AuthenticatedClient,
    period: AnalyticsUserAnalyticsPeriod | Unset = AnalyticsUserAnalyticsPeriod.VALUE_1,
) -> ProblemDetails | UserAnalytics | None:
    """A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

     A user's activity, XP, BUZ, documents signed and ventures over a period (yours).

    Needs `Authorization: Bearer <access token>`.

    Args:
        user_id (UUID):
        period (AnalyticsUserAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsUserAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | UserAnalytics
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            period=period,
        )
    ).parsed
