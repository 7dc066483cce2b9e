"""legal: seed version 1.0.0 of every document type and the default compliance rules

A frozen copy of `brain/domains/legal/catalog.py` as it was when this migration was written
(migrations never import application code, so a later edit of the catalogue cannot change
what this revision installs). tests/domains/legal/test_seed.py checks a migrated database
against the catalogue.

The texts are short plain-language placeholders: the mechanics (versions, hashes, signing,
compliance) are what matter until counsel supplies the real ones as new versions.

Revision ID: 8d2f4b6c1a90
Revises: 6578ea071ef3
Create Date: 2026-11-25 09:43:00+00:00
"""

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "8d2f4b6c1a90"
down_revision: str | None = "6578ea071ef3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (type, name, category, personal, what the document is about)
TEMPLATES = [
    ("PPA", "Platform Participation Agreement", "platform", True,
     "how you take part in SmartStart: be honest, respect other members, and follow the "
     "community rules. SmartStart may suspend accounts that break them."),
    ("ESCA", "Electronic Signature & Consent Agreement", "platform", True,
     "your consent to sign documents electronically. A click or a typed name on SmartStart "
     "has the same effect as your handwritten signature."),
    ("PNA", "Privacy Notice & Acknowledgment", "platform", True,
     "what personal data SmartStart keeps about you, why, for how long, and how to ask for a "
     "copy or for its deletion."),
    ("MNDA", "Mutual Non-Disclosure Agreement", "collaboration", False,
     "keeping each other's confidential information secret. Purpose of the disclosure: "
     "{{ purpose }}."),
    ("STA", "Security & Tooling Acknowledgment", "collaboration", True,
     "using the shared tools safely: protect your credentials, report incidents at once, and "
     "never copy project data to personal devices."),
    ("BTS", "BUZ Token Terms of Service", "buz", True,
     "BUZ, the platform token: it has no cash value, transfers are final, and fees and limits "
     "apply as published."),
    ("BPP", "BUZ Token Privacy Policy", "buz", True,
     "the records kept about your BUZ balance and transfers, and who can see them."),
    ("PTSA", "Platform Tools Subscription Agreement", "subscription", True,
     "your subscription to the platform tools: what is included, billing periods and "
     "cancellation."),
    ("SOBA", "Seat Order & Billing Authorization", "subscription", True,
     "the seats you order and your authorization to bill you for them."),
    ("ISEA", "Idea Submission & Evaluation Agreement", "venture", True,
     "submitting an idea for evaluation: you keep your idea, and SmartStart may review it and "
     "give feedback."),
    ("VOA", "Venture Owner Agreement", "venture", True,
     "your duties as a venture owner: lead the team fairly, keep records, and honour the "
     "agreements made with participants."),
    ("PCA", "Participant Collaboration Agreement", "venture", True,
     "how you work with a venture team: contribute in good faith and respect the team's "
     "decisions and confidential information."),
    ("PPNA", "Per-Project NDA Addendum", "venture", True,
     "keeping a specific project's information confidential, in addition to the platform "
     "rules."),
    ("IAA", "IP Assignment Agreement", "venture", True,
     "assigning to the venture the intellectual property you create for it."),
    ("VENTURE_AGREEMENT", "Venture Agreement", "venture", False,
     "the terms of the venture {{ venture_name }} between its founders."),
    ("TEAM_AGREEMENT", "Team Agreement", "venture", False,
     "how the team of {{ venture_name }} works together: roles, decisions and leaving the "
     "team."),
    ("UMBRELLA_AGREEMENT", "Umbrella Agreement", "umbrella", False,
     "the referral relationship between the two parties and the revenue share the referrer "
     "earns."),
    ("ST1A", "Security Tier 1 Agreement", "security", True,
     "handling confidential information (tier 1)."),
    ("ST2A", "Security Tier 2 Agreement", "security", True,
     "handling restricted information (tier 2), including access logging."),
    ("ST3A", "Security Tier 3 Agreement", "security", True,
     "handling highly restricted information (tier 3), including supervised access."),
    ("CJIA", "Crown Jewel IP Agreement", "security", True,
     "protecting a venture's most valuable intellectual property."),
    ("ESA", "Enhanced Security Agreement", "security", True,
     "the additional security measures that apply to restricted work."),
    ("SCV", "Security Clearance Verification", "security", True,
     "your confirmation that the security clearance information you gave is true."),
    ("TERMS_OF_SERVICE", "Terms of Service", "general", True,
     "the general terms for using SmartStart."),
    ("PRIVACY_POLICY", "Privacy Policy", "general", True,
     "how SmartStart handles personal data in general."),
    ("OTHER", "Other document", "general", False, "{{ body }}"),
]  # fmt: skip

RULES = [
    ("platform.member", ["PPA", "ESCA", "PNA"], "Become a MEMBER (GUEST → MEMBER)."),
    ("buz.transfer", ["BTS", "BPP"], "Send BUZ to another user."),
    ("buz.stake", ["BTS", "BPP"], "Stake BUZ."),
    ("ventures.create", ["ISEA", "VOA"], "Create a venture."),
    ("ventures.join", ["PCA", "PPNA", "IAA"], "Join a venture team."),
    ("umbrella.activate", ["UMBRELLA_AGREEMENT"],
     "Activate a referral relationship (both parties sign one agreement)."),
    ("role.CONFIDENTIAL_ACCESS", ["ST1A", "PPNA"], "Be granted the CONFIDENTIAL_ACCESS role."),
    ("role.RESTRICTED_ACCESS", ["ST2A", "ESA", "PPNA"], "Be granted the RESTRICTED_ACCESS role."),
    ("role.HIGHLY_RESTRICTED_ACCESS", ["ST3A", "CJIA", "ESA", "PPNA", "SCV"],
     "Be granted the HIGHLY_RESTRICTED_ACCESS role."),
]  # fmt: skip


def _content(name: str, about: str) -> str:
    return (
        f"# {name}\n\n"
        f"This agreement is about {about}\n\n"
        "By signing, you confirm that you have read this document and agree to it. "
        "This is placeholder text: the mechanics are final, the wording is not.\n"
    )


def _canonical_sha256(text: str) -> str:
    # The canonical form of brain.domains.legal.integrity, frozen: NFC, LF line endings, no
    # trailing whitespace on any line, exactly one final newline, UTF-8.
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE).rstrip("\n") + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


templates = sa.table(
    "legal_templates",
    sa.column("type", sa.String),
    sa.column("name", sa.String),
    sa.column("category", sa.String),
    sa.column("personal", sa.Boolean),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
versions = sa.table(
    "legal_template_versions",
    sa.column("id", sa.Uuid),
    sa.column("template_type", sa.String),
    sa.column("version", sa.String),
    sa.column("major", sa.Integer),
    sa.column("minor", sa.Integer),
    sa.column("patch", sa.Integer),
    sa.column("content", sa.Text),
    sa.column("sha256", sa.String),
    sa.column("change_summary", sa.String),
    sa.column("effective_at", sa.DateTime(timezone=True)),
    sa.column("created_by", sa.Uuid),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
rules = sa.table(
    "legal_compliance_rules",
    sa.column("action", sa.String),
    sa.column("required_types", sa.JSON),
    sa.column("description", sa.String),
    sa.column("updated_by", sa.Uuid),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    now = datetime.now(UTC)
    op.bulk_insert(
        templates,
        [
            {"type": t, "name": name, "category": category, "personal": personal, "created_at": now}
            for t, name, category, personal, _about in TEMPLATES
        ],
    )
    rows = []
    for t, name, _category, _personal, about in TEMPLATES:
        content = _content(name, about)
        rows.append(
            {
                "id": uuid.uuid4(),
                "template_type": t,
                "version": "1.0.0",
                "major": 1,
                "minor": 0,
                "patch": 0,
                "content": content,
                "sha256": _canonical_sha256(content),
                "change_summary": "First version (placeholder text).",
                "effective_at": now,
                "created_by": None,
                "created_at": now,
            }
        )
    op.bulk_insert(versions, rows)
    op.bulk_insert(
        rules,
        [
            {
                "action": action,
                "required_types": required,
                "description": description,
                "updated_by": None,
                "updated_at": now,
            }
            for action, required, description in RULES
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM legal_compliance_rules"))
    op.execute(sa.text("DELETE FROM legal_template_versions"))
    op.execute(sa.text("DELETE FROM legal_templates"))
