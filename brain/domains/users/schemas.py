"""Request and response models of the users domain."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from brain.core.schemas import InputModel, trimmed_at_least
from brain.domains.users.emails import normalize_email
from brain.domains.users.errors import InvalidEmail

# Re-exported: other domains may import this module, not `roles`, and need the enums.
from brain.domains.users.roles import Role as Role
from brain.domains.users.roles import UserStatus as UserStatus
from brain.domains.users.roles import Visibility as Visibility

ProfileField = Literal["headline", "bio", "location", "skills", "interests", "links", "avatar"]

# Who sees each profile field until the user says otherwise (data, not scattered literals).
DEFAULT_PROFILE_VISIBILITY: dict[str, Visibility] = {
    "headline": Visibility.PUBLIC,
    "avatar": Visibility.PUBLIC,
    "skills": Visibility.PUBLIC,
    "bio": Visibility.MEMBERS,
    "interests": Visibility.MEMBERS,
    "links": Visibility.MEMBERS,
    "location": Visibility.PRIVATE,
}


def valid_email(value: str) -> str:
    """A pydantic after-validator: the address's stored form, or ValueError."""
    try:
        return normalize_email(value).address
    except InvalidEmail as exc:
        raise ValueError(exc.detail) from exc


# Every request field that takes an email address (auth's too): the one rule of
# `users.emails.normalize_email`, refused as a 422 naming the field. The value becomes the
# address's stored form; services derive the identity key from it again.
EmailIn = Annotated[
    str,
    Field(
        min_length=3,
        max_length=320,
        json_schema_extra={"format": "email"},
        description="An email address. Look-alike letters from mixed scripts, and special-use "
        "domains such as `.test` or `.localhost`, are refused.",
    ),
    AfterValidator(valid_email),
]


class _Input(InputModel):
    # Unknown fields are refused, so a client cannot slip in `role` or `status`.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


DisplayName = Field(description="Name shown to other members.")
NonBlank100 = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=1, max_length=100),
    trimmed_at_least(1),
]


class UserCreate(_Input):
    """An admin creates an account. It starts as GUEST; roles change through
    `PUT /api/auth/users/{id}/role`. The user sets a password with "forgot password"."""

    email: EmailIn
    display_name: NonBlank100 = DisplayName
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)


class UserUpdate(_Input):
    """Partial update. `email`, `status` and `status_reason` need `users:manage` and never
    apply to yourself; there is no `role` field (see `PUT /api/auth/users/{id}/role`)."""

    email: EmailIn | None = Field(
        default=None,
        description="Admins only: the new address, which starts unverified (the user asks for "
        "a verification link); 409 `EMAIL_TAKEN` if another account has it.",
    )
    display_name: NonBlank100 | None = None
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    status: Literal[UserStatus.ACTIVE, UserStatus.SUSPENDED] | None = Field(
        default=None, description="ACTIVE or SUSPENDED (admins only; deactivate with DELETE)."
    )
    status_reason: str | None = Field(default=None, max_length=500)


class UserReplace(_Input):
    """Full replacement of the editable personal fields."""

    display_name: NonBlank100 = DisplayName
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)


class UserRead(BaseModel):
    """A user. With `view: "public"` the private fields (email, names, status details) are
    null: you are neither this user nor an admin."""

    id: uuid.UUID
    display_name: str
    role: Role
    created_at: datetime
    view: Literal["public", "full"] = Field(
        description="`full` when you may see every field, `public` when private ones are null."
    )
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    status: UserStatus | None = None
    status_reason: str | None = None
    email_verified: bool | None = None
    updated_at: datetime | None = None
    deactivated_at: datetime | None = None


class Link(BaseModel):
    label: Annotated[
        str,
        StringConstraints(strip_whitespace=False, min_length=1, max_length=50),
        trimmed_at_least(1),
    ]
    url: AnyHttpUrl


class ProfileUpdate(_Input):
    headline: str | None = Field(default=None, max_length=200)
    bio: str | None = Field(default=None, max_length=5000)
    location: str | None = Field(default=None, max_length=200)
    skills: list[str] = Field(default_factory=list, max_length=50)
    interests: list[str] = Field(default_factory=list, max_length=50)
    links: list[Link] = Field(default_factory=list, max_length=20)
    avatar_file_id: uuid.UUID | None = None
    visibility: dict[ProfileField, Visibility] = Field(
        default_factory=dict,
        description="Per field: `public` (anyone), `members` (signed-in users) or `private` "
        "(you and admins). Fields left out keep their default.",
    )

    @field_validator("skills", "interests")
    @classmethod
    def _short_tags(cls, value: list[str]) -> list[str]:
        tags = [v.strip() for v in value if v.strip()]
        if any(len(t) > 50 for t in tags):
            raise ValueError("each entry is at most 50 characters")
        return list(dict.fromkeys(tags))


class ProfileRead(BaseModel):
    """A profile. Fields the viewer may not see are null (lists empty); `visibility` is
    shown only to the user and admins."""

    user_id: uuid.UUID
    display_name: str
    headline: str | None = None
    bio: str | None = None
    location: str | None = None
    skills: list[str] = Field(default_factory=list)
    interests: list[str] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    avatar_file_id: uuid.UUID | None = None
    visibility: dict[str, Visibility] | None = None
    updated_at: datetime | None = None


class PrivacySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    activity: Visibility = Field(
        default=Visibility.PRIVATE,
        description="Who may read your activity feed and stats (admins always may).",
    )


class NotificationShortcuts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: bool = Field(default=True, description="Non-critical email notifications.")
    push: bool = Field(default=True, description="Push notifications.")
    in_app: bool = Field(default=True, description="In-app notifications.")


class SettingsUpdate(_Input):
    # The column holds 20 characters; without the bound Postgres refused a longer tag with a
    # 500 (found by the API fuzzer), and SQLite stored it.
    locale: str = Field(default="en", max_length=20, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    timezone: str = Field(default="UTC", max_length=64)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    notifications: NotificationShortcuts = Field(default_factory=NotificationShortcuts)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if value not in zoneinfo.available_timezones():
            raise ValueError("not an IANA timezone name, e.g. Europe/Berlin")
        return value


class SettingsRead(BaseModel):
    user_id: uuid.UUID
    locale: str
    timezone: str
    privacy: PrivacySettings
    notifications: NotificationShortcuts
    updated_at: datetime | None = None


class ActivityRead(BaseModel):
    event_id: uuid.UUID
    kind: str = Field(description="The event's name, e.g. `auth.logged_in`.")
    occurred_at: datetime
    data: dict[str, Any]


class UserStats(BaseModel):
    user_id: uuid.UUID
    member_since: datetime
    counts: dict[str, int] = Field(
        description="Named counters (`sessions_started`, `password_changes`, ...); more appear "
        "as domains land."
    )


class UserExport(BaseModel):
    """The data export document (brain/core/export.py): these fields, then one object per
    installed domain (`users`, `notifications`, `auth`, `state_machines`, `legal`, `buz`,
    ...) with what that domain holds on the user."""

    model_config = ConfigDict(extra="allow")

    format: Literal["smartstart.user-data-export"]
    format_version: int = Field(description="Bumped when a key changes meaning or goes away.")
    generated_at: datetime
    user_id: uuid.UUID
