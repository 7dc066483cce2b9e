from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.config import Settings
from brain.core.jobs import InProcessJobs
from brain.domains.notifications import jobs, transport
from brain.domains.notifications.models import EmailMessage, EmailStatus
from brain.domains.notifications.service import send_email
from tests.domains.notifications.conftest import SmtpServer

VERIFY = {"display_name": "Ada", "verify_url": "http://x/verify#v3r1fy", "expires_hours": 48}


async def queue_one(key: str) -> None:
    async with db.session_scope() as s:
        await send_email(
            s, to="ada@example.com", template="auth_verify_email", data=VERIFY,
            idempotency_key=key,
        )  # fmt: skip


async def the_message(factory: async_sessionmaker[AsyncSession]) -> EmailMessage:
    async with factory() as s:
        return (await s.exec(select(EmailMessage))).one()


async def test_smtp_delivery_reaches_the_server(
    db_connection: async_sessionmaker[AsyncSession],
    job_runner: InProcessJobs,
    settings: Settings,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Credentials are percent-decoded from the URL.
    url = smtp_server.url.replace("smtp://", "smtp://mailer%40smartstart.dev:p%40ss%2Fw0rd@")
    monkeypatch.setattr(settings, "smtp_url", url)
    monkeypatch.setattr(settings, "smtp_starttls", False)
    await queue_one("verify:smtp")
    await job_runner.run_until_idle()

    [received] = smtp_server.messages
    assert received.rcpt_to == ["ada@example.com"]
    assert received.message["Subject"] == "Confirm your email address for SmartStart"
    assert "http://x/verify#v3r1fy" in str(received.message.get_payload())
    assert smtp_server.logins == [("mailer@smartstart.dev", "p@ss/w0rd")]
    message = await the_message(db_connection)
    assert message.status == EmailStatus.SENT
    assert message.attempts == 1
    assert message.body == "", "a delivered body (maybe a live reset link) is not kept"
    assert not transport.outbox_path(settings.data_dir, message.id).exists()


async def test_smtp_refuses_to_send_in_clear_when_starttls_is_not_offered(
    db_connection: async_sessionmaker[AsyncSession],
    job_runner: InProcessJobs,
    settings: Settings,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "smtp_url", smtp_server.url)
    monkeypatch.setattr(settings, "smtp_starttls", True)
    monkeypatch.setattr(settings, "job_max_tries", 1)
    await queue_one("verify:no-starttls")
    await job_runner.run_until_idle()
    assert smtp_server.messages == []
    message = await the_message(db_connection)
    assert message.status == EmailStatus.FAILED
    assert "STARTTLS" in (message.last_error or "")


async def test_failing_smtp_is_retried_and_recorded(
    db_connection: async_sessionmaker[AsyncSession],
    job_runner: InProcessJobs,
    settings: Settings,
    closed_port: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "smtp_url", f"smtp://127.0.0.1:{closed_port}")
    await queue_one("verify:down")
    ran = await job_runner.run_until_idle()

    # Every try ran (the test settings retry without delay), then the job was given up.
    assert ran == settings.job_max_tries
    assert [name for name, _, _ in job_runner.failed] == [jobs.DELIVER_EMAIL_JOB]
    message = await the_message(db_connection)
    assert message.status == EmailStatus.FAILED
    assert message.body == ""
    assert message.sent_at is None
    assert message.attempts == settings.job_max_tries
    assert "Connection refused" in (message.last_error or "") or "Errno" in (
        message.last_error or ""
    )
    assert not transport.outbox_path(settings.data_dir, message.id).exists()


async def test_a_retry_after_a_failure_delivers(
    db_connection: async_sessionmaker[AsyncSession],
    job_runner: InProcessJobs,
    settings: Settings,
    smtp_server: SmtpServer,
    closed_port: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "smtp_url", f"smtp://127.0.0.1:{closed_port}")
    monkeypatch.setattr(settings, "smtp_starttls", False)
    await queue_one("verify:flaky")
    # First try fails; the retry is due at once (test settings) but we stop after one job.
    [item] = job_runner._heap
    job_runner._heap.clear()
    await job_runner._run(item)
    message = await the_message(db_connection)
    assert (message.status, message.attempts) == (EmailStatus.QUEUED, 1)
    assert message.last_error

    monkeypatch.setattr(settings, "smtp_url", smtp_server.url)
    await job_runner.run_until_idle()
    assert len(smtp_server.messages) == 1
    message = await the_message(db_connection)
    assert (message.status, message.attempts, message.last_error) == (EmailStatus.SENT, 2, None)


async def test_stranded_queued_messages_are_requeued_once(
    db_connection: async_sessionmaker[AsyncSession],
    job_runner: InProcessJobs,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await queue_one("verify:stranded")
    # The process "restarts": its in-process queue is lost.
    job_runner._heap.clear()
    job_runner._known.clear()
    monkeypatch.setattr(jobs, "REQUEUE_AFTER", jobs.REQUEUE_AFTER * 0)
    assert await jobs.requeue_emails() == 1
    assert await jobs.requeue_emails() == 0  # already queued: same job id
    await job_runner.run_until_idle()
    message = await the_message(db_connection)
    assert message.status == EmailStatus.SENT
    assert transport.outbox_path(settings.data_dir, message.id).is_file()
