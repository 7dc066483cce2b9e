"""The files domain's part of a user's data export (brain/core/export.py).

- `files` and `file_tags`: every file the user uploaded, with its name, type, size, hash,
  venture, and its tags (the metadata; the bytes are downloadable through the API, and an
  export document must stay a JSON document);
- `shares_made` and `links_made`: what the user shared with whom, and their signed links
  (without the URL: a live link is a credential, and it is one API call away);
- `shared_with_me`: the files others shared with the user, by id;
- `quota`: the bytes the user's files take.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.files.models import FileLink, FileQuota, FileShare, FileTag, StoredFile


def _c(model: Any, name: str) -> Any:
    """A table column, typed for the paginator (SQLModel's attributes are `Mapped`)."""
    return sa.inspect(model).columns[name]


FILES = Keyset("files.export_files", _c(StoredFile, "created_at"), _c(StoredFile, "id"))
SHARES_MADE = Keyset("files.export_shares_made", _c(FileShare, "created_at"), _c(FileShare, "id"))
SHARED_WITH_ME = Keyset(
    "files.export_shared_with_me", _c(FileShare, "created_at"), _c(FileShare, "id")
)
# (file_id, tag) is the primary key: the pair orders the tags totally.
TAGS = Keyset("files.export_tags", _c(FileTag, "file_id"), _c(FileTag, "tag"))
LINKS = Keyset("files.export_links", _c(FileLink, "created_at"), _c(FileLink, "id"))


def _row(exclude: set[str]) -> Any:
    def convert(row: Any) -> dict[str, Any]:
        return json_object(row.model_dump(exclude=exclude))

    return convert


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    files = select(StoredFile).where(col(StoredFile.owner_id) == user_id)
    tags = (
        select(FileTag)
        .join(StoredFile, col(StoredFile.id) == col(FileTag.file_id))
        .where(col(StoredFile.owner_id) == user_id)
    )
    made = select(FileShare).where(col(FileShare.created_by) == user_id)
    received = select(FileShare).where(col(FileShare.user_id) == user_id)
    links = select(FileLink).where(col(FileLink.created_by) == user_id)
    used = await session.scalar(select(FileQuota.used_bytes).where(FileQuota.user_id == user_id))
    return {
        "files": keyset_rows(session, FILES, files, _row({"owner_id", "name_key", "storage_key"})),
        "file_tags": keyset_rows(session, TAGS, tags, _row(set())),
        "shares_made": keyset_rows(session, SHARES_MADE, made, _row({"created_by"})),
        "shared_with_me": keyset_rows(
            session, SHARED_WITH_ME, received, _row({"user_id", "venture_id"})
        ),
        "links_made": keyset_rows(session, LINKS, links, _row({"created_by"})),
        "quota": {"used_bytes": int(used or 0)},
    }


EXPORT = DataExport(
    collect=collect,
    tables=("files", "file_tags", "file_shares", "file_links", "file_quotas"),
)
