from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_platform_analytics_period import AnalyticsPlatformAnalyticsPeriod
from ...models.interval import Interval
from ...models.platform_analytics import PlatformAnalytics
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    period: AnalyticsPlatformAnalyticsPeriod | Unset = AnalyticsPlatformAnalyticsPeriod.VALUE_1,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    json_interval: str | Unset = UNSET
    if not isinstance(interval, Unset):
        json_interval = interval.value

    params["interval"] = json_interval

    params["tz"] = tz

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/analytics/platform",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlatformAnalytics | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = PlatformAnalytics.from_dict(response.json())

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
) -> Response[PlatformAnalytics | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    period: AnalyticsPlatformAnalyticsPeriod | Unset = AnalyticsPlatformAnalyticsPeriod.VALUE_1,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> Response[PlatformAnalytics | ProblemDetails]:
    """DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

     DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

    Needs `Authorization: Bearer <access token>`.

    Args:
        period (AnalyticsPlatformAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsPlatformAnalyticsPeriod.VALUE_1.
        interval (Interval | Unset):
        tz (str | Unset): An IANA time zone for the series. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlatformAnalytics | ProblemDetails]
    """

    kwargs = _get_kwargs(
        period=period,
        interval=interval,
        tz=tz,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    period: AnalyticsPlatformAnalyticsPeriod | Unset = AnalyticsPlatformAnalyticsPeriod.VALUE_1,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> PlatformAnalytics | ProblemDetails | None:
    """DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

     DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

    Needs `Authorization: Bearer <access token>`.

    Args:
        period (AnalyticsPlatformAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsPlatformAnalyticsPeriod.VALUE_1.
        interval (Interval | Unset):
        tz (str | Unset): An IANA time zone for the series. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlatformAnalytics | ProblemDetails
    """

    return sync_detailed(
        client=client,
        period=period,
        interval=interval,
        tz=tz,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    period: AnalyticsPlatformAnalyticsPeriod | Unset = AnalyticsPlatformAnalyticsPeriod.VALUE_1,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> Response[PlatformAnalytics | ProblemDetails]:
    """DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

     DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

    Needs `Authorization: Bearer <access token>`.

    Args:
        period (AnalyticsPlatformAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsPlatformAnalyticsPeriod.VALUE_1.
        interval (Interval | Unset):
        tz (str | Unset): An IANA time zone for the series. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlatformAnalytics | ProblemDetails]
    """

    kwargs = _get_kwargs(
        period=period,
        interval=interval,
        tz=tz,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    period: AnalyticsPlatformAnalyticsPeriod | Unset = AnalyticsPlatformAnalyticsPeriod.VALUE_1,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> PlatformAnalytics | ProblemDetails | None:
    """DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

     DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins).

    Needs `Authorization: Bearer <access token>`.

    Args:
        period (AnalyticsPlatformAnalyticsPeriod | Unset): The last 7, 30, 90 or 365 UTC days.
            Default: AnalyticsPlatformAnalyticsPeriod.VALUE_1.
        interval (Interval | Unset):
        tz (str | Unset): An IANA time zone for the series. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlatformAnalytics | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            period=period,
            interval=interval,
            tz=tz,
        )
    ).parsed
