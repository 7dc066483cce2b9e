"""The generated Python client (clients/python): current with the schema, generated without a
warning, and usable end to end against a real `brain serve`.

The journey is a list of steps (`JOURNEY`), each a function of the shared `Journey` state: to
walk further (upload a file, read the inbox), append a step."""

from __future__ import annotations

import filecmp
import io
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from brain_client import AuthenticatedClient, Client
from brain_client.api.auth import auth_me, auth_register
from brain_client.api.buz import buz_create_transfer, buz_read_balance
from brain_client.api.files import files_download_file, files_upload_file
from brain_client.api.legal import legal_sign_personal_agreement
from brain_client.api.notifications import (
    notifications_list_inbox,
    notifications_mark_read,
    notifications_unread_count,
)
from brain_client.api.ventures import ventures_create_venture, ventures_invite, ventures_read_team
from brain_client.models import (
    FileRead,
    FilesUploadFileBody,
    Industry,
    InvitationCreate,
    MeRead,
    NotificationReadPage,
    PersonalSignRequest,
    ProblemDetails,
    RegisterRequest,
    SignatureMethod,
    TokenResponse,
    TransferCreate,
    TransferRead,
    UnreadCount,
    VentureCreate,
)
from brain_client.types import File

from clients.generate import OUT, SCHEMA, generate
from tests.factories.files import png
from tests.servers import brain_server

PASSWORD = "correct horse battery staple 42"
# The platform pack (MEMBER, welcome bonus), the BUZ terms (transfers) and the venture
# documents (creating a venture).
DOCUMENTS = ("PPA", "ESCA", "PNA", "BTS", "BPP", "ISEA", "VOA")


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=[".ruff_cache", "__pycache__"])
    found = [f"only in {left.name}: {n}" for n in compared.left_only]
    found += [f"only in the new client: {n}" for n in compared.right_only]
    found += [f"differs: {n}" for n in compared.diff_files + compared.funny_files]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{d}" for d in _differences(Path(sub.left), Path(sub.right))]
    return found


@pytest.mark.slow
def test_the_committed_client_is_generated_from_the_committed_schema_without_warnings(
    tmp_path: Path,
) -> None:
    # `generate` raises GenerationWarning on any warning (a dropped operation or model).
    generate(SCHEMA, tmp_path / "python")

    stale = _differences(OUT, tmp_path / "python")
    assert not stale, f"clients/python is stale ({stale[:5]}): run `make client`"


# -- the journey -----------------------------------------------------------------------------


@dataclass
class Person:
    email: str
    user_id: str = ""
    client: AuthenticatedClient | None = None

    @property
    def api(self) -> AuthenticatedClient:
        assert self.client is not None, f"{self.email} is not signed in"
        return self.client


@dataclass
class Journey:
    url: str
    me: Person = field(default_factory=lambda: Person(f"journey-{uuid.uuid4().hex[:8]}@ex.com"))
    friend: Person = field(default_factory=lambda: Person(f"friend-{uuid.uuid4().hex[:8]}@ex.com"))
    venture_id: str = ""

    def anonymous(self) -> Client:
        return Client(base_url=self.url, raise_on_unexpected_status=True)


def follow_location(person: Person, headers: Mapping[str, str]) -> dict[str, Any]:
    """GET what a 201's `Location` names, as `person`."""
    found = person.api.get_httpx_client().get(headers["Location"])
    assert found.status_code == 200, (headers["Location"], found.text)
    body: dict[str, Any] = found.json()
    return body


def register(journey: Journey) -> None:
    for person in (journey.me, journey.friend):
        response = auth_register.sync_detailed(
            client=journey.anonymous(),
            body=RegisterRequest(email=person.email, password=PASSWORD, display_name="Journey"),
        )
        assert response.status_code == 201, response.content
        assert isinstance(response.parsed, TokenResponse)
        person.user_id = str(response.parsed.user.id)
        person.client = AuthenticatedClient(
            base_url=journey.url, token=response.parsed.access_token
        )
        me = auth_me.sync(client=person.api)
        assert isinstance(me, MeRead), me
        assert str(me.id) == person.user_id


def sign_documents(journey: Journey) -> None:
    for person in (journey.me, journey.friend):
        for template_type in DOCUMENTS:
            response = legal_sign_personal_agreement.sync_detailed(
                template_type,
                client=person.api,
                body=PersonalSignRequest(
                    consent_given=True, terms_accepted=True, method=SignatureMethod.CLICK
                ),
            )
            assert response.status_code == 201, response.content


def transfer_with_an_idempotency_key(journey: Journey) -> None:
    key = str(uuid.uuid4())
    body = TransferCreate(to_user_id=uuid.UUID(journey.friend.user_id), amount="12.50")
    first = buz_create_transfer.sync_detailed(client=journey.me.api, body=body, idempotency_key=key)
    assert first.status_code == 201, first.content
    assert isinstance(first.parsed, TransferRead)
    assert follow_location(journey.me, first.headers)["id"] == str(first.parsed.id)
    again = buz_create_transfer.sync_detailed(client=journey.me.api, body=body, idempotency_key=key)
    assert again.status_code == 200, again.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert isinstance(again.parsed, TransferRead)
    assert again.parsed.id == first.parsed.id
    balance = buz_read_balance.sync(uuid.UUID(journey.friend.user_id), client=journey.friend.api)
    assert balance is not None


def create_a_venture(journey: Journey) -> None:
    response = ventures_create_venture.sync_detailed(
        client=journey.me.api,
        idempotency_key=str(uuid.uuid4()),
        body=VentureCreate(
            name=f"Journey {uuid.uuid4().hex[:6]}",
            description="A venture made by the generated client's journey test: it registers, "
            "signs, sends BUZ and builds a team, all through the typed client.",
            industry=Industry.TECHNOLOGY,
        ),
    )
    assert response.status_code == 201, response.content
    assert response.parsed is not None
    assert not isinstance(response.parsed, ProblemDetails)
    journey.venture_id = str(response.parsed.id)
    assert follow_location(journey.me, response.headers)["id"] == journey.venture_id


def invite_a_member(journey: Journey) -> None:
    response = ventures_invite.sync_detailed(
        uuid.UUID(journey.venture_id),
        client=journey.me.api,
        body=InvitationCreate(user_id=uuid.UUID(journey.friend.user_id)),
    )
    assert response.status_code == 201, response.content
    team = ventures_read_team.sync_detailed(uuid.UUID(journey.venture_id), client=journey.me.api)
    assert team.status_code == 200, team.content


def upload_a_file(journey: Journey) -> None:
    picture = png(64)
    response = files_upload_file.sync_detailed(
        client=journey.me.api,
        body=FilesUploadFileBody(
            file=File(payload=io.BytesIO(picture), file_name="logo.png", mime_type="image/png"),
            tags="journey",
        ),
    )
    assert response.status_code == 201, response.content
    assert isinstance(response.parsed, FileRead)
    assert response.parsed.content_type == "image/png"
    assert follow_location(journey.me, response.headers)["id"] == str(response.parsed.id)
    downloaded = files_download_file.sync_detailed(response.parsed.id, client=journey.me.api)
    assert downloaded.status_code == 200
    assert downloaded.content == picture


def read_the_inbox(journey: Journey) -> None:
    """The friend was paid and invited: both are in the inbox, unread until read."""
    before = notifications_unread_count.sync(client=journey.friend.api)
    assert isinstance(before, UnreadCount), before
    inbox = notifications_list_inbox.sync(client=journey.friend.api, unread=True)
    assert isinstance(inbox, NotificationReadPage), inbox
    types = {item.type_ for item in inbox.items}
    assert {"buz.received", "ventures.invitation"} <= types, types
    assert before.unread == len(inbox.items)
    read = notifications_mark_read.sync_detailed(inbox.items[0].id, client=journey.friend.api)
    assert read.status_code == 200, read.content
    after = notifications_unread_count.sync(client=journey.friend.api)
    assert isinstance(after, UnreadCount), after
    assert after.unread == before.unread - 1


JOURNEY: list[Callable[[Journey], None]] = [
    register,
    sign_documents,
    transfer_with_an_idempotency_key,
    create_a_venture,
    invite_a_member,
    upload_a_file,
    read_the_inbox,
]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with brain_server() as url:
        yield url


@pytest.mark.slow
def test_a_user_journey_through_the_generated_client(server: str) -> None:
    journey = Journey(server)
    for step in JOURNEY:
        step(journey)
