"""The document types and the default compliance rules (domain rules, "Legal documents and
compliance"), as data.

The migration `legal_seed_templates_and_rules` installs a frozen copy of these; a test checks
that a freshly migrated database holds exactly these rules, and docs/services/legal.md renders
its compliance table from `SEED_RULES` (`brain docs`), so the three cannot drift. At runtime
the rules live in `legal_compliance_rules` and a LEGAL_ADMIN edits them there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentType:
    type: str
    name: str
    category: str
    # Signed by the acting user alone through `POST /templates/{type}/sign`.
    personal: bool


DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType("PPA", "Platform Participation Agreement", "platform", True),
    DocumentType("ESCA", "Electronic Signature & Consent Agreement", "platform", True),
    DocumentType("PNA", "Privacy Notice & Acknowledgment", "platform", True),
    DocumentType("MNDA", "Mutual Non-Disclosure Agreement", "collaboration", False),
    DocumentType("STA", "Security & Tooling Acknowledgment", "collaboration", True),
    DocumentType("BTS", "BUZ Token Terms of Service", "buz", True),
    DocumentType("BPP", "BUZ Token Privacy Policy", "buz", True),
    DocumentType("PTSA", "Platform Tools Subscription Agreement", "subscription", True),
    DocumentType("SOBA", "Seat Order & Billing Authorization", "subscription", True),
    DocumentType("ISEA", "Idea Submission & Evaluation Agreement", "venture", True),
    DocumentType("VOA", "Venture Owner Agreement", "venture", True),
    DocumentType("PCA", "Participant Collaboration Agreement", "venture", True),
    DocumentType("PPNA", "Per-Project NDA Addendum", "venture", True),
    DocumentType("IAA", "IP Assignment Agreement", "venture", True),
    DocumentType("VENTURE_AGREEMENT", "Venture Agreement", "venture", False),
    DocumentType("TEAM_AGREEMENT", "Team Agreement", "venture", False),
    DocumentType("UMBRELLA_AGREEMENT", "Umbrella Agreement", "umbrella", True),
    DocumentType("ST1A", "Security Tier 1 Agreement", "security", True),
    DocumentType("ST2A", "Security Tier 2 Agreement", "security", True),
    DocumentType("ST3A", "Security Tier 3 Agreement", "security", True),
    DocumentType("CJIA", "Crown Jewel IP Agreement", "security", True),
    DocumentType("ESA", "Enhanced Security Agreement", "security", True),
    DocumentType("SCV", "Security Clearance Verification", "security", True),
    DocumentType("TERMS_OF_SERVICE", "Terms of Service", "general", True),
    DocumentType("PRIVACY_POLICY", "Privacy Policy", "general", True),
    DocumentType("OTHER", "Other document", "general", False),
)

TYPE_NAMES: frozenset[str] = frozenset(t.type for t in DOCUMENT_TYPES)


@dataclass(frozen=True)
class SeedRule:
    action: str
    required_types: tuple[str, ...]
    description: str
    # Required types that count only when signed for the subject the action is about.
    scoped_types: tuple[str, ...] = ()


# The action whose rule defines the platform pack (GUEST -> MEMBER).
PLATFORM_MEMBER_ACTION = "platform.member"


def role_action(role: str) -> str:
    """The compliance action a grant of `role` is checked against."""
    return f"role.{role}"


SEED_RULES: tuple[SeedRule, ...] = (
    SeedRule(PLATFORM_MEMBER_ACTION, ("PPA", "ESCA", "PNA"), "Become a MEMBER (GUEST → MEMBER)."),
    SeedRule("buz.transfer", ("BTS", "BPP"), "Send BUZ to another user."),
    SeedRule("buz.stake", ("BTS", "BPP"), "Stake BUZ."),
    SeedRule("ventures.create", ("ISEA", "VOA"), "Create a venture."),
    SeedRule(
        "ventures.join",
        ("PCA", "PPNA", "IAA"),
        "Join a venture team (the PPNA signed for that venture).",
        scoped_types=("PPNA",),
    ),
    SeedRule(
        "umbrella.activate",
        ("UMBRELLA_AGREEMENT",),
        "Activate a referral relationship (both parties sign the agreement for it).",
        scoped_types=("UMBRELLA_AGREEMENT",),
    ),
    SeedRule(
        role_action("CONFIDENTIAL_ACCESS"),
        ("ST1A", "PPNA"),
        "Be granted the CONFIDENTIAL_ACCESS role.",
    ),
    SeedRule(
        role_action("RESTRICTED_ACCESS"),
        ("ST2A", "ESA", "PPNA"),
        "Be granted the RESTRICTED_ACCESS role.",
    ),
    SeedRule(
        role_action("HIGHLY_RESTRICTED_ACCESS"),
        ("ST3A", "CJIA", "ESA", "PPNA", "SCV"),
        "Be granted the HIGHLY_RESTRICTED_ACCESS role.",
    ),
)
