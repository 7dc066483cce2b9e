"""The interactive API documentation, `/docs` (Swagger UI) and `/redoc` (ReDoc), served with
their assets from the Brain itself.

Why: FastAPI's pages load Swagger UI and ReDoc from a CDN, so on a machine without internet,
or behind a strict Content-Security-Policy, `/docs` was a blank page. The assets come from the
`fastapi-offline` distribution (MIT; Swagger UI 5 and ReDoc 2 as built files, pinned in
pyproject.toml): only its `static/` folder is used, served under `/docs/assets`, and the pages
are FastAPI's own HTML pointed at it.

Each page answers with a Content-Security-Policy that allows only the Brain's own origin, and
for the one inline script of each page its SHA-256 (computed from the HTML at start-up, so a
change of FastAPI's template cannot silently break or widen it). Inline styles are allowed:
Swagger UI and ReDoc set style attributes on their elements, which CSP cannot allow by hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import HTMLResponse

ASSETS_URL = "/docs/assets"
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def content_security_policy(html: str) -> str:
    """A CSP for `html`: its own origin, plus each inline script by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' {hashes}".rstrip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            # Swagger UI fetches the schema and sends "Try it out" requests; ReDoc runs its
            # search in a worker it builds from a blob.
            "connect-src 'self'",
            "worker-src blob:",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def _page(html: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Content-Security-Policy": content_security_policy(html)})


def install_api_docs(app: FastAPI) -> None:
    """Serve `/docs`, `/docs/oauth2-redirect`, `/redoc` and their assets on `app` (whose
    `docs_url` and `redoc_url` are None). Each page's HTML is built once."""
    openapi_url = app.openapi_url or "/openapi.json"
    favicon = f"{ASSETS_URL}/favicon.png"
    swagger = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=f"{app.title} - Swagger UI",
        oauth2_redirect_url=OAUTH2_REDIRECT_URL,
        swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=favicon,
        swagger_ui_parameters=app.swagger_ui_parameters,
    ).body
    redirect = get_swagger_ui_oauth2_redirect_html().body
    redoc = get_redoc_html(
        openapi_url=openapi_url,
        title=f"{app.title} - ReDoc",
        redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
        redoc_favicon_url=favicon,
        with_google_fonts=False,
    ).body

    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="api-docs-assets")
    # Plain routes (GET and HEAD), as FastAPI registers its own documentation pages.
    for url, body in ((DOCS_URL, swagger), (OAUTH2_REDIRECT_URL, redirect), (REDOC_URL, redoc)):
        app.add_route(url, _endpoint(bytes(body).decode()), include_in_schema=False)


def _endpoint(html: str) -> Callable[[Request], Awaitable[HTMLResponse]]:
    async def page(_request: Request) -> HTMLResponse:
        return _page(html)

    return page
