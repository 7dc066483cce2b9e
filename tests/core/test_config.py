"""Settings: production refuses an unsafe secret; log format defaults follow the environment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from brain import cli
from brain.core.config import DEVELOPMENT_SECRET_KEY, Settings, get_settings

GOOD_SECRET = "k3Jq9vXz1Lw8RtY2uPa7HsD4fGm6NbC0"  # 32 characters


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean `BRAIN_*` environment: only what a test sets, no `.env` file."""
    for name in ("BRAIN_ENV", "BRAIN_SECRET_KEY", "BRAIN_LOG_JSON"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def load() -> Settings:
    return Settings(_env_file=None)


def test_production_refuses_to_start_without_a_secret(env: pytest.MonkeyPatch) -> None:
    env.setenv("BRAIN_ENV", "production")

    with pytest.raises(ValidationError, match="BRAIN_SECRET_KEY"):
        load()


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_production_app_does_not_start_with_the_default_secret(
    env: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    env.setenv("BRAIN_ENV", "production")

    # `brain openapi` builds the app from the environment, as `brain serve` does.
    result = CliRunner().invoke(cli.app, ["openapi"])

    assert result.exit_code != 0
    assert isinstance(result.exception, ValidationError)
    assert "BRAIN_SECRET_KEY" in str(result.exception)


def test_production_refuses_the_development_secret(env: pytest.MonkeyPatch) -> None:
    env.setenv("BRAIN_ENV", "production")
    env.setenv("BRAIN_SECRET_KEY", DEVELOPMENT_SECRET_KEY)

    with pytest.raises(ValidationError, match="BRAIN_SECRET_KEY"):
        load()


def test_production_refuses_a_short_secret(env: pytest.MonkeyPatch) -> None:
    env.setenv("BRAIN_ENV", "production")
    env.setenv("BRAIN_SECRET_KEY", GOOD_SECRET[:31])

    with pytest.raises(ValidationError, match="at least 32 characters"):
        load()


def test_production_starts_with_a_long_random_secret(env: pytest.MonkeyPatch) -> None:
    env.setenv("BRAIN_ENV", "production")
    env.setenv("BRAIN_SECRET_KEY", GOOD_SECRET)

    settings = load()

    assert settings.env == "production"
    assert settings.secret_key == GOOD_SECRET


def test_development_starts_with_the_default_secret(env: pytest.MonkeyPatch) -> None:
    settings = load()

    assert settings.env == "development"
    assert settings.secret_key == DEVELOPMENT_SECRET_KEY


@pytest.mark.parametrize(
    ("brain_env", "json_logs"),
    [("production", True), ("development", False), ("test", False)],
)
def test_json_logs_default_to_on_only_in_production(
    env: pytest.MonkeyPatch, brain_env: str, json_logs: bool
) -> None:
    env.setenv("BRAIN_ENV", brain_env)
    env.setenv("BRAIN_SECRET_KEY", GOOD_SECRET)

    assert load().json_logs is json_logs


@pytest.mark.parametrize(("brain_env", "log_json"), [("production", "false"), ("test", "true")])
def test_log_json_overrides_the_default(
    env: pytest.MonkeyPatch, brain_env: str, log_json: str
) -> None:
    env.setenv("BRAIN_ENV", brain_env)
    env.setenv("BRAIN_SECRET_KEY", GOOD_SECRET)
    env.setenv("BRAIN_LOG_JSON", log_json)

    assert load().json_logs is (log_json == "true")


def test_unknown_environment_is_refused(env: pytest.MonkeyPatch) -> None:
    env.setenv("BRAIN_ENV", "prod")

    with pytest.raises(ValidationError):
        load()
