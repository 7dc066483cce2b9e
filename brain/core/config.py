"""Settings: every knob of the Brain, read from `BRAIN_*` environment variables or `.env`.

docs/configuration.md is generated from this class (`brain docs`) and a test fails when
the committed page is stale, so a field's description is its documentation.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from brain.core.limits import RequestLimits

# An evidence key id: short, printable, safe in a URL and a log line (it is not a secret).
EVIDENCE_KEY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,39}$")

# The development secret is public (it is in this file); production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "dev-insecure-secret-key-change-me-0123456789"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="BRAIN_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # A validation error would otherwise print the input it refused (the secret key, the
        # evidence keyring) on the console at startup.
        hide_input_in_errors=True,
    )

    env: Literal["development", "test", "production"] = Field(
        default="development",
        description="`production` turns on JSON logs and refuses a default or missing secret.",
    )
    secret_key: str = Field(
        default=DEVELOPMENT_SECRET_KEY,
        description="Key that signs tokens and evidence HMACs. At least 32 characters in "
        "production, and never the development default.",
    )
    jwt_algorithm: Literal["HS256", "HS384", "HS512", "RS256"] = Field(
        default="HS256",
        description="Algorithm that signs access tokens. HS* sign with `secret_key`; RS256 "
        "signs with `jwt_private_key` and verifies with `jwt_public_key`. Tokens are only "
        "ever verified with this one algorithm.",
    )
    jwt_private_key: str | None = Field(
        default=None, description="PEM private key that signs access tokens when RS256."
    )
    jwt_public_key: str | None = Field(
        default=None, description="PEM public key that verifies access tokens when RS256."
    )
    access_token_minutes: int = Field(
        default=15, ge=1, le=60, description="Lifetime of an access token (JWT), in minutes."
    )
    refresh_token_days: int = Field(
        default=7,
        ge=1,
        description="Lifetime of a refresh token, in days. Each use rotates it and starts a "
        "new lifetime; an unused session ends when it runs out.",
    )
    password_reset_minutes: int = Field(
        default=30, ge=5, description="How long a password-reset link stays valid, in minutes."
    )
    email_verification_hours: int = Field(
        default=48, ge=1, description="How long an email-verification link stays valid, in hours."
    )
    password_min_length: int = Field(
        default=12, ge=8, description="Shortest password accepted (OWASP ASVS 2.1.1)."
    )
    password_max_length: int = Field(
        default=128, ge=64, description="Longest password accepted (OWASP ASVS 2.1.2)."
    )
    login_lockout_threshold: int = Field(
        default=5,
        ge=1,
        description="Failed logins for one account within the lockout window that lock it. "
        "The lockout cannot be turned off (`rate_limits_enabled` does not affect it).",
    )
    login_lockout_window_minutes: int = Field(
        default=15, ge=1, description="Window in which failed logins are counted, in minutes."
    )
    login_lockout_minutes: int = Field(
        default=15, ge=1, description="How long a locked account refuses logins, in minutes."
    )
    max_sessions_per_user: int = Field(
        default=5,
        ge=1,
        description="Active sessions (signed-in devices) a user may have; starting one more "
        "ends the oldest.",
    )
    email_change_hours: int = Field(
        default=24,
        ge=1,
        le=168,
        description="How long the link that confirms a new email address stays valid, in "
        "hours. Only the latest requested link works.",
    )
    auth_cleanup_retention_days: int = Field(
        default=30,
        ge=1,
        description="Days an ended session (expired or revoked) and its refresh tokens are "
        "kept, for support and the user's session history, before the hourly cleanup job "
        "deletes them. Expired one-time links and stale login-throttle rows go at once.",
    )
    auth_cleanup_batch_size: int = Field(
        default=500,
        ge=1,
        le=10_000,
        description="Rows the auth cleanup job deletes per statement (one short transaction "
        "each, so a backlog never holds a long lock).",
    )
    auth_cleanup_max_batches: int = Field(
        default=20,
        ge=1,
        description="Batches per table per run of the auth cleanup job; a larger backlog is "
        "finished by the next runs.",
    )
    database_url: str = Field(
        default="sqlite+aiosqlite:///var/brain.db",
        description="SQLAlchemy async URL. `sqlite+aiosqlite:///path` (embedded default) or "
        "`postgresql+asyncpg://user:pass@host/db` (production); `postgres://` and "
        "`postgresql://` URLs are switched to asyncpg.",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis URL. When set, jobs run on arq (a separate `brain worker` process) "
        "and cross-process live fan-out uses Redis; when unset, an in-process runner "
        "with the same semantics is used.",
    )
    data_dir: Path = Field(
        default=Path("var"),
        description="Folder for state the domains keep on local disk in embedded mode.",
    )
    host: str = Field(default="127.0.0.1", description="Address `brain serve` binds to.")
    port: int = Field(default=8000, description="Port `brain serve` binds to.")
    workers: int = Field(
        default=1, ge=1, description="Uvicorn worker processes started by `brain serve`."
    )
    max_body_bytes: int = Field(
        default=2_097_152,
        ge=1024,
        description="Largest request body of a JSON route, in bytes: a larger `Content-Length` "
        "is 413 before anything is read, a longer chunked body 413 as soon as it passes. "
        "Upload routes declare their own limit. 2 MiB holds the largest JSON body a route "
        "takes (a 200,000-character legal template, even with every character escaped).",
    )
    max_headers: int = Field(
        default=100, ge=10, description="Most request headers accepted (431 past it)."
    )
    max_header_bytes: int = Field(
        default=32_768,
        ge=4096,
        description="Largest total size of the request headers in bytes (431 past it).",
    )
    body_timeout_seconds: float = Field(
        default=30.0,
        gt=0,
        le=600,
        description="Longest wait for the next part of a request body (a body shorter than its "
        "`Content-Length`, or a client trickling bytes): 408 after it.",
    )
    trusted_proxy_hops: int = Field(
        default=0,
        ge=0,
        le=10,
        description="Reverse proxies in front of the Brain that append to `X-Forwarded-For`. "
        "The client address is the entry that many places from the right (the address the "
        "nearest trusted proxy saw); entries further left are written by the client and never "
        "read. 0 (the default) ignores the header and uses the connection's peer. Render: 2 "
        "(Cloudflare, then Render's proxy); one nginx or Caddy: 1.",
    )
    log_level: str = Field(default="INFO", description="Root log level.")
    log_json: bool | None = Field(
        default=None,
        description="JSON log lines. Defaults to on in production and off elsewhere.",
    )
    access_log: bool | None = Field(
        default=None,
        description="uvicorn's access log (a log line per request) in `brain serve`. Defaults "
        "to off in production: formatting and writing a record per request costs CPU on every "
        "request, and the request metrics (`/metrics`) and the proxy in front keep that record "
        "anyway. On elsewhere.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Origins allowed by CORS, as a JSON list (`["https://app.example"]`).',
    )
    db_pool_size: int = Field(
        default=10, ge=1, description="Connections kept open per process (Postgres)."
    )
    db_read_pool_size: int = Field(
        default=10,
        ge=1,
        description="Plain asyncpg connections per process for the hottest reads of GET "
        "requests (the caller's session, a balance), beside SQLAlchemy's pool (Postgres).",
    )
    db_max_overflow: int = Field(
        default=10, ge=0, description="Extra connections allowed above the pool size (Postgres)."
    )
    db_pool_timeout: float = Field(
        default=5.0,
        gt=0,
        description="Seconds a request waits for a pool connection before it answers 503.",
    )
    db_connect_timeout: float = Field(
        default=5.0, gt=0, description="Seconds to wait when opening a database connection."
    )
    db_echo: bool = Field(default=False, description="Log every SQL statement (debugging).")
    job_max_tries: int = Field(
        default=5, ge=1, description="Attempts per background job before it is given up."
    )
    job_retry_base_seconds: float = Field(
        default=1.0,
        ge=0,
        description="First retry delay of a failed job; each later retry doubles it.",
    )
    job_concurrency: int = Field(
        default=4, ge=1, description="Jobs run at once by one worker (in-process or arq)."
    )
    job_queue_name: str = Field(
        default="brain:queue", description="Redis key of the arq queue (production mode)."
    )
    job_poll_seconds: float = Field(
        default=0.02,
        gt=0,
        le=5,
        description="How often a `brain worker` looks for due jobs. arq starts at most "
        "`job_concurrency` jobs per look, so this bounds a worker's rate: at arq's default "
        "(0.5 s, with 4 at once) it ran 8 jobs/s however idle its CPU.",
    )
    event_batch_seconds: float = Field(
        default=0.05,
        gt=0,
        le=5,
        description="How long events with job handlers gather before one job delivers them "
        "together (production mode): a worker then runs one job per this interval, not one per "
        "event. The delay a job handler (a live `token_update`, a notification) may add.",
    )
    outbox_sweep_seconds: int = Field(
        default=30,
        ge=1,
        description="How often the sweeper re-dispatches committed but undelivered events. "
        "Must divide 60 (seconds) or be whole minutes dividing 60.",
    )
    outbox_sweep_grace_seconds: float = Field(
        default=10.0,
        ge=0,
        description="Age an undispatched outbox row must reach before the sweeper takes it, "
        "so it does not race the dispatch that follows every commit.",
    )
    outbox_degraded_backlog: int = Field(
        default=100,
        ge=1,
        description="Undelivered outbox rows older than the grace period above which "
        "`/api/health` reports `degraded`.",
    )
    outbox_retention_days: int = Field(
        default=7,
        ge=1,
        description="Days a delivered outbox event is kept (for inspection) before the "
        "sweeper deletes it.",
    )
    docs_enabled: bool = Field(
        default=True, description="Serve Swagger UI at `/docs` and ReDoc at `/redoc`."
    )
    metrics_token: str | None = Field(
        default=None,
        min_length=16,
        description="Bearer token `GET /metrics` requires (`Authorization: Bearer <token>`, "
        "Prometheus' `authorization.credentials`). Unset: `/metrics` is open outside "
        "production and answers 404 in production, where the route templates, request "
        "counts and pool sizes it shows are not for the public.",
    )
    rate_limits_enabled: bool = Field(
        default=True,
        description="Enforce the per-IP and per-user request rate limits. `false` turns them "
        "off (load tests); the account lockout after failed logins stays on regardless.",
    )
    rate_limit_api_per_15min: int = Field(
        default=1000,
        ge=1,
        description="Authenticated API requests allowed per user per 15 minutes.",
    )
    rate_limit_sync_seconds: float = Field(
        default=0.1,
        ge=0,
        le=5,
        description="On Redis, how often each process adds the per-user API limit's hits to "
        "the shared counts, in one round trip for all of them. Between two syncs a process "
        "decides on the last shared count plus its own hits, so a caller spread over several "
        "processes can pass the limit by what it sends in one interval. `0`: one round trip "
        "per request, exact across processes. The other limits (login, uploads...) are "
        "always exact.",
    )
    rate_limit_login_per_minute: int = Field(
        default=10, ge=1, description="Login attempts allowed per client IP per minute."
    )
    rate_limit_email_change_per_hour: int = Field(
        default=5,
        ge=1,
        description="Email-change requests allowed per user per hour (each sends two emails; "
        "the per-IP account-recovery limit applies too).",
    )
    rate_limit_uploads_per_hour: int = Field(
        default=10, ge=1, description="File uploads allowed per user per hour."
    )
    rate_limit_state_machine_events_per_minute: int = Field(
        default=50, ge=1, description="State-machine events allowed per user per minute."
    )
    rate_limit_exports_per_hour: int = Field(
        default=5,
        ge=1,
        description="Data exports (`GET /api/users/{id}/export`) allowed per caller per hour: "
        "each reads everything the platform holds on a user.",
    )
    smtp_url: str | None = Field(
        default=None,
        description="Outgoing mail server, `smtp://user:pass@host:587` (plain, upgraded with "
        "STARTTLS unless `BRAIN_SMTP_STARTTLS=false`) or `smtps://user:pass@host:465` (TLS "
        "from the start). Percent-encode special characters in the user and password. When "
        "unset, emails are written as `.eml` files to `<data_dir>/outbox/` instead.",
    )
    smtp_starttls: bool = Field(
        default=True,
        description="Upgrade `smtp://` connections with STARTTLS, and refuse to send when the "
        "server does not offer it. Turn off only for a local catcher (Mailpit, MailHog).",
    )
    smtp_timeout_seconds: float = Field(
        default=10.0, gt=0, description="Seconds to wait on the SMTP server before a try fails."
    )
    email_from: str = Field(
        default="SmartStart <no-reply@smartstart.dev>",
        description="The `From` header of every email the Brain sends.",
    )
    vapid_private_key: str | None = Field(
        default=None,
        description="Web Push VAPID private key (PEM, or the raw key base64url-encoded, as "
        "`vapid --gen` writes it). When unset, push notifications are logged, not sent.",
    )
    vapid_public_key: str | None = Field(
        default=None,
        description="The VAPID public key (base64url, uncompressed point) browsers subscribe "
        "with (`GET /api/notifications/devices/vapid-key`).",
    )
    vapid_subject: str = Field(
        default="mailto:no-reply@smartstart.dev",
        description="The VAPID `sub` claim: a `mailto:` or `https:` contact for push services.",
    )
    push_allow_http_endpoints: bool = Field(
        default=False,
        description="Accept `http://` push endpoints (tests and local push-service emulators "
        "only). Real push services are https; refusing others keeps the Brain from being "
        "pointed at internal addresses.",
    )
    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Public URL of this Brain, used to build links in emails. Account links "
        "(email verification, password reset, email change) open the minimal pages the Brain "
        "serves itself under `/api/auth/pages/` unless `public_app_url` is set. No trailing "
        "slash.",
    )
    public_app_url: str | None = Field(
        default=None,
        description="Public URL of the SmartStart web app (`https://app.smartstart.dev`). "
        "When set, account links in emails open its pages (the `public_app_*_path` settings, "
        "with `?token=...`) instead of the Brain's own pages; the app completes the action "
        "through the API.",
    )
    public_app_verify_email_path: str = Field(
        default="/verify-email",
        pattern=r"^/",
        description="Path of the web app's email-verification page (with `public_app_url`).",
    )
    public_app_reset_password_path: str = Field(
        default="/reset-password",
        pattern=r"^/",
        description="Path of the web app's password-reset page (with `public_app_url`).",
    )
    public_app_email_change_path: str = Field(
        default="/confirm-email-change",
        pattern=r"^/",
        description="Path of the web app's page that confirms a new email address (with "
        "`public_app_url`).",
    )

    legal_signature_valid_years: int = Field(
        default=5,
        ge=1,
        le=50,
        description="Years a legal signature counts toward compliance; after that the user "
        "signs the current version again.",
    )
    legal_evidence_keys: dict[str, SecretStr] = Field(
        default_factory=dict,
        description="Keyring of the HMAC keys that sign legal signature evidence, as a JSON "
        'object of key id to secret (`{"2027-01": "<random>", "sk-1a2b...": "<old secret>"}`). '
        "Every key stays able to verify the signatures it made; only "
        "`legal_evidence_key_id` signs new ones. Unset: one key derived from `secret_key`, "
        "with the id `sk-` + a fingerprint of it. Ids: letters, digits and `._:-`, at most "
        "40; an id starting with `sk-` must be the fingerprint of its secret. Secrets: at "
        "least 32 characters in production. How to rotate: [Deployment](deployment.md"
        "#rotating-the-legal-evidence-key).",
    )
    legal_evidence_key_id: str | None = Field(
        default=None,
        description="Id of the key in `legal_evidence_keys` that signs new signatures. "
        "Required when the keyring is set, and must name a key in it.",
    )
    legal_audit_full_verify_hours: int = Field(
        default=24,
        ge=1,
        le=24,
        description="How often the job `legal.verify_audit_chain` re-walks the whole legal "
        "audit chain and records the result (hours; must divide 24).",
    )

    buz_transfer_fee_bps: int = Field(
        default=10,
        ge=0,
        le=10_000,
        description="Fee on a transfer between users, in basis points of the amount (10 = "
        "0.1%), rounded up to 0.01 BUZ and paid by the sender into the fees account.",
    )
    buz_transfer_min: Decimal = Field(
        default=Decimal("0.01"), gt=0, description="Smallest transfer between users, in BUZ."
    )
    buz_transfer_max: Decimal = Field(
        default=Decimal("1000000"), gt=0, description="Largest transfer between users, in BUZ."
    )
    buz_daily_send_limit: Decimal = Field(
        default=Decimal("10000"),
        gt=0,
        description="BUZ a user may send to other users per UTC day (fees not counted). "
        "Admins are exempt.",
    )
    buz_admin_operation_min: Decimal = Field(
        default=Decimal("0.01"), gt=0, description="Smallest admin mint or burn, in BUZ."
    )
    buz_admin_operation_max: Decimal = Field(
        default=Decimal("1000000"), gt=0, description="Largest admin mint or burn, in BUZ."
    )
    buz_early_unstake_penalty_bps: int = Field(
        default=1000,
        ge=0,
        le=10_000,
        description="Share of the principal kept (to the fees account) when a stake is "
        "withdrawn before maturity, in basis points (1000 = 10%); no reward is paid then.",
    )
    buz_welcome_bonus: Decimal = Field(
        default=Decimal("1000"),
        ge=0,
        description="BUZ paid once from the user-rewards pool when a user becomes MEMBER.",
    )
    buz_default_price_usd: Decimal = Field(
        default=Decimal("0.01"),
        gt=0,
        description="USD price of one BUZ until an admin sets one (`POST /api/buz/admin/price`).",
    )
    buz_ledger_check_minutes: int = Field(
        default=60,
        ge=1,
        description="How often the ledger invariant check runs (minutes; must divide 60 or be "
        "whole hours dividing 24). A violation is logged as an error and counted in the "
        "`brain_buz_ledger_violations` gauge.",
    )
    buz_maturity_check_minutes: int = Field(
        default=5,
        ge=1,
        description="How often staking positions past their lock are marked MATURED "
        "(minutes; must divide 60).",
    )
    # -- files (brain/domains/files, docs/services/files.md) --
    file_max_bytes: int = Field(
        default=52_428_800,
        ge=1,
        description="Largest file an upload may carry, in bytes (50 MiB). Enforced while the "
        "body streams: 413 `FILE_TOO_LARGE` the moment it passes, with nothing kept.",
    )
    file_quota_bytes: int = Field(
        default=1_073_741_824,
        ge=1,
        description="Bytes of files one user may keep in all (1 GiB): an upload past it is "
        "413 `QUOTA_EXCEEDED`.",
    )
    storage_backend: Literal["local", "s3"] = Field(
        default="local",
        description="Where file bytes live: `local` (a folder, `storage_dir`) or `s3` (any "
        "S3-compatible endpoint, the `s3_*` settings).",
    )
    storage_dir: Path | None = Field(
        default=None,
        description="Folder of the local file storage (`BRAIN_STORAGE_DIR`); defaults to "
        "`<data_dir>/files`. Keep it outside any web root: files are served only through the "
        "API.",
    )
    s3_endpoint_url: str | None = Field(
        default=None,
        description="Endpoint of the S3-compatible storage (MinIO, R2, moto...); unset for AWS.",
    )
    s3_bucket: str = Field(default="brain-files", description="Bucket holding the file bytes.")
    s3_region: str = Field(default="us-east-1", description="Region of the bucket.")
    s3_access_key_id: str | None = Field(
        default=None, description="Access key of the S3 storage (else the SDK's default chain)."
    )
    s3_secret_access_key: SecretStr | None = Field(
        default=None, description="Secret key of the S3 storage."
    )
    s3_presigned_downloads: bool = Field(
        default=False,
        description="With S3 storage, answer a download with a 307 redirect to a presigned URL "
        "(valid `s3_presign_seconds`) instead of streaming the bytes through the Brain.",
    )
    s3_presign_seconds: int = Field(
        default=300, ge=1, le=604_800, description="Lifetime of a presigned download URL."
    )
    file_link_key: SecretStr | None = Field(
        default=None,
        description="Key that signs public file links (HMAC-SHA256). Defaults to a key derived "
        "from `secret_key`; set it to rotate link signatures on their own.",
    )
    analytics_retention_months: int = Field(
        default=13,
        ge=1,
        le=120,
        description="Months of raw analytics events kept; older monthly partitions are dropped "
        "(deleted rows on SQLite). Rollups are kept.",
    )
    analytics_ingest_settle_seconds: float = Field(
        default=5.0,
        ge=0,
        description="Age a delivered outbox event must reach before analytics folds it in, so "
        "a publisher's transaction still committing is not skipped by the watermark.",
    )
    analytics_ingest_seconds: int = Field(
        default=10,
        ge=1,
        description="How often the analytics jobs fold new outbox events and roll up new "
        "events. Must divide 60 (seconds) or be whole minutes dividing 60.",
    )
    # websocket (realtime) and the history behind it (brain/core/broadcast.py)
    broadcast_history_size: int = Field(
        default=200,
        ge=0,
        le=100_000,
        description="Messages kept per live channel (`user:{id}`, `venture:{id}`...) so a client "
        "that reconnects with its last offset receives what it missed; older ones are dropped "
        "and such a client is told to reload. 0 keeps no history.",
    )
    broadcast_history_ttl_seconds: int = Field(
        default=600,
        ge=1,
        description="How long a channel's history outlives its last message. After that the "
        "channel starts a new epoch and a reconnecting client is told to reload.",
    )
    websocket_max_connections_per_user: int = Field(
        default=5, ge=1, description="Open websocket connections allowed per user."
    )
    websocket_send_queue: int = Field(
        default=256,
        ge=1,
        description="Messages queued for one websocket connection; a client that falls this "
        "far behind is disconnected (close code 4008) instead of buffered without bound.",
    )
    websocket_ping_seconds: float = Field(
        default=20, gt=0, description="How often the server pings an idle websocket."
    )
    websocket_pong_timeout_seconds: float = Field(
        default=20,
        gt=0,
        description="A websocket that does not answer a ping within this is closed (4002).",
    )
    websocket_auth_timeout_seconds: float = Field(
        default=10,
        gt=0,
        description="How long a new websocket may take to send its `auth` message (else 4401).",
    )
    websocket_session_check_seconds: float = Field(
        default=60,
        gt=0,
        le=60,
        description="How often an open websocket re-checks its session (revoked, user "
        "suspended, token expired) and its venture memberships.",
    )

    @field_validator(
        "buz_transfer_min",
        "buz_transfer_max",
        "buz_daily_send_limit",
        "buz_admin_operation_min",
        "buz_admin_operation_max",
        "buz_welcome_bonus",
    )
    @classmethod
    def _two_places(cls, value: Decimal) -> Decimal:
        if value != value.quantize(Decimal("0.01")):
            raise ValueError("BUZ amounts have at most two decimal places")
        return value

    @field_validator("legal_audit_full_verify_hours")
    @classmethod
    def _divides_a_day(cls, value: int) -> int:
        # The job runs at fixed hours of the UTC day (cron), so the interval must divide 24.
        if 24 % value:
            raise ValueError("must divide 24 (1, 2, 3, 4, 6, 8, 12 or 24)")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        # Hosting platforms (Render, Heroku) hand out `postgres://` URLs; the Brain talks to
        # Postgres through asyncpg only.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+asyncpg://" + value[len(prefix) :]
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.env == "production":
            if self.secret_key == DEVELOPMENT_SECRET_KEY or len(self.secret_key) < 32:
                raise ValueError(
                    "BRAIN_SECRET_KEY must be set to a random value of at least 32 characters "
                    "when BRAIN_ENV=production"
                )
        self._check_evidence_keyring()
        return self

    def _check_evidence_keyring(self) -> None:
        """The keyring's shape. Messages name key ids, never a secret (settings errors are
        printed at startup)."""
        keys, current = self.legal_evidence_keys, self.legal_evidence_key_id
        if not keys and current is None:
            return
        if not keys:
            raise ValueError(
                "BRAIN_LEGAL_EVIDENCE_KEY_ID is set but BRAIN_LEGAL_EVIDENCE_KEYS is empty"
            )
        if current is None:
            raise ValueError(
                "BRAIN_LEGAL_EVIDENCE_KEYS is set: BRAIN_LEGAL_EVIDENCE_KEY_ID must name the "
                "key that signs new signatures"
            )
        if current not in keys:
            raise ValueError(
                f"BRAIN_LEGAL_EVIDENCE_KEY_ID {current!r} is not a key of "
                f"BRAIN_LEGAL_EVIDENCE_KEYS (ids: {', '.join(sorted(keys))})"
            )
        for key_id, secret in keys.items():
            if not EVIDENCE_KEY_ID.match(key_id):
                raise ValueError(
                    f"BRAIN_LEGAL_EVIDENCE_KEYS: {key_id!r} is not a valid key id (letters, "
                    "digits and ._:- , at most 40, starting with a letter or digit)"
                )
            value = secret.get_secret_value()
            weak = len(value) < 32 or value == DEVELOPMENT_SECRET_KEY
            if self.env == "production" and weak:
                raise ValueError(
                    f"BRAIN_LEGAL_EVIDENCE_KEYS: the secret of {key_id!r} must be a random "
                    "value of at least 32 characters when BRAIN_ENV=production"
                )
            if not value:
                raise ValueError(f"BRAIN_LEGAL_EVIDENCE_KEYS: the secret of {key_id!r} is empty")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def json_logs(self) -> bool:
        return self.log_json if self.log_json is not None else self.env == "production"

    @property
    def request_limits(self) -> RequestLimits:
        return RequestLimits(
            max_headers=self.max_headers,
            max_header_bytes=self.max_header_bytes,
            max_body_bytes=self.max_body_bytes,
            body_timeout_seconds=self.body_timeout_seconds,
        )

    @property
    def metrics_open(self) -> bool:
        """`/metrics` answers without a token (never in production)."""
        return self.metrics_token is None and self.env != "production"

    @property
    def access_logs(self) -> bool:
        return self.access_log if self.access_log is not None else self.env != "production"


@lru_cache
def get_settings() -> Settings:
    return Settings()
