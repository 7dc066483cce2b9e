"""The notification types of the domain rules: default channels, criticality, and a template
per channel (in-app title and body, email subject, text and HTML, push title and body).

Policy as data, no I/O. Templates are `string.Template`s over the variables the type declares;
`notify` checks the variables when it is called (a missing one fails the caller, not a job),
and each channel is rendered when it is sent. HTML is rendered with every value escaped, and a
value can never break a one-line field (titles, subjects) into two.

The table in docs/services/notifications.md is generated from `TYPES` (`generated_section`).
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from brain.domains.notifications.errors import EmailTemplateError, UnknownNotificationType


class Channel(StrEnum):
    IN_APP = "in_app"
    EMAIL = "email"
    PUSH = "push"


CHANNELS: tuple[Channel, ...] = (Channel.IN_APP, Channel.EMAIL, Channel.PUSH)


@dataclass(frozen=True)
class NotificationType:
    name: str
    description: str
    defaults: frozenset[Channel]
    variables: tuple[str, ...]
    title: str  # in-app title, also the push title
    body: str  # in-app body, also the push body
    subject: str
    text: str  # the email's text part; its HTML part is this, escaped, in paragraphs
    critical: bool = False  # ignores preferences and quiet hours (Novu `critical`)
    sensitive: bool = False  # its data holds a secret: emptied once delivered
    link: str = ""  # a path in the web app, e.g. "/ventures/${venture_id}"


def _t(
    name: str,
    description: str,
    defaults: tuple[Channel, ...],
    variables: tuple[str, ...],
    *,
    title: str,
    body: str,
    subject: str | None = None,
    text: str | None = None,
    critical: bool = False,
    sensitive: bool = False,
    link: str = "",
) -> NotificationType:
    return NotificationType(
        name=name,
        description=description,
        defaults=frozenset(defaults),
        variables=variables,
        title=title,
        body=body,
        subject=subject or title,
        text=text or f"Hello ${{display_name}},\n\n{body}\n\n${{app_url}}{link}\n",
        critical=critical,
        sensitive=sensitive,
        link=link,
    )


IN, EM, PU = Channel.IN_APP, Channel.EMAIL, Channel.PUSH

TYPES: dict[str, NotificationType] = {
    t.name: t
    for t in (
        _t(
            "user.welcome",
            "A new account was registered.",
            (IN, EM),
            (),
            title="Welcome to ${app_name}",
            body="Your account is ready. Sign your platform agreements to become a member.",
        ),
        _t(
            "auth.password_reset",
            "Someone asked to reset the account's password.",
            (EM,),
            ("reset_url", "expires_minutes"),
            title="Reset your ${app_name} password",
            body="Use the link within ${expires_minutes} minutes to choose a new password.",
            text=(
                "Hi ${display_name},\n\nSomeone (hopefully you) asked to reset the password "
                "of your ${app_name} account. Open this link to choose a new one:\n\n"
                "${reset_url}\n\nThe link works once and expires in ${expires_minutes} "
                "minutes. Resetting your password signs you out on every device.\n\nIf you "
                "did not ask for this, ignore this email: your password stays as it is.\n\n"
                "The ${app_name} team\n"
            ),
            critical=True,
            sensitive=True,
        ),
        _t(
            "ventures.invitation",
            "A venture invited the user to its team.",
            (IN, EM, PU),
            ("inviter_name", "venture_name", "role", "invitation_id", "expires_at"),
            title="${inviter_name} invited you to ${venture_name}",
            body="Join ${venture_name} as ${role}. The invitation expires on ${expires_at}.",
            link="/ventures/invitations/${invitation_id}",
        ),
        _t(
            "ventures.stage_changed",
            "A venture the user is on moved to another stage.",
            (IN,),
            ("venture_id", "venture_name", "from_stage", "to_stage"),
            title="${venture_name} moved to ${to_stage}",
            body="${venture_name} moved from ${from_stage} to ${to_stage}.",
            link="/ventures/${venture_id}",
        ),
        _t(
            "legal.signature_requested",
            "A document waits for the user's signature.",
            (IN, EM),
            ("sender_name", "document_title", "document_id", "deadline"),
            title="${sender_name} asks you to sign ${document_title}",
            body="${document_title} waits for your signature (deadline: ${deadline}).",
            link="/legal/documents/${document_id}",
        ),
        _t(
            "legal.document_completed",
            "Every party signed a document the user is party to.",
            (IN, EM),
            ("document_title", "document_id", "content_sha256"),
            title="${document_title} is signed by everyone",
            body="${document_title} is complete. Its content hash is ${content_sha256}.",
            link="/legal/documents/${document_id}",
        ),
        _t(
            "buz.received",
            "Another user transferred BUZ to the user.",
            (IN,),
            ("amount", "sender_name", "transfer_id"),
            title="You received ${amount} BUZ",
            body="${sender_name} sent you ${amount} BUZ.",
            link="/buz/transactions",
        ),
        _t(
            "buz.stake_matured",
            "A stake reached its term; its reward is paid.",
            (IN,),
            ("position_id", "reward"),
            title="Your stake matured",
            body="Your stake matured with a reward of ${reward} BUZ.",
            link="/buz/staking",
        ),
        _t(
            "gamification.badge_earned",
            "The user earned a badge.",
            (IN,),
            ("badge", "badge_name", "rarity"),
            title="Badge earned: ${badge_name}",
            body="You earned the ${rarity} badge ${badge_name}.",
            link="/gamification/badges",
        ),
        _t(
            "gamification.level_up",
            "The user reached a new level.",
            (IN, PU),
            ("from_level", "to_level"),
            title="Level up: ${to_level}",
            body="You went from ${from_level} to ${to_level}.",
            link="/gamification",
        ),
        _t(
            "umbrella.share_paid",
            "A revenue share from the user's referral network was paid.",
            (IN,),
            ("amount", "level"),
            title="Revenue share: ${amount} BUZ",
            body="You earned ${amount} BUZ from your network (level ${level}).",
            link="/umbrella",
        ),
        _t(
            "system.announcement",
            "An administrator's announcement to everyone or to a role.",
            (IN, EM, PU),
            ("announcement_title", "announcement_body"),
            title="${announcement_title}",
            body="${announcement_body}",
            text="Hello ${display_name},\n\n${announcement_title}\n\n${announcement_body}\n\n"
            "The ${app_name} team\n",
        ),
    )
}


def get_type(name: str) -> NotificationType:
    try:
        return TYPES[name]
    except KeyError:
        raise UnknownNotificationType(f"no notification type {name!r}") from None


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    link: str


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def check_data(kind: NotificationType, data: Mapping[str, Any]) -> None:
    missing = [v for v in kind.variables if v not in data]
    if missing:
        raise EmailTemplateError(f"notification {kind.name!r} needs the variables {missing}")


def _fill(template: str, values: Mapping[str, str], *, one_line: bool) -> str:
    if one_line:
        # A value cannot add a line (a header in a subject, a fake second line in a title).
        values = {k: " ".join(v.split()) for k, v in values.items()}
    try:
        return string.Template(template).substitute(values)
    except KeyError as exc:
        raise EmailTemplateError(f"template needs the variable {exc.args[0]!r}") from exc


def _values(data: Mapping[str, Any], base: Mapping[str, str]) -> dict[str, str]:
    return {**base, **{k: str(v) for k, v in data.items()}}


def render_in_app(
    kind: NotificationType, data: Mapping[str, Any], base: Mapping[str, str]
) -> Rendered:
    """Title, body and link of the inbox item (and of a push)."""
    values = _values(data, base)
    return Rendered(
        title=_fill(kind.title, values, one_line=True)[:300],
        body=_fill(kind.body, values, one_line=False),
        link=_fill(kind.link, values, one_line=True),
    )


def render_email(
    kind: NotificationType, data: Mapping[str, Any], base: Mapping[str, str]
) -> RenderedEmail:
    """Subject, text and HTML: every value is HTML-escaped in the HTML part."""
    values = _values(data, base)
    text = _fill(kind.text, values, one_line=False)
    escaped = {k: html.escape(v, quote=True) for k, v in values.items()}
    html_text = _fill(html.escape(kind.text, quote=False), escaped, one_line=False)
    paragraphs = "".join(
        f"<p>{p.replace(chr(10), '<br>')}</p>" for p in html_text.split("\n\n") if p.strip()
    )
    return RenderedEmail(
        subject=_fill(kind.subject, values, one_line=True),
        text=text,
        html=f'<!doctype html><html><body style="font-family:sans-serif">{paragraphs}'
        "</body></html>",
    )


def generated_section() -> str:
    """The type x channel table of docs/services/notifications.md."""
    lines = [
        "| type | in_app | email | push | critical | variables | when |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in TYPES.values():
        cells = [
            "default" if c in kind.defaults else ("never" if kind.critical else "opt-in")
            for c in CHANNELS
        ]
        variables = ", ".join(f"`{v}`" for v in kind.variables) or "none"
        critical = "yes" if kind.critical else "no"
        lines.append(
            f"| `{kind.name}` | {' | '.join(cells)} | {critical} | {variables} | "
            f"{kind.description} |"
        )
    return "\n".join(lines)
