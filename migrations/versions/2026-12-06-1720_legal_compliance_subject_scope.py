"""legal: compliance rules name the template types scoped to the action's subject

`legal_compliance_rules.scoped_types`: the required types that count only when signed for the
subject the action is about. `ventures.join` scopes its PPNA (the Per-Project NDA is signed for
one venture); the values are frozen here, as a migration must not import code that may change.

Revision ID: 5c0e7a1d2b44
Revises: 3c9e4a7d2f10
Create Date: 2026-12-06 17:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c0e7a1d2b44"
down_revision: str | None = "3c9e4a7d2f10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

rules = sa.table(
    "legal_compliance_rules",
    sa.column("action", sa.String),
    sa.column("scoped_types", sa.JSON),
    sa.column("description", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("legal_compliance_rules", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scoped_types", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    op.execute(
        rules.update()
        .where(rules.c.action == "ventures.join")
        .values(
            scoped_types=["PPNA"],
            description="Join a venture team (the PPNA signed for that venture).",
        )
    )


def downgrade() -> None:
    op.execute(
        rules.update()
        .where(rules.c.action == "ventures.join")
        .values(description="Join a venture team.")
    )
    with op.batch_alter_table("legal_compliance_rules", schema=None) as batch_op:
        batch_op.drop_column("scoped_types")
