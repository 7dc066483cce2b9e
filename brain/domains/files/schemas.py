"""Request and response models of `/api/files`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from brain.core.schemas import InputModel
from brain.domains.files.rules import (
    LINK_DEFAULT_SECONDS,
    LINK_MAX_DOWNLOADS,
    LINK_MAX_SECONDS,
    NAME_MAX,
    TAG_MAX,
    TAGS_MAX,
)

TAG_PATTERN = r"^[a-z0-9][a-z0-9_.+-]*$"
Tag = Annotated[str, StringConstraints(min_length=1, max_length=TAG_MAX, pattern=TAG_PATTERN)]


def _distinct(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


Access = Literal["owner", "shared", "venture", "admin"]


class FileRead(BaseModel):
    id: uuid.UUID
    name: str = Field(description="The original name, cleaned; metadata only.")
    content_type: str = Field(description="The type sniffed from the content.")
    size: int
    sha256: str = Field(description="Hex SHA-256 of the content (also the download's ETag).")
    owner_id: uuid.UUID
    venture_id: uuid.UUID | None
    tags: list[str]
    access: Access = Field(
        description="Why you can read it: yours, shared with you, your venture's, or as an admin."
    )
    created_at: datetime
    updated_at: datetime


class FileUpdate(InputModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)] | None = None
    tags: Annotated[list[Tag], AfterValidator(_distinct)] | None = Field(
        default=None, max_length=TAGS_MAX
    )


class ShareCreate(InputModel):
    """Exactly one of `user_id` and `venture_id`."""

    user_id: uuid.UUID | None = None
    venture_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _one_target(self) -> ShareCreate:
        if (self.user_id is None) == (self.venture_id is None):
            raise ValueError("give exactly one of user_id and venture_id")
        return self


class ShareRead(BaseModel):
    id: uuid.UUID
    file_id: uuid.UUID
    user_id: uuid.UUID | None
    venture_id: uuid.UUID | None
    created_by: uuid.UUID
    created_at: datetime


class LinkCreate(InputModel):
    expires_in: int = Field(
        default=LINK_DEFAULT_SECONDS,
        ge=1,
        le=LINK_MAX_SECONDS,
        description="Seconds until the link stops working (at most 7 days).",
    )
    max_downloads: int | None = Field(
        default=None, ge=1, le=LINK_MAX_DOWNLOADS, description="Downloads allowed; none: any."
    )


class LinkRead(BaseModel):
    id: uuid.UUID
    file_id: uuid.UUID
    url: str = Field(description="The public URL: anyone holding it may download the file.")
    expires_at: datetime
    max_downloads: int | None
    downloads: int
    revoked_at: datetime | None
    created_at: datetime


class Usage(BaseModel):
    used_bytes: int
    quota_bytes: int
    files: int
    max_file_bytes: int
