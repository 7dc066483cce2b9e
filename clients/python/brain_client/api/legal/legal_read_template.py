from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.template_detail import TemplateDetail
from ...types import Response


def _get_kwargs(
    template_type: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/legal/templates/{template_type}".format(
            template_type=quote(str(template_type), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | TemplateDetail | None:
    if response.status_code == 200:
        response_200 = TemplateDetail.from_dict(response.json())

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
) -> Response[ProblemDetails | TemplateDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    template_type: str,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | TemplateDetail]:
    """One template: the content in effect and every version.

     One template: the content in effect and every version.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TemplateDetail]
    """

    kwargs = _get_kwargs(
        template_type=template_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_type: str,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | TemplateDetail | None:
    """One template: the content in effect and every version.

     One template: the content in effect and every version.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TemplateDetail
    """

    return sync_detailed(
        template_type=template_type,
        client=client,
    ).parsed


async def asyncio_detailed(
    template_type: str,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | TemplateDetail]:
    """One template: the content in effect and every version.

     One template: the content in effect and every version.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TemplateDetail]
    """

    kwargs = _get_kwargs(
        template_type=template_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_type: str,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | TemplateDetail | None:
    """One template: the content in effect and every version.

     One template: the content in effect and every version.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TemplateDetail
    """

    return (
        await asyncio_detailed(
            template_type=template_type,
            client=client,
        )
    ).parsed
