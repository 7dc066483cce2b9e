from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.file_read_page import FileReadPage
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    venture_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    json_venture_id: None | str | Unset
    if isinstance(venture_id, Unset):
        json_venture_id = UNSET
    elif isinstance(venture_id, UUID):
        json_venture_id = str(venture_id)
    else:
        json_venture_id = venture_id
    params["venture_id"] = json_venture_id

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

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
        "url": "/api/files",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FileReadPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = FileReadPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

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
) -> Response[FileReadPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    venture_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[FileReadPage | ProblemDetails]:
    """Your files and those shared with you (or with a venture you are on), newest first.

     Your files and those shared with you (or with a venture you are on), newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        type_ (None | str | Unset): A type (image/png, image/jpeg, image/gif, image/webp,
            application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document,
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,
            application/vnd.openxmlformats-officedocument.presentationml.presentation,
            application/vnd.oasis.opendocument.text, application/vnd.oasis.opendocument.spreadsheet,
            application/vnd.oasis.opendocument.presentation, application/zip, text/csv, text/plain) or
            a family (`image`, `text`...).
        tag (None | str | Unset):
        venture_id (None | Unset | UUID):
        q (None | str | Unset): Words of the name.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileReadPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        type_=type_,
        tag=tag,
        venture_id=venture_id,
        q=q,
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
    type_: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    venture_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> FileReadPage | ProblemDetails | None:
    """Your files and those shared with you (or with a venture you are on), newest first.

     Your files and those shared with you (or with a venture you are on), newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        type_ (None | str | Unset): A type (image/png, image/jpeg, image/gif, image/webp,
            application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document,
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,
            application/vnd.openxmlformats-officedocument.presentationml.presentation,
            application/vnd.oasis.opendocument.text, application/vnd.oasis.opendocument.spreadsheet,
            application/vnd.oasis.opendocument.presentation, application/zip, text/csv, text/plain) or
            a family (`image`, `text`...).
        tag (None | str | Unset):
        venture_id (None | Unset | UUID):
        q (None | str | Unset): Words of the name.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileReadPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        type_=type_,
        tag=tag,
        venture_id=venture_id,
        q=q,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    venture_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[FileReadPage | ProblemDetails]:
    """Your files and those shared with you (or with a venture you are on), newest first.

     Your files and those shared with you (or with a venture you are on), newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        type_ (None | str | Unset): A type (image/png, image/jpeg, image/gif, image/webp,
            application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document,
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,
            application/vnd.openxmlformats-officedocument.presentationml.presentation,
            application/vnd.oasis.opendocument.text, application/vnd.oasis.opendocument.spreadsheet,
            application/vnd.oasis.opendocument.presentation, application/zip, text/csv, text/plain) or
            a family (`image`, `text`...).
        tag (None | str | Unset):
        venture_id (None | Unset | UUID):
        q (None | str | Unset): Words of the name.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileReadPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        type_=type_,
        tag=tag,
        venture_id=venture_id,
        q=q,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    type_: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    venture_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> FileReadPage | ProblemDetails | None:
    """Your files and those shared with you (or with a venture you are on), newest first.

     Your files and those shared with you (or with a venture you are on), newest first.

    Needs `Authorization: Bearer <access token>`.

    Args:
        type_ (None | str | Unset): A type (image/png, image/jpeg, image/gif, image/webp,
            application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document,
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,
            application/vnd.openxmlformats-officedocument.presentationml.presentation,
            application/vnd.oasis.opendocument.text, application/vnd.oasis.opendocument.spreadsheet,
            application/vnd.oasis.opendocument.presentation, application/zip, text/csv, text/plain) or
            a family (`image`, `text`...).
        tag (None | str | Unset):
        venture_id (None | Unset | UUID):
        q (None | str | Unset): Words of the name.
        limit (int | Unset): Items per page. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileReadPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            tag=tag,
            venture_id=venture_id,
            q=q,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
