from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_download_report_format import AnalyticsDownloadReportFormat
from ...models.problem_details import ProblemDetails
from ...models.report_data import ReportData
from ...types import UNSET, Response, Unset


def _get_kwargs(
    report_id: UUID,
    *,
    format_: AnalyticsDownloadReportFormat | Unset = AnalyticsDownloadReportFormat.JSON,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/analytics/reports/{report_id}/download".format(
            report_id=quote(str(report_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | ReportData | None:
    if response.status_code == 200:
        response_200 = ReportData.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

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
) -> Response[ProblemDetails | ReportData]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: AnalyticsDownloadReportFormat | Unset = AnalyticsDownloadReportFormat.JSON,
) -> Response[ProblemDetails | ReportData]:
    """A completed report's rows, as JSON or CSV (409 until it is completed).

     A completed report's rows, as JSON or CSV (409 until it is completed).

    Needs `Authorization: Bearer <access token>`.

    Args:
        report_id (UUID):
        format_ (AnalyticsDownloadReportFormat | Unset):  Default:
            AnalyticsDownloadReportFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReportData]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: AnalyticsDownloadReportFormat | Unset = AnalyticsDownloadReportFormat.JSON,
) -> ProblemDetails | ReportData | None:
    """A completed report's rows, as JSON or CSV (409 until it is completed).

     A completed report's rows, as JSON or CSV (409 until it is completed).

    Needs `Authorization: Bearer <access token>`.

    Args:
        report_id (UUID):
        format_ (AnalyticsDownloadReportFormat | Unset):  Default:
            AnalyticsDownloadReportFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReportData
    """

    return sync_detailed(
        report_id=report_id,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: AnalyticsDownloadReportFormat | Unset = AnalyticsDownloadReportFormat.JSON,
) -> Response[ProblemDetails | ReportData]:
    """A completed report's rows, as JSON or CSV (409 until it is completed).

     A completed report's rows, as JSON or CSV (409 until it is completed).

    Needs `Authorization: Bearer <access token>`.

    Args:
        report_id (UUID):
        format_ (AnalyticsDownloadReportFormat | Unset):  Default:
            AnalyticsDownloadReportFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | ReportData]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: AnalyticsDownloadReportFormat | Unset = AnalyticsDownloadReportFormat.JSON,
) -> ProblemDetails | ReportData | None:
    """A completed report's rows, as JSON or CSV (409 until it is completed).

     A completed report's rows, as JSON or CSV (409 until it is completed).

    Needs `Authorization: Bearer <access token>`.

    Args:
        report_id (UUID):
        format_ (AnalyticsDownloadReportFormat | Unset):  Default:
            AnalyticsDownloadReportFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | ReportData
    """

    return (
        await asyncio_detailed(
            report_id=report_id,
            client=client,
            format_=format_,
        )
    ).parsed
