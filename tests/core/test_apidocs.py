"""`/docs` and `/redoc` work without internet: their assets come from the Brain, and each page
is under a Content-Security-Policy that allows only the Brain's own origin. The browser tests
run Debian's Chromium headless, with every host but the Brain's unresolvable."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx import AsyncClient
from websockets.sync.client import ClientConnection, connect

from bench.servers import free_port
from brain.core import apidocs
from tests.servers import brain_server

EXTERNAL = re.compile(rb"""(?:src|href)=["']?(?:https?:)?//""")


@pytest.mark.parametrize("page", ["/docs", "/redoc", "/docs/oauth2-redirect"])
async def test_a_docs_page_loads_nothing_from_elsewhere_and_says_so_in_its_csp(
    client: AsyncClient, page: str
) -> None:
    response = await client.get(page)

    assert response.status_code == 200
    assert EXTERNAL.search(response.content) is None, "a script or style from another host"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "http" not in policy
    for script in re.findall(r"<script>(.*?)</script>", response.text, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


@pytest.mark.parametrize(
    "asset", ["swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"]
)
async def test_the_docs_assets_are_served_by_the_brain(client: AsyncClient, asset: str) -> None:
    response = await client.get(f"{apidocs.ASSETS_URL}/{asset}")

    assert response.status_code == 200
    assert len(response.content) > 1000


# -- in a real browser --------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> str:
    if CHROMIUM is None:
        # CI installs it (.ci/run); elsewhere: apt-get install chromium.
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium for the browser checks (.ci/run installs it)")
        pytest.skip("needs Chromium (apt-get install chromium); CI runs this test")
    return CHROMIUM


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with brain_server() as url:
        yield url


def _render(browser: str, url: str) -> tuple[str, str]:
    """The page's DOM after its scripts ran, and the browser's console log."""
    done = subprocess.run(
        [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            # No network but the Brain: any other host does not resolve.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout, done.stderr


@pytest.mark.slow
def test_swagger_ui_lists_the_operations_without_internet(browser: str, server: str) -> None:
    dom, console = _render(browser, f"{server}/docs")

    paths = set(re.findall(r'class="opblock-summary-path" data-path="([^"]+)"', dom))
    assert {"/api/auth/login", "/api/buz/transfer", "/api/legal/documents"} <= paths, dom[:500]
    assert "Content Security Policy" not in console


@pytest.mark.slow
def test_redoc_lists_the_operations_without_internet(browser: str, server: str) -> None:
    dom, console = _render(browser, f"{server}/redoc")

    assert "/api/buz/transfer" in dom
    assert "/api/auth/login" in dom
    # ReDoc's "powered by" logo is the one thing it asks of another host; the CSP blocks it
    # and nothing else.
    refused = re.findall(r"Loading the (?:\w+) '([^']+)' violates", console)
    assert all(u.startswith("https://cdn.redoc.ly/") for u in refused), refused


# -- Swagger UI driven like a person would (Chrome DevTools Protocol) ---------------------------

PASSWORD = "correct horse battery staple 42"


class Tab:
    """One headless Chromium tab, driven over the DevTools protocol (its websocket)."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.next_id = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return dict(message.get("result", {}))

    def js(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, what: str, seconds: float = 30) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.2)
        self.screenshot(Path(tempfile.gettempdir()) / "swagger-timeout.png")
        raise AssertionError(f"timed out waiting for {what}")

    def click(self, selector: str) -> None:
        assert self.js(
            f"(() => {{ const e = document.querySelector({selector!r}); "
            "if (!e) return false; e.click(); return true; })()"
        ), selector

    def type_into(self, selector: str, text: str) -> None:
        assert self.js(
            f"(() => {{ const e = document.querySelector({selector!r}); "
            "if (!e) return false; e.focus(); return true; })()"
        ), selector
        self.send("Input.insertText", text=text)

    def screenshot(self, path: Path) -> Path:
        shot = self.send("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


@contextmanager
def chromium_tab(browser: str) -> Iterator[Tab]:
    port = free_port()
    profile = tempfile.mkdtemp(prefix="brain-chromium-")
    process = subprocess.Popen(
        [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={port}",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--window-size=1280,1600",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                pages = httpx.get(f"http://127.0.0.1:{port}/json/list").json()
                page = next(p for p in pages if p.get("type") == "page")
                break
            except (httpx.TransportError, StopIteration):
                assert time.monotonic() < deadline, "Chromium's DevTools did not come up"
                time.sleep(0.2)
        with connect(page["webSocketDebuggerUrl"], max_size=None) as socket:
            yield Tab(socket)
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.slow
def test_swagger_ui_authorizes_and_runs_get_me(browser: str, server: str) -> None:
    email = f"swagger-{uuid.uuid4().hex[:8]}@example.com"
    registered = httpx.post(
        f"{server}/api/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": "Swagger"},
    )
    assert registered.status_code == 201, registered.text

    with chromium_tab(browser) as tab:
        tab.send("Page.enable")
        tab.send("Page.navigate", url=f"{server}/docs")
        tab.wait_for("!!document.querySelector('.auth-wrapper .authorize')", "Authorize button")
        tab.click(".auth-wrapper .authorize")
        tab.wait_for("!!document.querySelector('#oauth_username')", "the Authorize dialog")
        tab.type_into("#oauth_username", email)
        tab.type_into("#oauth_password", PASSWORD)
        tab.click(".auth-btn-wrapper .authorize")
        tab.wait_for(
            "[...document.querySelectorAll('.auth-container h6')]"
            ".some(e => e.textContent.includes('Authorized'))",
            "Swagger UI to say Authorized",
        )
        tab.click(".auth-btn-wrapper .btn-done")
        operation = "#operations-auth-auth-me"
        tab.click(f"{operation} .opblock-summary-control")
        tab.wait_for(f"!!document.querySelector('{operation} .try-out__btn')", "Try it out")
        tab.click(f"{operation} .try-out__btn")
        tab.wait_for(f"!!document.querySelector('{operation} .execute')", "Execute")
        tab.click(f"{operation} .execute")
        status = tab.wait_for(
            f"document.querySelector('{operation} .live-responses-table "
            "tbody .response-col_status')?.textContent",
            "the response",
        )
        body = tab.js(
            f"document.querySelector('{operation} .live-responses-table "
            "tbody .response-col_description')?.textContent"
        )
        tab.js(f"document.querySelector('{operation} .live-responses-table').scrollIntoView()")
        shot = tab.screenshot(ARTIFACTS / "swagger-get-me.png")

    assert status.strip() == "200", (status, body)
    assert email in body
    assert shot.stat().st_size > 10_000


ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "artifacts"
