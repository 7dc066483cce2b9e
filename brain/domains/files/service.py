"""The files domain's public service: recording uploads, who may read what, lists, shares,
signed links and usage. Session first, keyword-only after; flushes, never commits.

Who may read a file (`readable`): its owner; a user it is shared with; a member of a venture
it belongs to (`venture_id`) or is shared with, asked of `ventures.service.member_role` at
each request, so a removed member loses access at once; an admin (`files:manage_any`).
Everyone else gets 404, as if the file did not exist. Who may change, delete, share or link a
file (`manageable`): its owner and admins; a reader who may not gets 403.

The quota is a counter row per user raised by a conditional UPDATE (models.py), so two
concurrent uploads cannot both pass it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.config import get_settings
from brain.core.errors import PermissionDenied, ValidationFailed
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.files import jobs
from brain.domains.files.errors import (
    AlreadyShared,
    FileNotFound,
    LinkGone,
    LinkNotFound,
    QuotaExceeded,
    ShareNotFound,
    ShareTargetInvalid,
)
from brain.domains.files.events import FileShared, FileUploaded
from brain.domains.files.models import FileLink, FileQuota, FileShare, FileTag, StoredFile
from brain.domains.files.rules import LINK_MAX_SECONDS, clean_name, is_traversal
from brain.domains.files.schemas import Access, FileRead, LinkRead, ShareRead, Usage
from brain.domains.files.upload import Uploaded
from brain.domains.users import service as users
from brain.domains.users.errors import UserNotFound
from brain.domains.ventures import service as ventures
from brain.domains.ventures.errors import VentureNotFound

ADMIN_PERMISSION = "files:manage_any"


def _c(model: Any, name: str) -> Any:
    """A table column, typed for the paginator (SQLModel's attributes are `Mapped`)."""
    return sa.inspect(model).columns[name]


FILES = Keyset("files.list", _c(StoredFile, "created_at"), _c(StoredFile, "id"))
SHARES = Keyset("files.shares", _c(FileShare, "created_at"), _c(FileShare, "id"))
LINKS = Keyset("files.links", _c(FileLink, "created_at"), _c(FileLink, "id"))

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Viewer:
    id: uuid.UUID
    is_admin: bool = False


# -- recording an upload ----------------------------------------------------------------------


async def used_bytes(session: AsyncSession, user_id: uuid.UUID) -> int:
    used = await session.scalar(select(FileQuota.used_bytes).where(FileQuota.user_id == user_id))
    return int(used or 0)


async def _change_usage(session: AsyncSession, user_id: uuid.UUID, delta: int, quota: int) -> bool:
    """Add `delta` bytes to the user's usage if the total stays within `quota`."""
    stmt = (
        sa.update(FileQuota)
        .where(col(FileQuota.user_id) == user_id)
        .where(col(FileQuota.used_bytes) + delta <= quota)
        .values(used_bytes=col(FileQuota.used_bytes) + delta)
        .execution_options(synchronize_session=False)
    )
    if (await session.exec(stmt)).rowcount == 1:
        return True
    if await session.scalar(select(FileQuota.user_id).where(FileQuota.user_id == user_id)):
        return False
    try:
        async with session.begin_nested():
            session.add(FileQuota(user_id=user_id, used_bytes=0))
    except IntegrityError:
        pass  # another upload made the row first
    return (await session.exec(stmt)).rowcount == 1


async def check_venture(
    session: AsyncSession, *, venture_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """A file may be put in, or shared with, only a venture whose team has the user."""
    if await ventures.member_role(session, venture_id=venture_id, user_id=user_id) is None:
        raise VentureNotFound("No venture of yours has this id.")


async def record_upload(
    session: AsyncSession, *, owner_id: uuid.UUID, upload: Uploaded
) -> FileRead:
    """The row for stored, checked bytes: quota first (QUOTA_EXCEEDED), then the file, its
    tags and `files.uploaded`. The caller deletes the bytes if this raises."""
    if upload.venture_id is not None:
        await check_venture(session, venture_id=upload.venture_id, user_id=owner_id)
    quota = get_settings().file_quota_bytes
    if not await _change_usage(session, owner_id, upload.size, quota):
        raise QuotaExceeded(f"This file would take you past your quota of {quota} bytes.")
    row = StoredFile(
        owner_id=owner_id,
        venture_id=upload.venture_id,
        name=upload.name,
        name_key=upload.name.lower(),
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        storage_key=upload.key,
    )
    session.add(row)
    await session.flush()
    session.add_all(FileTag(file_id=row.id, tag=t) for t in upload.tags)
    await bus.publish(
        session,
        FileUploaded(
            actor_id=owner_id,
            file_id=row.id,
            user_id=owner_id,
            venture_id=row.venture_id,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
        ),
    )
    return _read(row, sorted(upload.tags), "owner")


# -- access -----------------------------------------------------------------------------------


def _read(row: StoredFile, tags: list[str], access: Access) -> FileRead:
    return FileRead.model_validate({**row.model_dump(), "tags": tags, "access": access})


async def _tags(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = {i: [] for i in ids}
    if ids:
        rows = await session.exec(
            select(FileTag.file_id, FileTag.tag)
            .where(col(FileTag.file_id).in_(ids))
            .order_by(col(FileTag.tag))
        )
        for file_id, tag in rows.all():
            found[file_id].append(tag)
    return found


async def _access(session: AsyncSession, row: StoredFile, viewer: Viewer) -> Access | None:
    if row.owner_id == viewer.id:
        return "owner"
    shares = (
        await session.exec(
            select(FileShare.user_id, FileShare.venture_id).where(FileShare.file_id == row.id)
        )
    ).all()
    if any(user_id == viewer.id for user_id, _ in shares):
        return "shared"
    venture_ids = {v for _, v in shares if v is not None}
    if row.venture_id is not None:
        venture_ids.add(row.venture_id)
    for venture_id in venture_ids:
        if await ventures.member_role(session, venture_id=venture_id, user_id=viewer.id):
            return "venture"
    return "admin" if viewer.is_admin else None


async def readable(
    session: AsyncSession, *, file_id: uuid.UUID, viewer: Viewer
) -> tuple[StoredFile, Access]:
    row = await session.get(StoredFile, file_id)
    access = None if row is None else await _access(session, row, viewer)
    if row is None or access is None:
        raise FileNotFound()
    return row, access


async def manageable(session: AsyncSession, *, file_id: uuid.UUID, viewer: Viewer) -> StoredFile:
    row, access = await readable(session, file_id=file_id, viewer=viewer)
    if access not in ("owner", "admin"):
        raise PermissionDenied("Only the file's owner may change or share it.")
    return row


async def get_file(session: AsyncSession, *, file_id: uuid.UUID, viewer: Viewer) -> FileRead:
    row, access = await readable(session, file_id=file_id, viewer=viewer)
    return _read(row, (await _tags(session, [row.id]))[row.id], access)


# -- lists --------------------------------------------------------------------------------------


async def list_files(
    session: AsyncSession,
    *,
    viewer: Viewer,
    page: PageParams,
    content_type: str | None = None,
    tag: str | None = None,
    venture_id: uuid.UUID | None = None,
    q: str | None = None,
) -> tuple[list[FileRead], str | None]:
    """The viewer's files and those shared with them (directly or through a venture they are
    on), newest first."""
    mine = await ventures.venture_ids_of(session, user_id=viewer.id)
    shared = select(FileShare.file_id).where(
        sa.or_(
            col(FileShare.user_id) == viewer.id,
            col(FileShare.venture_id).in_(mine),
        )
    )
    query = select(StoredFile).where(
        sa.or_(
            col(StoredFile.owner_id) == viewer.id,
            col(StoredFile.venture_id).in_(mine),
            col(StoredFile.id).in_(shared),
        )
    )
    if content_type:
        if "/" in content_type:
            query = query.where(col(StoredFile.content_type) == content_type)
        else:  # a family: `image`, `text`, `application`
            query = query.where(col(StoredFile.content_type).startswith(content_type + "/"))
    if tag:
        query = query.where(
            select(FileTag.file_id)
            .where(col(FileTag.file_id) == col(StoredFile.id), col(FileTag.tag) == tag.lower())
            .exists()
        )
    if venture_id is not None:
        in_venture = select(FileShare.file_id).where(col(FileShare.venture_id) == venture_id)
        query = query.where(
            sa.or_(col(StoredFile.venture_id) == venture_id, col(StoredFile.id).in_(in_venture))
        )
    for word in _WORD.findall((q or "").lower())[:5]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(col(StoredFile.name_key).like(f"%{escaped}%", escape="\\"))
    rows, cursor = FILES.page((await session.exec(FILES.apply(query, page))).all(), page)
    tags = await _tags(session, [r.id for r in rows])
    items = []
    for row in rows:
        access: Access = "owner" if row.owner_id == viewer.id else "shared"
        if access == "shared" and row.venture_id in mine:
            access = "venture"
        items.append(_read(row, tags[row.id], access))
    return items, cursor


async def usage(session: AsyncSession, *, user_id: uuid.UUID) -> Usage:
    settings = get_settings()
    count = await session.scalar(
        select(func.count()).select_from(StoredFile).where(StoredFile.owner_id == user_id)
    )
    return Usage(
        used_bytes=await used_bytes(session, user_id),
        quota_bytes=settings.file_quota_bytes,
        files=int(count or 0),
        max_file_bytes=settings.file_max_bytes,
    )


# -- changes --------------------------------------------------------------------------------------


async def update_file(
    session: AsyncSession,
    *,
    file_id: uuid.UUID,
    viewer: Viewer,
    name: str | None,
    tags: list[str] | None,
) -> FileRead:
    row = await manageable(session, file_id=file_id, viewer=viewer)
    if name is not None:
        cleaned = None if is_traversal(name) else clean_name(name)
        if cleaned is None:
            raise ValidationFailed("The name is a path, or has nothing left once cleaned.")
        row.name, row.name_key = cleaned, cleaned.lower()
    if tags is not None:
        await session.exec(sa.delete(FileTag).where(col(FileTag.file_id) == row.id))
        session.add_all(FileTag(file_id=row.id, tag=t) for t in tags)
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    access: Access = "owner" if row.owner_id == viewer.id else "admin"
    return _read(row, (await _tags(session, [row.id]))[row.id], access)


async def delete_file(session: AsyncSession, *, file_id: uuid.UUID, viewer: Viewer) -> None:
    """Delete the row (its tags, shares and links go with it) and give back the quota; the
    bytes are removed by a job once this commits (if it never runs, the orphan sweep does)."""
    row = await manageable(session, file_id=file_id, viewer=viewer)
    key, owner_id, size = row.storage_key, row.owner_id, row.size
    for model in (FileTag, FileShare, FileLink):
        await session.exec(sa.delete(model).where(col(model.file_id) == row.id))
    await session.delete(row)
    await session.flush()
    await _change_usage(session, owner_id, -size, 2**62)

    async def remove_bytes() -> None:
        await jobs.enqueue_delete(key)

    db.after_commit(session, remove_bytes, key=f"files.delete:{key}")


# -- shares ---------------------------------------------------------------------------------------


async def share(
    session: AsyncSession,
    *,
    file_id: uuid.UUID,
    viewer: Viewer,
    user_id: uuid.UUID | None,
    venture_id: uuid.UUID | None,
) -> tuple[ShareRead, bool]:
    """Share with a user or a venture the sharer is on; returns the share and whether it is
    new (sharing twice with the same target answers the first share)."""
    row = await manageable(session, file_id=file_id, viewer=viewer)
    if user_id is not None:
        if user_id == row.owner_id:
            raise ShareTargetInvalid("The owner can read the file already.")
        try:
            await users.user_status(session, user_id)
        except UserNotFound:
            raise ShareTargetInvalid("No user has this id.") from None
        target = col(FileShare.user_id) == user_id
    else:
        assert venture_id is not None
        await check_venture(session, venture_id=venture_id, user_id=viewer.id)
        target = col(FileShare.venture_id) == venture_id
    existing = (
        await session.exec(select(FileShare).where(col(FileShare.file_id) == row.id, target))
    ).first()
    if existing is not None:
        return ShareRead.model_validate(existing.model_dump()), False
    created = FileShare(
        file_id=row.id, user_id=user_id, venture_id=venture_id, created_by=viewer.id
    )
    try:
        async with session.begin_nested():
            session.add(created)
    except IntegrityError:
        raise AlreadyShared() from None
    await bus.publish(
        session,
        FileShared(
            actor_id=viewer.id,
            file_id=row.id,
            share_id=created.id,
            user_id=viewer.id,
            target="user" if user_id is not None else "venture",
            target_user_id=user_id,
            venture_id=venture_id,
        ),
    )
    return ShareRead.model_validate(created.model_dump()), True


async def list_shares(
    session: AsyncSession, *, file_id: uuid.UUID, viewer: Viewer, page: PageParams
) -> tuple[list[ShareRead], str | None]:
    row = await manageable(session, file_id=file_id, viewer=viewer)
    query = select(FileShare).where(col(FileShare.file_id) == row.id)
    rows, cursor = SHARES.page((await session.exec(SHARES.apply(query, page))).all(), page)
    return [ShareRead.model_validate(r.model_dump()) for r in rows], cursor


async def unshare(
    session: AsyncSession, *, file_id: uuid.UUID, share_id: uuid.UUID, viewer: Viewer
) -> None:
    row = await manageable(session, file_id=file_id, viewer=viewer)
    done = await session.exec(
        sa.delete(FileShare).where(col(FileShare.id) == share_id, col(FileShare.file_id) == row.id)
    )
    if done.rowcount != 1:
        raise ShareNotFound()


# -- signed links ---------------------------------------------------------------------------------


def _link_key() -> bytes:
    settings = get_settings()
    if settings.file_link_key is not None:
        return settings.file_link_key.get_secret_value().encode()
    # A key of its own, so a link's MAC can never stand in for another signature.
    return hashlib.sha256(b"brain.files.links.v1\x00" + settings.secret_key.encode()).digest()


def link_signature(link_id: uuid.UUID, file_id: uuid.UUID, expires: int) -> str:
    message = f"{link_id}:{file_id}:{expires}".encode()
    digest = hmac.new(_link_key(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def link_url(link: FileLink) -> str:
    expires = int(link.expires_at.timestamp())
    signature = link_signature(link.id, link.file_id, expires)
    base = get_settings().public_base_url.rstrip("/")
    return (
        f"{base}/api/files/public/links/{link.id}/content?expires={expires}&signature={signature}"
    )


def _link_read(link: FileLink) -> LinkRead:
    return LinkRead.model_validate({**link.model_dump(), "url": link_url(link)})


async def create_link(
    session: AsyncSession,
    *,
    file_id: uuid.UUID,
    viewer: Viewer,
    expires_in: int,
    max_downloads: int | None,
) -> LinkRead:
    row = await manageable(session, file_id=file_id, viewer=viewer)
    now = utcnow().replace(microsecond=0)
    link = FileLink(
        file_id=row.id,
        created_by=viewer.id,
        expires_at=now + timedelta(seconds=min(expires_in, LINK_MAX_SECONDS)),
        max_downloads=max_downloads,
    )
    session.add(link)
    await session.flush()
    await bus.publish(
        session,
        FileShared(
            actor_id=viewer.id, file_id=row.id, share_id=link.id, user_id=viewer.id, target="link"
        ),
    )
    return _link_read(link)


async def list_links(
    session: AsyncSession, *, file_id: uuid.UUID, viewer: Viewer, page: PageParams
) -> tuple[list[LinkRead], str | None]:
    row = await manageable(session, file_id=file_id, viewer=viewer)
    query = select(FileLink).where(col(FileLink.file_id) == row.id)
    rows, cursor = LINKS.page((await session.exec(LINKS.apply(query, page))).all(), page)
    return [_link_read(r) for r in rows], cursor


async def revoke_link(
    session: AsyncSession, *, file_id: uuid.UUID, link_id: uuid.UUID, viewer: Viewer
) -> None:
    row = await manageable(session, file_id=file_id, viewer=viewer)
    link = await session.get(FileLink, link_id)
    if link is None or link.file_id != row.id:
        raise LinkNotFound()
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        session.add(link)
        await session.flush()


async def open_link(
    session: AsyncSession, *, link_id: uuid.UUID, expires: int, signature: str, count: bool
) -> StoredFile:
    """The file a public link serves. A signature that does not verify is 404 (a forged or
    altered link learns nothing); an expired, revoked or used-up link is 410. `count=True`
    spends one download, by a conditional UPDATE, so a limit holds under concurrent use."""
    link = await session.get(FileLink, link_id)
    if link is None:
        raise LinkNotFound()
    expected = link_signature(link.id, link.file_id, int(link.expires_at.timestamp()))
    if not hmac.compare_digest(expected.encode(), signature.encode()) or expires != int(
        link.expires_at.timestamp()
    ):
        raise LinkNotFound()
    now = utcnow()
    if link.revoked_at is not None or link.expires_at <= now:
        raise LinkGone()
    if count:
        spend = (
            sa.update(FileLink)
            .where(
                col(FileLink.id) == link.id,
                col(FileLink.revoked_at).is_(None),
                sa.or_(
                    col(FileLink.max_downloads).is_(None),
                    col(FileLink.downloads) < col(FileLink.max_downloads),
                ),
            )
            .values(downloads=col(FileLink.downloads) + 1)
            .execution_options(synchronize_session=False)
        )
        if (await session.exec(spend)).rowcount != 1:
            raise LinkGone()
    elif link.max_downloads is not None and link.downloads >= link.max_downloads:
        raise LinkGone()
    row = await session.get(StoredFile, link.file_id)
    if row is None:
        raise LinkNotFound()
    return row
