"""legal: store the evidence key id with each signature's HMAC

`legal_signatures.hmac_key_id` names the key of the evidence keyring that made the row's HMAC
(brain/domains/legal/keys.py), so the key can rotate without making past signatures
unverifiable. Every existing row was signed with the key derived from `BRAIN_SECRET_KEY`;
it gets that key's id, its fingerprint (`sk-` + 16 hex digits of
HMAC-SHA256(secret, "legal-evidence-key-id")), computed here from the secret of the process
that runs the migration: run it with the production secret (as `brain migrate` in the image
does). The derivation is frozen here, as a migration must not import code that may change.

Downgrading drops the ids: signatures made under any key but the one derived from the current
`BRAIN_SECRET_KEY` then fail verification with the older code.

Revision ID: 3e9b7d2c4f18
Revises: b7c1f0a2d935
Create Date: 2026-12-06 16:30:00.000000+00:00
"""

import hashlib
import hmac
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from brain.core.config import get_settings

revision: str = "3e9b7d2c4f18"
down_revision: str | None = "b7c1f0a2d935"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def fingerprint(secret: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), b"legal-evidence-key-id", hashlib.sha256)
    return "sk-" + digest.hexdigest()[:16]


def upgrade() -> None:
    with op.batch_alter_table("legal_signatures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hmac_key_id", sa.String(length=40), nullable=True))
    op.execute(
        sa.text("UPDATE legal_signatures SET hmac_key_id = :k").bindparams(
            k=fingerprint(get_settings().secret_key)
        )
    )
    with op.batch_alter_table("legal_signatures", schema=None) as batch_op:
        batch_op.alter_column("hmac_key_id", existing_type=sa.String(length=40), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("legal_signatures", schema=None) as batch_op:
        batch_op.drop_column("hmac_key_id")
