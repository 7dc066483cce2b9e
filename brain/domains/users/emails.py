"""Email addresses: the one validation and normalisation every entry point uses.

Register, sign-in (`/login`, `/token`), forgot-password, the admin create and edit routes and
`brain create-admin` all pass what they were given through `normalize_email` (exposed as
`users.service.normalize_email`; request schemas use the `EmailIn` type that calls it), so an
address one of them accepts, every other accepts, and the same spelling finds the same account.

An address has two forms:

- `address`, what is stored in `users.email`, shown to the user and mailed to: what was typed,
  trimmed, validated and normalised only where that cannot change which mailbox it reaches
  (the local part in NFKC, the domain lower-cased through UTS 46 and shown in Unicode).
  The local part keeps its case and its `ß`: RFC 5321 leaves those to the receiving server.
- `key`, the identity, stored in `users.email_key` under the unique constraint and compared on
  every lookup. The local part in NFKC with full case folding (Unicode's toNFKC_Casefold, as
  UTS 39 3.3 asks of email identifiers), so `ADMIN` and `admin` spelled with a fullwidth or
  mathematical-bold `a` (U+FF41, U+1D41A) are `admin`, and
  `STRAßE` is `strasse`; the domain in its ASCII (IDNA 2008 / UTS 46 non-transitional, A-label)
  form, so `münchen.de` and `xn--mnchen-3ya.de` are one domain.

Then the confusables that folding cannot merge are refused: a local part or domain label that
mixes scripts (`admin` or `example.com` with a Cyrillic `a`, U+0430) fails UTS 39's "Highly
Restrictive" level (5.2), computed from the Unicode Script_Extensions property (UTS 39 5.1:
characters of Common and Inherited go with any script; Latin with Han and Japanese kana, Han
with Bopomofo, or Han with Hangul are the mixes CJK writing needs). A local part wholly in one
other script (`иван@`, as RFC 6531 allows) is fine. Digits from two numbering systems are
refused too (UTS 39 5.3).

Which domains: email-validator's syntax rules with `globally_deliverable` on and no DNS
lookup. Special-use names that can never receive mail from the internet (`.test`, `.local`,
`.localhost`, `.invalid`, `.onion`, `.arpa`; RFC 6761, 6762, 7686) are refused everywhere, the
CLI included; `example.com` and other ordinary names are accepted (RFC 6761 6.5 asks
applications not to treat them specially). No deliverability (MX) check: it would put a DNS
round trip and its failures on every sign-in, and the verification email proves the mailbox.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import email_validator

if TYPE_CHECKING:
    import regex

from brain.domains.users.errors import InvalidEmail

# ISO 15924 codes of every script in Unicode's Script_Extensions, except Common (Zyyy),
# Inherited (Zinh) and Unknown (Zzzz). A code the installed `regex` does not know yet (a newer
# Unicode version's script) is left out, so its letters count as "no script" and are refused.
_SCRIPT_CODES: Final = """
Latn Bopo Grek Copt Cyrl Armn Hebr Arab Syrc Thaa Nkoo Samr Mand Deva Beng Guru Gujr
Orya Taml Telu Knda Mlym Sinh Thai Laoo Tibt Mymr Geor Hang Ethi Cher Cans Ogam Runr
Tglg Hano Buhd Tagb Khmr Mong Limb Tale Talu Bugi Lana Bali Sund Batk Lepc Olck Brai
Glag Tfng Hani Hira Kana Yiii Lisu Vaii Bamu Sylo Phag Saur Kali Rjng Java Cham Tavt
Mtei Linb Lyci Cari Ital Goth Perm Ugar Xpeo Dsrt Shaw Osma Osge Elba Aghb Vith Todr
Lina Cprt Armi Palm Nbat Hatr Phnx Lydi Sidt Mero Merc Khar Sarb Narb Mani Avst Prti
Phli Phlp Orkh Hung Rohg Gara Yezi Sogo Sogd Ougr Chrs Elym Brah Kthi Sora Cakm Mahj
Shrd Khoj Mult Sind Gran Tutg Newa Tirh Sidd Modi Takr Ahom Dogr Wara Diak Nand Zanb
Soyo Pauc Sunu Bhks Marc Gonm Gong Tols Maka Kawi Xsux Pcun Cpmn Egyp Hluw Gukh Mroo
Tnsa Bass Hmng Krai Medf Berf Miao Tang Nshu Kits Jurc Dupl Sgnw Hmnp Toto Wcho Nagm
Onao Tayo Mend Adlm Seal
""".split()


@functools.cache
def _script_patterns() -> dict[str, regex.Pattern[str]]:
    """Compiled on the first address checked, not at start: `regex` and these ~170 patterns
    are ~1.5 MB of start-up memory (and time) that most processes never need."""
    import regex

    patterns: dict[str, regex.Pattern[str]] = {}
    for code in _SCRIPT_CODES:
        try:
            patterns[code] = regex.compile(rf"\p{{scx={code}}}")
        except regex.error:
            continue
    return patterns


@functools.cache
def _any_script() -> regex.Pattern[str]:
    import regex  # see _script_patterns

    return regex.compile(r"[\p{scx=Zyyy}\p{scx=Zinh}]")


# UTS 39 5.2 "Highly Restrictive": beyond a single script, only these mixes are allowed.
_CJK_MIXES: Final = (
    frozenset({"Latn", "Hani", "Hira", "Kana"}),
    frozenset({"Latn", "Hani", "Bopo"}),
    frozenset({"Latn", "Hani", "Hang"}),
)

# Case folding turns `İ` into `i` + COMBINING DOT ABOVE; on a soft-dotted `i` that dot is
# invisible, so it is dropped. The dotless i (U+0131) is the other half of Turkish casing and reads
# as `i` in a mail client's font (it is Latin, so the script check cannot catch it).
_FOLDS: Final = (("i\u0307", "i"), ("j\u0307", "j"), ("\u0131", "i"))


@dataclass(frozen=True)
class NormalizedEmail:
    address: str  # stored in users.email: shown and mailed to
    key: str  # stored in users.email_key: unique, compared on every lookup


def fold(text: str) -> str:
    """toNFKC_Casefold, close enough for identifiers that passed email syntax checks (they
    hold no default-ignorable characters): NFKC, full case folding, NFKC again (folding can
    leave a string unnormalised), then the dotted-i folds above."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    for before, after in _FOLDS:
        folded = folded.replace(before, after)
    return folded


@functools.lru_cache(maxsize=4096)
def _scripts_of(char: str) -> frozenset[str] | None:
    """The character's Script_Extensions set; None for Common and Inherited (any script)."""
    if _any_script().match(char):
        return None
    return frozenset(code for code, pattern in _script_patterns().items() if pattern.match(char))


def _highly_restrictive(text: str) -> bool:
    """UTS 39 5.2: one script (the resolved script set is not empty), or a CJK mix."""
    if text.isascii():
        return True  # Latin and Common only: the path nearly every address takes
    sets = [s for s in map(_scripts_of, text) if s is not None]
    if not sets:
        return True
    if frozenset.intersection(*sets):
        return True
    return any(all(s & mix for s in sets) for mix in _CJK_MIXES)


def _one_numbering_system(text: str) -> bool:
    """UTS 39 5.3: every decimal digit comes from the same run of ten (its zero)."""
    zeros = {ord(c) - unicodedata.decimal(c) for c in text if unicodedata.decimal(c, -1) >= 0}
    return len(zeros) <= 1


def _check_confusable(part: str, what: str) -> None:
    if not _highly_restrictive(part):
        raise InvalidEmail(
            f"The {what} mixes letters of different scripts (for example a Cyrillic or Greek "
            "letter among Latin ones), which is how look-alike addresses are made. Type it "
            "in one script."
        )
    if not _one_numbering_system(part):
        raise InvalidEmail(f"The {what} mixes digits of different numbering systems.")


def _parse(address: str) -> email_validator.ValidatedEmail:
    try:
        return email_validator.validate_email(
            address, check_deliverability=False, test_environment=False
        )
    except email_validator.EmailNotValidError as exc:
        raise InvalidEmail(f"This is not a valid email address: {exc}") from exc


def normalize_email(raw: str) -> NormalizedEmail:
    """Validate an email address and return its stored and identity forms.

    Raises `InvalidEmail` (422) with a reason a person can act on.
    """
    parsed = _parse(raw.strip())
    # Compatibility forms (fullwidth, mathematical letters) name no real mailbox: the stored
    # address gets NFKC (UTS 39 3.3) too, and is validated again, since NFKC can make an
    # `@` or a space out of a character that was harmless before.
    nfkc = unicodedata.normalize("NFKC", parsed.local_part)
    if nfkc != parsed.local_part:
        parsed = _parse(f"{nfkc}@{parsed.domain}")
    local = fold(parsed.local_part)
    _check_confusable(local, "part before the @")
    for label in fold(parsed.domain).split("."):
        _check_confusable(label, "domain")
    return NormalizedEmail(address=parsed.normalized, key=f"{local}@{parsed.ascii_domain}")


def email_key(address: str) -> str:
    """The identity key of an address that may not pass today's validation (one stored
    before it, a pseudonymised one): `normalize_email`'s key where it is valid, else the
    same folding without the checks. Never raises; the migration uses it too."""
    try:
        return normalize_email(address).key
    except InvalidEmail:
        pass
    local, _, domain = address.strip().rpartition("@")
    try:
        ascii_domain = email_validator.validate_email(
            f"a@{domain}", check_deliverability=False, globally_deliverable=False
        ).ascii_domain
    except email_validator.EmailNotValidError:
        ascii_domain = fold(domain)
    return f"{fold(local)}@{ascii_domain}" if local else fold(address.strip())
