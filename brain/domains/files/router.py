"""`/api/files`: uploads, downloads, metadata, shares and signed links.

Access (service.py says why): the owner, users and venture teams a file is shared with, and
admins (`files:manage_any`) read a file; everyone else gets 404. Only the owner and admins
change, delete, share or link it (403 for other readers). Uploading needs `files:upload`
(MEMBER and up) and is limited to `BRAIN_RATE_LIMIT_UPLOADS_PER_HOUR` per user. A signed
link is served at `/api/files/public/links/{link_id}/content` without a token.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response, status

from brain.core import ratelimit
from brain.core.config import get_settings
from brain.core.db import SessionDep, writes
from brain.core.errors import PermissionDenied, ValidationFailed
from brain.core.limits import allow_larger_bodies
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.auth.deps import AuthenticatedUser, CurrentUser, require_permission
from brain.domains.files import download, service, upload
from brain.domains.files.errors import (
    AlreadyShared,
    BadUpload,
    FileNotFound,
    FileTooLarge,
    LinkGone,
    LinkNotFound,
    QuotaExceeded,
    RangeNotSatisfiable,
    ShareNotFound,
    ShareTargetInvalid,
    UnsupportedFileType,
)
from brain.domains.files.rules import MIME_TYPES, MULTIPART_OVERHEAD, NAME_MAX, TAG_MAX
from brain.domains.files.schemas import (
    FileRead,
    FileUpdate,
    LinkCreate,
    LinkRead,
    ShareCreate,
    ShareRead,
    Usage,
)
from brain.domains.files.storage import get_storage
from brain.domains.ventures.errors import VentureNotFound

router = DomainRouter(prefix="/files", tags=["files"])

# Only the upload route takes a large body; every other route keeps the JSON limit.
allow_larger_bodies("/api/files", get_settings().file_max_bytes + MULTIPART_OVERHEAD, exact=True)

Uploader = Annotated[AuthenticatedUser, Depends(require_permission("files:upload"))]
Paging = Annotated[PageParams, Depends(page_params)]
# Declared after the user in the route, so it counts per user (brain/core/ratelimit.py).
upload_rate_limit = ratelimit.rate_limit(
    "files.upload",
    limit=lambda s: s.rate_limit_uploads_per_hour,
    window_seconds=3600,
    key="user",
)

UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "venture_id": {"type": "string", "format": "uuid"},
                        "tags": {
                            "type": "string",
                            "maxLength": upload.TAGS_FIELD_MAX,
                            "description": "Comma-separated tags.",
                        },
                    },
                }
            }
        },
    }
}
# The body is the file's bytes with its stored type; declared as application/octet-stream, the
# generic binary type client generators turn into a file (a `*/*` response they drop).
BYTES: dict[str, Any] = {
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
}
DOWNLOAD: dict[int | str, dict[str, Any]] = {
    200: {"content": BYTES, "description": "The file, as an attachment."},
    206: {"content": BYTES, "description": "The requested byte range."},
    304: {"description": "Not modified (`If-None-Match` matched the ETag)."},
    307: {"description": "A presigned storage URL (S3 with presigned downloads on)."},
}


def _viewer(user: AuthenticatedUser) -> service.Viewer:
    return service.Viewer(id=user.id, is_admin=user.can(service.ADMIN_PERMISSION))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=FileRead,
    openapi_extra=UPLOAD_BODY,
    responses=problems(
        VentureNotFound, FileTooLarge, QuotaExceeded, UnsupportedFileType, BadUpload
    ),
)
async def upload_file(
    request: Request,
    user: Uploader,
    _limit: Annotated[None, Depends(upload_rate_limit)],
    session: SessionDep,
    response: Response,
) -> FileRead:
    """Upload one file (multipart/form-data: `file`, optional `venture_id` and `tags`).

    Streamed to storage, never held whole: past `BRAIN_FILE_MAX_BYTES` it is 413
    `FILE_TOO_LARGE`, past your quota 413 `QUOTA_EXCEEDED`, and a type not allowed by its
    content (or a content that does not match the name's extension) 415; nothing is kept.
    """
    settings = get_settings()
    used = await service.used_bytes(session, user.id)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and used + int(declared) - MULTIPART_OVERHEAD > settings.file_quota_bytes:
        raise QuotaExceeded(
            f"This upload would take you past your quota of {settings.file_quota_bytes} bytes."
        )
    # An upload can take minutes: end the auth read's transaction so no pooled connection is
    # held while the client sends; recording the file starts a new one.
    await session.commit()
    storage = get_storage()
    stored = await upload.receive(
        request.stream(),
        content_type=request.headers.get("content-type"),
        storage=storage,
        max_bytes=settings.file_max_bytes,
    )
    try:
        recorded = await service.record_upload(session, owner_id=user.id, upload=stored)
    except BaseException:
        await storage.delete(stored.key)
        raise
    set_location(response, f"/files/{recorded.id}")
    return recorded


@router.get("", response_model=Page[FileRead])
async def list_files(
    user: CurrentUser,
    session: SessionDep,
    page: Paging,
    type_: Annotated[
        str | None,
        Query(
            alias="type",
            max_length=100,
            pattern=r"^[a-z]+(/[a-z0-9.+-]+)?$",
            description=f"A type ({', '.join(MIME_TYPES)}) or a family (`image`, `text`...).",
        ),
    ] = None,
    tag: Annotated[str | None, Query(max_length=TAG_MAX)] = None,
    venture_id: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=NAME_MAX, description="Words of the name.")] = None,
) -> Page[FileRead]:
    """Your files and those shared with you (or with a venture you are on), newest first."""
    items, cursor = await service.list_files(
        session,
        viewer=_viewer(user),
        page=page,
        content_type=type_,
        tag=tag,
        venture_id=venture_id,
        q=q,
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/usage", response_model=Usage)
async def get_usage(user: CurrentUser, session: SessionDep) -> Usage:
    """Your stored bytes, file count and quota."""
    return await service.usage(session, user_id=user.id)


@router.get(
    "/public/links/{link_id}/content",
    response_class=Response,
    responses={**DOWNLOAD, **problems(LinkNotFound, LinkGone, RangeNotSatisfiable)},
)
@writes
async def download_by_link(
    link_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    expires: Annotated[int, Query(ge=0, le=2**40)],
    signature: Annotated[str, Query(min_length=1, max_length=100)],
) -> Response:
    """Download a file through a signed link: no token needed. A link whose signature does
    not verify is 404; an expired, revoked or used-up one 410 `LINK_EXPIRED`."""
    probe = await service.open_link(
        session, link_id=link_id, expires=expires, signature=signature, count=False
    )
    count = not download.not_modified(request, probe) and download.starts_at_zero(request, probe)
    row = await service.open_link(
        session, link_id=link_id, expires=expires, signature=signature, count=count
    )
    response = await download.serve(request, row)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/{file_id}", response_model=FileRead, responses=problems(FileNotFound))
async def get_file(file_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> FileRead:
    """A file's metadata."""
    return await service.get_file(session, file_id=file_id, viewer=_viewer(user))


@router.patch(
    "/{file_id}",
    response_model=FileRead,
    responses=problems(PermissionDenied, FileNotFound, ValidationFailed),
)
async def update_file(
    file_id: uuid.UUID, body: FileUpdate, user: CurrentUser, session: SessionDep
) -> FileRead:
    """Rename a file or replace its tags (owner or admin)."""
    return await service.update_file(
        session, file_id=file_id, viewer=_viewer(user), name=body.name, tags=body.tags
    )


@router.delete(
    "/{file_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(PermissionDenied, FileNotFound),
)
async def delete_file(file_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> Response:
    """Delete a file (owner or admin): the row at once, the bytes right after."""
    await service.delete_file(session, file_id=file_id, viewer=_viewer(user))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{file_id}/content",
    response_class=Response,
    responses={**DOWNLOAD, **problems(FileNotFound, RangeNotSatisfiable)},
)
async def download_file(
    file_id: uuid.UUID, request: Request, user: CurrentUser, session: SessionDep
) -> Response:
    """Download a file, as an attachment (`Range` and `If-None-Match` supported)."""
    row, _ = await service.readable(session, file_id=file_id, viewer=_viewer(user))
    return await download.serve(request, row)


@router.get(
    "/{file_id}/shares",
    response_model=Page[ShareRead],
    responses=problems(PermissionDenied, FileNotFound),
)
async def list_shares(
    file_id: uuid.UUID, user: CurrentUser, session: SessionDep, page: Paging
) -> Page[ShareRead]:
    """Who a file is shared with (owner or admin)."""
    items, cursor = await service.list_shares(
        session, file_id=file_id, viewer=_viewer(user), page=page
    )
    return Page(items=items, next_cursor=cursor)


@router.post(
    "/{file_id}/shares",
    status_code=status.HTTP_201_CREATED,
    response_model=ShareRead,
    responses={
        200: {"model": ShareRead, "description": "Shared with this target already."},
        **problems(
            PermissionDenied, FileNotFound, VentureNotFound, AlreadyShared, ShareTargetInvalid
        ),
    },
)
async def share_file(
    file_id: uuid.UUID,
    body: ShareCreate,
    user: CurrentUser,
    session: SessionDep,
    response: Response,
) -> ShareRead:
    """Share a file (read) with a user or with a venture you are on (owner or admin)."""
    share, created = await service.share(
        session,
        file_id=file_id,
        viewer=_viewer(user),
        user_id=body.user_id,
        venture_id=body.venture_id,
    )
    # No route reads one share: its URL is the file's list of shares.
    set_location(response, f"/files/{file_id}/shares")
    if not created:
        response.status_code = status.HTTP_200_OK
    return share


@router.delete(
    "/{file_id}/shares/{share_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(PermissionDenied, FileNotFound, ShareNotFound),
)
async def unshare_file(
    file_id: uuid.UUID, share_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> Response:
    """Revoke a share: its user or team loses access at once."""
    await service.unshare(session, file_id=file_id, share_id=share_id, viewer=_viewer(user))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{file_id}/links",
    response_model=Page[LinkRead],
    responses=problems(PermissionDenied, FileNotFound),
)
async def list_links(
    file_id: uuid.UUID, user: CurrentUser, session: SessionDep, page: Paging
) -> Page[LinkRead]:
    """A file's signed links, revoked and expired ones too (owner or admin)."""
    items, cursor = await service.list_links(
        session, file_id=file_id, viewer=_viewer(user), page=page
    )
    return Page(items=items, next_cursor=cursor)


@router.post(
    "/{file_id}/links",
    status_code=status.HTTP_201_CREATED,
    response_model=LinkRead,
    responses=problems(PermissionDenied, FileNotFound),
)
async def create_link(
    file_id: uuid.UUID,
    body: LinkCreate,
    user: CurrentUser,
    session: SessionDep,
    response: Response,
) -> LinkRead:
    """A signed public link to a file: expires after `expires_in` seconds (at most 7 days),
    optionally after `max_downloads` downloads; revocable."""
    # No route reads one link: its URL is the file's list of links.
    set_location(response, f"/files/{file_id}/links")
    return await service.create_link(
        session,
        file_id=file_id,
        viewer=_viewer(user),
        expires_in=body.expires_in,
        max_downloads=body.max_downloads,
    )


@router.delete(
    "/{file_id}/links/{link_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(PermissionDenied, FileNotFound, LinkNotFound),
)
async def revoke_link(
    file_id: uuid.UUID, link_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> Response:
    """Revoke a signed link: it is refused from now on."""
    await service.revoke_link(session, file_id=file_id, link_id=link_id, viewer=_viewer(user))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
