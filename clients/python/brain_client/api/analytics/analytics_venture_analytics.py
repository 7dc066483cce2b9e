from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_venture_analytics_period import AnalyticsVentureAnalyticsPeriod
from ...models.problem_details import ProblemDetails
from ...models.venture_analytics import VentureAnalytics
from ...types import UNSET, Response, Unset


def _get_kwargs(
    venture_id: UUID,
    *,
    period: AnalyticsVentureAnalyticsPeriod | Unset = AnalyticsVentureAnalyticsPeriod.VALUE_1,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/analytics/ventures/{venture_id}".format(
            venture_id=quote(str(venture_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | VentureAnalytics | None:
    if response.status_code == 200:
        response_200 = VentureAnalytics.from_dict(response.json())

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
) -> Response[ProblemDetails | VentureAnalytics]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    period: AnalyticsVentureAnalyticsPeriod | Unset = AnalyticsVentureAnalyticsPeriod.VALUE_1,
) -> Response[ProblemDetails | VentureAnalytics]:
    """A venture's team growth, stage durations, metrics and BUZ raised (its team only).

     A venture's team growth, stage durations, metrics and BUZ raised (its team only).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        period (AnalyticsVentureAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsVentureAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | VentureAnalytics]
    """

    kwargs = _get_kwargs(
        venture_id=venture_id,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    period: AnalyticsVentureAnalyticsPeriod | Unset = AnalyticsVentureAnalyticsPeriod.VALUE_1,
) -> ProblemDetails | VentureAnalytics | None:
    """A venture's team growth, stage durations, metrics and BUZ raised (its team only).

     A venture's team growth, stage durations, metrics and BUZ raised (its team only).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        period (AnalyticsVentureAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsVentureAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | VentureAnalytics
    """

    return sync_detailed(
        venture_id=venture_id,
        client=client,
        period=period,
    ).parsed


async def asyncio_detailed(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    period: AnalyticsVentureAnalyticsPeriod | Unset = AnalyticsVentureAnalyticsPeriod.VALUE_1,
) -> Response[ProblemDetails | VentureAnalytics]:
    """A venture's team growth, stage durations, metrics and BUZ raised (its team only).

     A venture's team growth, stage durations, metrics and BUZ raised (its team only).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        period (AnalyticsVentureAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsVentureAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | VentureAnalytics]
    """

    kwargs = _get_kwargs(
        venture_id=venture_id,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    venture_id: UUID,
    *,
    client: AuthenticatedClient,
    period: AnalyticsVentureAnalyticsPeriod | Unset = AnalyticsVentureAnalyticsPeriod.VALUE_1,
) -> ProblemDetails | VentureAnalytics | None:
    """A venture's team growth, stage durations, metrics and BUZ raised (its team only).

     A venture's team growth, stage durations, metrics and BUZ raised (its team only).

    Needs `Authorization: Bearer <access token>`.

    Args:
        venture_id (UUID):
        period (AnalyticsVentureAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsVentureAnalyticsPeriod.VALUE_1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | VentureAnalytics
    """

    return (
        await asyncio_detailed(
            venture_id=venture_id,
            client=client,
            period=period,
        )
    ).parsed
