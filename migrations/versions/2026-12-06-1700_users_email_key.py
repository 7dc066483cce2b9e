"""users: email_key, the normalised identity of an address, is what is unique

Until now `users.email` was stored trimmed and lower-cased, unique, and lookups lower-cased
their input; look-alike spellings (fullwidth or Cyrillic letters, `ß` beside `ss`, a Unicode
domain beside its punycode) were separate accounts. From here `users.email` keeps the address
as given and the new `users.email_key` (`brain.domains.users.emails`: NFKC, full case
folding, ASCII domain) carries the unique constraint.

Existing rows: each gets the key of its stored address, computed by the application's own
`email_key` so that signing in with the same address finds it afterwards. Two rows whose
addresses fold to one key (say `straße@x.de` and `strasse@x.de`, possible before): the older
account keeps the key (it was there first; the later one is the look-alike), and each later
one gets `<id>@collided.invalid`, which no entry point accepts, so nothing finds it by email
any more; its address is unchanged and shown to admins, and the collision is logged with both
ids so an operator can merge or close it. The migration never fails on a collision.

Revision ID: 5e2b9c41d7a8
Revises: 3c5e8a1f7b24
Create Date: 2026-12-06 17:00:00+00:00
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The one place a migration imports the application's code (env.py's rule is the opposite):
# a key computed any other way than the running app computes it would leave accounts that
# nothing finds. A later change to `email_key` must come with a migration that recomputes
# every key, so whichever rule is current when this one runs is the right one.
from brain.domains.users.emails import email_key

revision: str = "5e2b9c41d7a8"
down_revision: str | None = "3c5e8a1f7b24"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

users = sa.table(
    "users",
    sa.column("id", sa.Uuid()),
    sa.column("email", sa.String()),
    sa.column("email_key", sa.String()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _backfill() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(users.c.id, users.c.email).order_by(users.c.created_at, users.c.id)
    ).all()
    holders: dict[str, object] = {}
    for user_id, email in rows:
        key = email_key(email)
        if key in holders:
            log.warning(
                "users %s and %s have look-alike emails (%s); %s keeps it, %s can no longer "
                "sign in by email until an admin resolves it",
                holders[key], user_id, key, holders[key], user_id,
            )  # fmt: skip
            key = f"{user_id.hex}@collided.invalid"
        holders[key] = user_id
        conn.execute(sa.update(users).where(users.c.id == user_id).values(email_key=key))


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_key", sa.String(length=320), nullable=True))
    _backfill()
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("email_key", existing_type=sa.String(length=320), nullable=False)
        batch_op.drop_constraint(batch_op.f("users_email_key"), type_="unique")
        batch_op.drop_constraint(batch_op.f("users_email_lowercase_check"), type_="check")
        batch_op.create_unique_constraint(batch_op.f("users_email_key_key"), ["email_key"])


def downgrade() -> None:
    # Back to lower-cased addresses. Two rows cannot collide: addresses equal once
    # lower-cased had equal keys, which the unique constraint kept apart.
    op.execute(sa.update(users).values(email=sa.func.lower(users.c.email)))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("users_email_key_key"), type_="unique")
        batch_op.drop_column("email_key")
        batch_op.create_unique_constraint(batch_op.f("users_email_key"), ["email"])
        batch_op.create_check_constraint(
            batch_op.f("users_email_lowercase_check"), sa.text("email = lower(email)")
        )
