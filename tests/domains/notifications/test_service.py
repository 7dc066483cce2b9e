from __future__ import annotations

import asyncio
import email
import email.policy
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.config import Settings
from brain.core.jobs import InProcessJobs
from brain.domains.notifications import service, transport
from brain.domains.notifications.errors import EmailTemplateError, InvalidRecipient
from brain.domains.notifications.models import EmailMessage, EmailStatus
from brain.domains.notifications.service import send_email

RESET = {"display_name": "Ada", "reset_url": "http://x/reset#t0k3n", "expires_minutes": 30}


async def messages(factory: async_sessionmaker[AsyncSession]) -> list[EmailMessage]:
    async with factory() as s:
        return list(
            (await s.exec(select(EmailMessage).order_by(col(EmailMessage.created_at)))).all()
        )


def outbox_files(settings: Settings, message: EmailMessage) -> bool:
    return transport.outbox_path(settings.data_dir, message.id).is_file()


async def test_sending_writes_one_eml_to_the_outbox_after_the_job_runs(
    db_connection: async_sessionmaker[AsyncSession],
    job_runner: InProcessJobs,
    settings: Settings,
) -> None:
    async with db.session_scope() as s:
        await send_email(
            s, to="ada@example.com", template="auth_password_reset", data=RESET,
            idempotency_key="reset:1",
        )  # fmt: skip
    [message] = await messages(db_connection)
    assert message.status == EmailStatus.QUEUED
    assert not outbox_files(settings, message)

    assert await job_runner.run_until_idle() == 1
    path = transport.outbox_path(settings.data_dir, message.id)
    eml = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert eml["To"] == "ada@example.com"
    assert eml["Subject"] == "Reset your SmartStart password"
    assert eml["Message-ID"] == f"<{message.id}@smartstart.dev>"
    assert "http://x/reset#t0k3n" in eml.get_body().get_content()  # type: ignore[union-attr]
    [sent] = await messages(db_connection)
    assert sent.status == EmailStatus.SENT
    assert sent.sent_at is not None
    assert sent.attempts == 1
    # Nothing left to run: the message went out once.
    assert await job_runner.run_until_idle(include_deferred=True) == 0
    assert len(list(path.parent.glob(f"{message.id}*"))) == 1


async def test_same_idempotency_key_twice_sends_one_message(
    db_connection: async_sessionmaker[AsyncSession], job_runner: InProcessJobs
) -> None:
    for _ in range(2):  # once in one transaction
        async with db.session_scope() as s:
            for _ in range(2):  # and twice within it
                await send_email(
                    s, to="ada@example.com", template="auth_password_reset", data=RESET,
                    idempotency_key="reset:twice",
                )  # fmt: skip
    assert await job_runner.run_until_idle() == 1
    assert len(await messages(db_connection)) == 1


async def test_a_rolled_back_transaction_sends_nothing(
    db_connection: async_sessionmaker[AsyncSession], job_runner: InProcessJobs
) -> None:
    async def failing_request() -> None:
        async with db.session_scope() as s:
            await send_email(
                s, to="ada@example.com", template="user_welcome", data={"display_name": "Ada"},
                idempotency_key="welcome:rolled-back",
            )  # fmt: skip
            raise RuntimeError("the request failed after asking for the email")

    with pytest.raises(RuntimeError):
        await failing_request()
    assert await job_runner.run_until_idle(include_deferred=True) == 0
    assert await messages(db_connection) == []


async def test_a_missing_template_variable_fails_at_send_time(session: AsyncSession) -> None:
    with pytest.raises(EmailTemplateError, match="reset_url"):
        await send_email(
            session, to="ada@example.com", template="auth_password_reset",
            data={"display_name": "Ada", "expires_minutes": 30}, idempotency_key="reset:missing",
        )  # fmt: skip
    assert (await session.exec(select(EmailMessage))).all() == []


@pytest.mark.parametrize("name", ["no_such_template", "../models", "Auth"])
async def test_an_unknown_template_fails_at_send_time(session: AsyncSession, name: str) -> None:
    with pytest.raises(EmailTemplateError):
        await send_email(session, to="a@example.com", template=name, data={}, idempotency_key="k")


@pytest.mark.parametrize(
    "to", ["not-an-address", "a@example.com, b@example.com", "Eve <e@example.com>", "a@b\r\nBcc: x"]
)
async def test_only_a_single_plain_address_is_accepted(session: AsyncSession, to: str) -> None:
    with pytest.raises(InvalidRecipient):
        await send_email(
            session, to=to, template="user_welcome", data={"display_name": "Ada"},
            idempotency_key="k",
        )  # fmt: skip


def test_data_cannot_inject_headers_through_the_subject() -> None:
    with pytest.raises(EmailTemplateError, match="one line"):
        service.render("user_welcome", {"display_name": "Ada\r\nBcc: eve@example.com"})


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("user_welcome", {"display_name": "Ada"}),
        ("auth_password_reset", RESET),
        (
            "auth_verify_email",
            {"display_name": "Ada", "verify_url": "http://x/verify#v", "expires_hours": 48},
        ),
    ],
)
def test_shipped_templates_render_with_their_documented_variables(
    name: str, data: dict[str, object]
) -> None:
    assert name in service.template_names()
    rendered = service.render(name, data)
    assert "${" not in rendered.subject + rendered.body
    assert "Ada" in rendered.body


async def test_concurrent_sends_with_one_key_record_one_message(
    committed_db: async_sessionmaker[AsyncSession], job_runner: InProcessJobs
) -> None:
    key = f"race:{uuid.uuid4()}"
    first_inserted = asyncio.Event()

    async def send(*, first: bool) -> None:
        if not first:
            await first_inserted.wait()
        async with db.session_scope() as s:
            await send_email(
                s, to="ada@example.com", template="user_welcome", data={"display_name": "Ada"},
                idempotency_key=key,
            )  # fmt: skip
            if first:
                first_inserted.set()
                # Hold the transaction open while the other one looks for the key and inserts.
                await asyncio.sleep(0.3)

    try:
        await asyncio.gather(send(first=True), send(first=False))
        async with committed_db() as s:
            rows = (
                await s.exec(select(EmailMessage).where(col(EmailMessage.idempotency_key) == key))
            ).all()
        assert len(rows) == 1
        assert await job_runner.run_until_idle() == 1
    finally:
        async with committed_db() as s:
            await s.exec(sa.delete(EmailMessage).where(col(EmailMessage.idempotency_key) == key))
            await s.commit()
