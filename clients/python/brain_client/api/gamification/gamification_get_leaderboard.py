from http import HTTPStatus
from typing import Any, Literal
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.category import Category
from ...models.leaderboard_read import LeaderboardRead
from ...models.period import Period
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    category: Category,
    *,
    period: Period | Unset = UNSET,
    limit: int | Unset = 50,
    around: Literal["me"] | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    params["limit"] = limit

    json_around: Literal["me"] | None | Unset
    if isinstance(around, Unset):
        json_around = UNSET
    else:
        json_around = around
    params["around"] = json_around

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/gamification/leaderboard/{category}".format(
            category=quote(str(category), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LeaderboardRead | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = LeaderboardRead.from_dict(response.json())

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
) -> Response[LeaderboardRead | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    category: Category,
    *,
    client: AuthenticatedClient,
    period: Period | Unset = UNSET,
    limit: int | Unset = 50,
    around: Literal["me"] | None | Unset = UNSET,
) -> Response[LeaderboardRead | ProblemDetails]:
    """A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

     A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

    Needs `Authorization: Bearer <access token>`.

    Args:
        category (Category):
        period (Period | Unset):
        limit (int | Unset):  Default: 50.
        around (Literal['me'] | None | Unset): `me`: the page around your own rank.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LeaderboardRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        category=category,
        period=period,
        limit=limit,
        around=around,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    category: Category,
    *,
    client: AuthenticatedClient,
    period: Period | Unset = UNSET,
    limit: int | Unset = 50,
    around: Literal["me"] | None | Unset = UNSET,
) -> LeaderboardRead | ProblemDetails | None:
    """A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

     A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

    Needs `Authorization: Bearer <access token>`.

    Args:
        category (Category):
        period (Period | Unset):
        limit (int | Unset):  Default: 50.
        around (Literal['me'] | None | Unset): `me`: the page around your own rank.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LeaderboardRead | ProblemDetails
    """

    return sync_detailed(
        category=category,
        client=client,
        period=period,
        limit=limit,
        around=around,
    ).parsed


async def asyncio_detailed(
    category: Category,
    *,
    client: AuthenticatedClient,
    period: Period | Unset = UNSET,
    limit: int | Unset = 50,
    around: Literal["me"] | None | Unset = UNSET,
) -> Response[LeaderboardRead | ProblemDetails]:
    """A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

     A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

    Needs `Authorization: Bearer <access token>`.

    Args:
        category (Category):
        period (Period | Unset):
        limit (int | Unset):  Default: 50.
        around (Literal['me'] | None | Unset): `me`: the page around your own rank.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LeaderboardRead | ProblemDetails]
    """

    kwargs = _get_kwargs(
        category=category,
        period=period,
        limit=limit,
        around=around,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    category: Category,
    *,
    client: AuthenticatedClient,
    period: Period | Unset = UNSET,
    limit: int | Unset = 50,
    around: Literal["me"] | None | Unset = UNSET,
) -> LeaderboardRead | ProblemDetails | None:
    """A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

     A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC).

    Needs `Authorization: Bearer <access token>`.

    Args:
        category (Category):
        period (Period | Unset):
        limit (int | Unset):  Default: 50.
        around (Literal['me'] | None | Unset): `me`: the page around your own rank.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LeaderboardRead | ProblemDetails
    """

    return (
        await asyncio_detailed(
            category=category,
            client=client,
            period=period,
            limit=limit,
            around=around,
        )
    ).parsed
