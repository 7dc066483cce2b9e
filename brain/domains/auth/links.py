"""Where the one-time links in account emails point.

With `public_app_url` set, at the SmartStart web app's page for the action (its path is a
setting), which completes the action through the API. Without it, at the minimal pages the
Brain serves itself (`auth/pages.py`), so a link never opens a 404 whatever is deployed.
The token travels in the query string; both kinds of page are served with
`Referrer-Policy: no-referrer` so it does not leak onward.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from urllib.parse import urlencode

from brain.core.config import Settings
from brain.core.routes import API_PREFIX

# The Brain's own pages, under the auth router (auth/pages.py mounts them here).
PAGES_PREFIX = f"{API_PREFIX}/auth/pages"


class Page(StrEnum):
    """An account page a link opens; the value is the Brain page's last path segment."""

    VERIFY_EMAIL = "verify-email"
    RESET_PASSWORD = "reset-password"
    CONFIRM_EMAIL_CHANGE = "confirm-email-change"


_APP_PATH: dict[Page, Callable[[Settings], str]] = {
    Page.VERIFY_EMAIL: lambda s: s.public_app_verify_email_path,
    Page.RESET_PASSWORD: lambda s: s.public_app_reset_password_path,
    Page.CONFIRM_EMAIL_CHANGE: lambda s: s.public_app_email_change_path,
}


def brain_page_path(page: Page) -> str:
    return f"{PAGES_PREFIX}/{page.value}"


def account_link(settings: Settings, page: Page, token: str) -> str:
    """The absolute URL an email gives for `page` with `token`."""
    if settings.public_app_url:
        base = settings.public_app_url.rstrip("/") + _APP_PATH[page](settings)
    else:
        base = settings.public_base_url.rstrip("/") + brain_page_path(page)
    return f"{base}?{urlencode({'token': token})}"
