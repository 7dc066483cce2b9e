"""buz: a user-to-user transfer as one Postgres function, `buz_transfer` (version 1)

The whole write path of `POST /api/buz/transfer` on Postgres in one call: the sender's
compliance, the amount's range, the idempotency key, the recipient's status, the daily cap,
the outbox row and the posting (brain/domains/buz/transfer_fn.py calls it and says why). The
policy (fee, limits, cap, validity period, account ids, lock order, the event's payload) is
passed in by the caller; what is here is mechanics only. SQLite has no functions: there the
Python path (brain/domains/buz/transfers.py) runs, and on SQLite this migration does nothing.

Versioned: the body's first line names its version, and the application refuses to start
when the database's function is not the one it expects (`transfer_fn.FUNCTION_MD5`, the md5 of
the body below). A change to the function is a new migration with `CREATE OR REPLACE` and a
new version and md5 in transfer_fn.py; the body is frozen here, never imported from the code.

Revision ID: 7d2b9c4e1f60
Revises: 3b7d9e1f0a62
Create Date: 2026-12-06 20:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7d2b9c4e1f60"
down_revision: str | None = "3b7d9e1f0a62"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNATURE = """buz_transfer(
    p_action text, p_valid_from timestamptz, p_now timestamptz, p_day date,
    p_sender_user uuid, p_recipient_user uuid,
    p_sender uuid, p_recipient uuid, p_fees uuid, p_lock_order uuid[],
    p_amount bigint, p_fee bigint, p_min bigint, p_max bigint, p_cap bigint,
    p_key text, p_operation text, p_request_hash text,
    p_group_id uuid, p_fee_leg_id uuid, p_memo text,
    p_event_id uuid, p_event_name text, p_event_version integer, p_payload json,
    p_event_dispatched boolean
)"""

# Outcomes (r_outcome): ok, replay (the original's legs), compliance_required (r_missing),
# amount_out_of_range, self_transfer, idempotency_conflict, recipient_not_found,
# recipient_not_active, amount_over_daily_limit, daily_limit_exceeded, wallet_not_found,
# insufficient_funds. A refusal after a write raises BZ001 inside the inner block, which
# undoes the block's writes (key claim, daily count, outbox row, account updates) and is
# caught to return the outcome: a refused transfer leaves no trace.
BODY = """
-- buz_transfer version 1 (brain/domains/buz/transfer_fn.py; migration 7d2b9c4e1f60)
DECLARE
    v_missing text[];
    v_key record;
    v_status text;
    v_account uuid;
    v_change bigint;
    v_legs bigint;
    v_balance bigint;
    v_version bigint;
    v_sender_legs bigint := CASE WHEN p_fee > 0 THEN 2 ELSE 1 END;
    v_sender_balance bigint;
    v_sender_version bigint;
    v_recipient_balance bigint;
    v_recipient_version bigint;
    v_fees_balance bigint;
    v_fees_version bigint;
BEGIN
    -- The sender's compliance: each type the action's rule requires, signed on the current
    -- major version, on a COMPLETED document, since p_valid_from (legal.compliance's rule).
    SELECT coalesce(array_agg(t.type ORDER BY t.n), '{}') INTO v_missing
    FROM legal_compliance_rules r
    CROSS JOIN LATERAL json_array_elements_text(r.required_types) WITH ORDINALITY AS t(type, n)
    WHERE r.action = p_action AND NOT EXISTS (
        SELECT 1 FROM legal_signatures s JOIN legal_documents d ON d.id = s.document_id
        WHERE s.user_id = p_sender_user AND s.template_type = t.type
          AND s.signed_at >= p_valid_from AND d.status = 'COMPLETED' AND d.deleted_at IS NULL
          AND s.template_major = (
              SELECT v.major FROM legal_template_versions v
              WHERE v.template_type = t.type AND v.effective_at <= p_now
              ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1));
    IF cardinality(v_missing) > 0 THEN
        r_outcome := 'compliance_required';
        r_missing := v_missing;
        RETURN NEXT;
        RETURN;
    END IF;
    IF p_amount < p_min OR p_amount > p_max THEN
        r_outcome := 'amount_out_of_range';
        RETURN NEXT;
        RETURN;
    END IF;
    IF p_recipient_user = p_sender_user THEN
        r_outcome := 'self_transfer';
        RETURN NEXT;
        RETURN;
    END IF;
    BEGIN
        -- The idempotency key: claimed, or the original's legs, or a conflict.
        INSERT INTO buz_idempotency_keys (key, operation, request_hash, result_id, created_at)
        VALUES (p_key, p_operation, p_request_hash, p_group_id, p_now)
        ON CONFLICT (key) DO NOTHING;
        IF NOT FOUND THEN
            SELECT k.operation, k.request_hash, k.result_id INTO v_key
            FROM buz_idempotency_keys k WHERE k.key = p_key;
            IF v_key.operation <> p_operation OR v_key.request_hash <> p_request_hash THEN
                r_outcome := 'idempotency_conflict';
                RETURN NEXT;
                RETURN;
            END IF;
            RETURN QUERY
                SELECT 'replay'::text, NULL::text[], t.id, t.group_id, t.kind::text,
                       t.debit_account_id, t.credit_account_id, t.amount,
                       t.debit_balance_after, t.debit_version, t.credit_balance_after,
                       t.credit_version, t.memo::text, t.reference::text, t.created_at
                FROM buz_transfers t
                WHERE t.group_id = (SELECT g.group_id FROM buz_transfers g
                                    WHERE g.id = v_key.result_id)
                ORDER BY t.id <> t.group_id, t.debit_version;
            RETURN;
        END IF;
        SELECT u.status INTO v_status FROM users u WHERE u.id = p_recipient_user;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BZ001', MESSAGE = 'recipient_not_found';
        END IF;
        IF v_status <> 'ACTIVE' THEN
            RAISE EXCEPTION USING ERRCODE = 'BZ001', MESSAGE = 'recipient_not_active';
        END IF;
        -- The daily cap (NULL: exempt), counted by the upsert's own condition.
        IF p_cap IS NOT NULL THEN
            IF p_amount > p_cap THEN
                RAISE EXCEPTION USING ERRCODE = 'BZ001', MESSAGE = 'amount_over_daily_limit';
            END IF;
            INSERT INTO buz_daily_sends AS d (account_id, day, amount)
            VALUES (p_sender, p_day, p_amount)
            ON CONFLICT (account_id, day) DO UPDATE SET amount = d.amount + excluded.amount
            WHERE d.amount + excluded.amount <= p_cap;
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'BZ001', MESSAGE = 'daily_limit_exceeded';
            END IF;
        END IF;
        -- The event, before the accounts: the insert is not made inside the fee row's lock.
        INSERT INTO outbox_events (id, name, version, payload, created_at, dispatched_at,
                                   attempts, last_error)
        VALUES (p_event_id, p_event_name, p_event_version, p_payload, p_now,
                CASE WHEN p_event_dispatched THEN p_now END, 0, NULL);
        -- The posting: one conditional update per account, in the ledger's lock order (given).
        FOREACH v_account IN ARRAY p_lock_order LOOP
            IF v_account = p_sender THEN
                v_change := -(p_amount + p_fee);
                v_legs := v_sender_legs;
            ELSIF v_account = p_recipient THEN
                v_change := p_amount;
                v_legs := 1;
            ELSE
                v_change := p_fee;
                v_legs := 1;
            END IF;
            UPDATE buz_accounts a
            SET balance = a.balance + v_change, version = a.version + v_legs
            WHERE a.id = v_account AND (v_change >= 0 OR a.balance + v_change >= 0)
            RETURNING a.balance, a.version INTO v_balance, v_version;
            IF NOT FOUND THEN
                IF (SELECT count(*) FROM buz_accounts a WHERE a.id = ANY (p_lock_order))
                        < cardinality(p_lock_order) THEN
                    RAISE EXCEPTION USING ERRCODE = 'BZ001', MESSAGE = 'wallet_not_found';
                END IF;
                RAISE EXCEPTION USING ERRCODE = 'BZ001', MESSAGE = 'insufficient_funds';
            END IF;
            IF v_account = p_sender THEN
                v_sender_balance := v_balance;
                v_sender_version := v_version;
            ELSIF v_account = p_recipient THEN
                v_recipient_balance := v_balance;
                v_recipient_version := v_version;
            ELSE
                v_fees_balance := v_balance;
                v_fees_version := v_version;
            END IF;
        END LOOP;
        -- The legs: the transfer first (the sender's figures before the fee), then the fee.
        r_outcome := 'ok';
        r_id := p_group_id;
        r_group_id := p_group_id;
        r_kind := 'TRANSFER';
        r_debit := p_sender;
        r_credit := p_recipient;
        r_amount := p_amount;
        r_debit_balance_after := v_sender_balance + p_fee;
        r_debit_version := v_sender_version - v_sender_legs + 1;
        r_credit_balance_after := v_recipient_balance;
        r_credit_version := v_recipient_version;
        r_memo := p_memo;
        r_created_at := p_now;
        INSERT INTO buz_transfers (id, group_id, kind, debit_account_id, credit_account_id,
                                   amount, debit_balance_after, debit_version,
                                   credit_balance_after, credit_version, memo, reference,
                                   actor_id, created_at)
        VALUES (r_id, r_group_id, r_kind, r_debit, r_credit, r_amount,
                r_debit_balance_after, r_debit_version, r_credit_balance_after,
                r_credit_version, r_memo, NULL, p_sender_user, r_created_at);
        RETURN NEXT;
        IF p_fee > 0 THEN
            r_id := p_fee_leg_id;
            r_kind := 'FEE';
            r_credit := p_fees;
            r_amount := p_fee;
            r_debit_balance_after := v_sender_balance;
            r_debit_version := v_sender_version;
            r_credit_balance_after := v_fees_balance;
            r_credit_version := v_fees_version;
            INSERT INTO buz_transfers (id, group_id, kind, debit_account_id,
                                       credit_account_id, amount, debit_balance_after,
                                       debit_version, credit_balance_after, credit_version,
                                       memo, reference, actor_id, created_at)
            VALUES (r_id, r_group_id, r_kind, r_debit, r_credit, r_amount,
                    r_debit_balance_after, r_debit_version, r_credit_balance_after,
                    r_credit_version, r_memo, NULL, p_sender_user, r_created_at);
            RETURN NEXT;
        END IF;
        RETURN;
    EXCEPTION WHEN SQLSTATE 'BZ001' THEN
        r_outcome := SQLERRM;
        RETURN NEXT;
        RETURN;
    END;
END
"""

RETURNS = """TABLE (
    r_outcome text, r_missing text[], r_id uuid, r_group_id uuid, r_kind text,
    r_debit uuid, r_credit uuid, r_amount bigint,
    r_debit_balance_after bigint, r_debit_version bigint,
    r_credit_balance_after bigint, r_credit_version bigint,
    r_memo text, r_reference text, r_created_at timestamptz
)"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Sent as it is (not through `text()`, which would read `:name` as a parameter).
    op.get_bind().exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {SIGNATURE}\nRETURNS {RETURNS}\n"
        f"LANGUAGE plpgsql AS $brain_fn${BODY}$brain_fn$"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.get_bind().exec_driver_sql(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
