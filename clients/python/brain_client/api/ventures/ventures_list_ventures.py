from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.industry import Industry
from ...models.problem_details import ProblemDetails
from ...models.stage import Stage
from ...models.venture_read_page import VentureReadPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: None | str | Unset = UNSET,
    industry: Industry | None | Unset = UNSET,
    stage: None | Stage | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    mine: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_industry: None | str | Unset
    if isinstance(industry, Unset):
        json_industry = UNSET
    elif isinstance(industry, Industry):
        json_industry = industry.value
    else:
        json_industry = industry
    params["industry"] = json_industry

    json_stage: None | str | Unset
    if isinstance(stage, Unset):
        json_stage = UNSET
    elif isinstance(stage, Stage):
        json_stage = stage.value
    else:
        json_stage = stage
    params["stage"] = json_stage

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    params["mine"] = mine

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/ventures",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | VentureReadPage | None:
    if response.status_code == 200:
        response_200 = VentureReadPage.from_dict(response.json())

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
) -> Response[ProblemDetails | VentureReadPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    industry: Industry | None | Unset = UNSET,
    stage: None | Stage | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    mine: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | VentureReadPage]:
    """Public ventures and yours, newest first; filter and search.

     Public ventures and yours, newest first; filter and search.

    Needs `Authorization: Bearer <access token>`.

    Args:
        q (None | str | Unset): Words to find in name or description.
        industry (Industry | None | Unset):
        stage (None | Stage | Unset):
        tag (None | str | Unset):
        mine (bool | Unset): Only ventures whose team you are on. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | VentureReadPage]
    """

    kwargs = _get_kwargs(
        q=q,
        industry=industry,
        stage=stage,
        tag=tag,
        mine=mine,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    industry: Industry | None | Unset = UNSET,
    stage: None | Stage | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    mine: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | VentureReadPage | None:
    """Public ventures and yours, newest first; filter and search.

     Public ventures and yours, newest first; filter and search.

    Needs `Authorization: Bearer <access token>`.

    Args:
        q (None | str | Unset): Words to find in name or description.
        industry (Industry | None | Unset):
        stage (None | Stage | Unset):
        tag (None | str | Unset):
        mine (bool | Unset): Only ventures whose team you are on. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | VentureReadPage
    """

    return sync_detailed(
        client=client,
        q=q,
        industry=industry,
        stage=stage,
        tag=tag,
        mine=mine,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    industry: Industry | None | Unset = UNSET,
    stage: None | Stage | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    mine: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ProblemDetails | VentureReadPage]:
    """Public ventures and yours, newest first; filter and search.

     Public ventures and yours, newest first; filter and search.

    Needs `Authorization: Bearer <access token>`.

    Args:
        q (None | str | Unset): Words to find in name or description.
        industry (Industry | None | Unset):
        stage (None | Stage | Unset):
        tag (None | str | Unset):
        mine (bool | Unset): Only ventures whose team you are on. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | VentureReadPage]
    """

    kwargs = _get_kwargs(
        q=q,
        industry=industry,
        stage=stage,
        tag=tag,
        mine=mine,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    industry: Industry | None | Unset = UNSET,
    stage: None | Stage | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    mine: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ProblemDetails | VentureReadPage | None:
    """Public ventures and yours, newest first; filter and search.

     Public ventures and yours, newest first; filter and search.

    Needs `Authorization: Bearer <access token>`.

    Args:
        q (None | str | Unset): Words to find in name or description.
        industry (Industry | None | Unset):
        stage (None | Stage | Unset):
        tag (None | str | Unset):
        mine (bool | Unset): Only ventures whose team you are on. Default: False.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | VentureReadPage
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            industry=industry,
            stage=stage,
            tag=tag,
            mine=mine,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
