"""Events the files domain publishes: its public contract. Imports only the core.

`user_id` is the acting user (the uploader, the sharer): the users' activity feed files the
event under it. No file name or content travels in an event.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class FileUploaded(DomainEvent):
    name: ClassVar[str] = "files.uploaded"

    file_id: uuid.UUID
    user_id: uuid.UUID
    venture_id: uuid.UUID | None = None
    content_type: str
    size: int
    sha256: str


class FileShared(DomainEvent):
    """`target` is `user`, `venture` or `link`; `target_user_id` / `venture_id` name who."""

    name: ClassVar[str] = "files.shared"

    file_id: uuid.UUID
    share_id: uuid.UUID
    user_id: uuid.UUID
    target: str
    target_user_id: uuid.UUID | None = None
    venture_id: uuid.UUID | None = None


ALL: tuple[type[DomainEvent], ...] = (FileUploaded, FileShared)
# Both go into the acting user's activity feed.
ACTIVITY: tuple[type[DomainEvent], ...] = (FileUploaded, FileShared)
