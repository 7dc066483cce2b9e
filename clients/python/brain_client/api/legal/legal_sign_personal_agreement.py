from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.personal_sign_request import PersonalSignRequest
from ...models.problem_details import ProblemDetails
from ...models.sign_result import SignResult
from ...types import Response


def _get_kwargs(
    template_type: str,
    *,
    body: PersonalSignRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/legal/templates/{template_type}/sign".format(
            template_type=quote(str(template_type), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | SignResult | None:
    if response.status_code == 201:
        response_201 = SignResult.from_dict(response.json())

        return response_201

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

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

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
) -> Response[ProblemDetails | SignResult]:
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
    body: PersonalSignRequest,
) -> Response[ProblemDetails | SignResult]:
    """Sign a personal agreement (platform pack, BUZ terms, ...): created and signed at once.

     With `subject_type` and `subject_id` (`venture` and its id) the agreement is signed for
    that subject: the PPNA a venture's team needs (`ventures.join`) counts only for the
    venture it was signed for.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):
        body (PersonalSignRequest): A personal agreement, optionally signed for a subject
            (`venture` and its id): a
            compliance rule that scopes the template (the PPNA of `ventures.join`) counts it only for
            that subject. Without one, the agreement is the signer's own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SignResult]
    """

    kwargs = _get_kwargs(
        template_type=template_type,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_type: str,
    *,
    client: AuthenticatedClient,
    body: PersonalSignRequest,
) -> ProblemDetails | SignResult | None:
    """Sign a personal agreement (platform pack, BUZ terms, ...): created and signed at once.

     With `subject_type` and `subject_id` (`venture` and its id) the agreement is signed for
    that subject: the PPNA a venture's team needs (`ventures.join`) counts only for the
    venture it was signed for.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):
        body (PersonalSignRequest): A personal agreement, optionally signed for a subject
            (`venture` and its id): a
            compliance rule that scopes the template (the PPNA of `ventures.join`) counts it only for
            that subject. Without one, the agreement is the signer's own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SignResult
    """

    return sync_detailed(
        template_type=template_type,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    template_type: str,
    *,
    client: AuthenticatedClient,
    body: PersonalSignRequest,
) -> Response[ProblemDetails | SignResult]:
    """Sign a personal agreement (platform pack, BUZ terms, ...): created and signed at once.

     With `subject_type` and `subject_id` (`venture` and its id) the agreement is signed for
    that subject: the PPNA a venture's team needs (`ventures.join`) counts only for the
    venture it was signed for.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):
        body (PersonalSignRequest): A personal agreement, optionally signed for a subject
            (`venture` and its id): a
            compliance rule that scopes the template (the PPNA of `ventures.join`) counts it only for
            that subject. Without one, the agreement is the signer's own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SignResult]
    """

    kwargs = _get_kwargs(
        template_type=template_type,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_type: str,
    *,
    client: AuthenticatedClient,
    body: PersonalSignRequest,
) -> ProblemDetails | SignResult | None:
    """Sign a personal agreement (platform pack, BUZ terms, ...): created and signed at once.

     With `subject_type` and `subject_id` (`venture` and its id) the agreement is signed for
    that subject: the PPNA a venture's team needs (`ventures.join`) counts only for the
    venture it was signed for.

    Needs `Authorization: Bearer <access token>`.

    Args:
        template_type (str):
        body (PersonalSignRequest): A personal agreement, optionally signed for a subject
            (`venture` and its id): a
            compliance rule that scopes the template (the PPNA of `ventures.join`) counts it only for
            that subject. Without one, the agreement is the signer's own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SignResult
    """

    return (
        await asyncio_detailed(
            template_type=template_type,
            client=client,
            body=body,
        )
    ).parsed
