"""The keyring of the HMAC keys that sign legal signature evidence.

Each signature stores the id of the key its HMAC was made with (`legal_signatures.hmac_key_id`),
so the key can be rotated without making past signatures unverifiable: the current key signs
new evidence, every key in the ring still verifies what it signed, and a signature whose key
is no longer in the ring is reported as such ("unknown key"), never as tampered.

Keys come from settings (`BRAIN_LEGAL_EVIDENCE_KEYS`, `BRAIN_LEGAL_EVIDENCE_KEY_ID`). Without
them the ring holds one key derived from `BRAIN_SECRET_KEY` (the behaviour before keyrings),
whose id is a fingerprint of that key (`sk-` + 16 hex digits): the same secret always has the
same id, a different secret a different one. So rotating `BRAIN_SECRET_KEY` alone makes old
signatures "unknown key sk-…" (the old secret is missing), not "tampered", and an operator can
put the old secret back under that id. The fingerprint is a one-way HMAC of the secret, like
the evidence HMACs themselves, so publishing it reveals nothing the signatures did not.

Every secret, from the ring or `secret_key`, is turned into the HMAC key the same way
(`integrity.evidence_key`). Secrets are never logged or put in an error: messages name ids.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field

from brain.core.config import Settings
from brain.domains.legal.integrity import evidence_key

FINGERPRINT_PREFIX = "sk-"


@dataclass(frozen=True)
class EvidenceKey:
    id: str
    key: bytes = field(repr=False)  # the derived HMAC key; repr=False keeps it out of logs


@dataclass(frozen=True)
class Keyring:
    current: EvidenceKey
    keys: Mapping[str, EvidenceKey]

    def get(self, key_id: str) -> EvidenceKey | None:
        return self.keys.get(key_id)


def fingerprint(secret: str) -> str:
    """The stable, non-secret id of the key a secret derives (`sk-` + 16 hex digits)."""
    digest = hmac.new(secret.encode("utf-8"), b"legal-evidence-key-id", hashlib.sha256)
    return FINGERPRINT_PREFIX + digest.hexdigest()[:16]


class KeyringError(ValueError):
    """The configured keyring cannot be used (raised at startup, names ids only)."""


def keyring(settings: Settings) -> Keyring:
    """The ring the settings describe. Cheap (one HMAC per key): built per use, so a changed
    setting takes effect at once and nothing caches a secret longer than the settings do."""
    if not settings.legal_evidence_keys:
        implicit = EvidenceKey(fingerprint(settings.secret_key), evidence_key(settings.secret_key))
        return Keyring(current=implicit, keys={implicit.id: implicit})
    keys: dict[str, EvidenceKey] = {}
    for key_id, secret in settings.legal_evidence_keys.items():
        value = secret.get_secret_value()
        # An `sk-` id claims to be the fingerprint of its secret (the id old signatures carry);
        # a pasted wrong secret would make every old signature look tampered, so refuse it.
        if key_id.startswith(FINGERPRINT_PREFIX) and fingerprint(value) != key_id:
            raise KeyringError(
                f"BRAIN_LEGAL_EVIDENCE_KEYS: the secret given for {key_id!r} is not the one "
                "that id was made from (an `sk-` id is the fingerprint of its secret)"
            )
        keys[key_id] = EvidenceKey(key_id, evidence_key(value))
    current_id = settings.legal_evidence_key_id
    if current_id is None or current_id not in keys:  # the settings validator refuses this
        raise KeyringError("BRAIN_LEGAL_EVIDENCE_KEY_ID must name a key of the keyring")
    return Keyring(current=keys[current_id], keys=keys)
