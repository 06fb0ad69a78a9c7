"""The FastAPI application: the API router, the dashboard pages, their assets, limits and errors.

Errors reach clients as ``{"error": message, "status": code}`` (with ``details`` for invalid
requests), never as stack traces; unexpected ones are logged on the server.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.errors import EventwireError
from eventwire.web import api
from eventwire.web.backend import Backend, WebSettings
from eventwire.web.pages import PAGES, render

log = logging.getLogger("eventwire.web")

STATIC = Path(str(resources.files("eventwire.web") / "static"))
_SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        b"frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


def create_app(backend: Backend, settings: WebSettings | None = None) -> FastAPI:
    """The application serving ``backend``'s store.

    Args:
        backend: the store (and the engine that codes ingested articles).
        settings: the token, limits and options (default: no token, so no writes).
    """
    settings = settings or WebSettings()
    app = FastAPI(
        title="eventwire",
        summary="Coded news events: who did what to whom, when, where and how certainly.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; the schema is at /api/openapi.json
        redoc_url=None,
    )
    app.state.backend = backend
    app.state.settings = settings
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_pages(app)
    _add_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    return app


def _add_pages(app: FastAPI) -> None:
    for path, page in PAGES.items():

        def show(page: str = page) -> HTMLResponse:
            return HTMLResponse(render(page))

        app.add_api_route(path, show, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)

    def plotly() -> FileResponse:
        return FileResponse(_plotly_js(), media_type="text/javascript")

    app.add_api_route("/vendor/plotly.min.js", plotly, methods=["GET"], include_in_schema=False)


def _plotly_js() -> Path:
    """plotly.js as the plotly package ships it (so the charts need no CDN)."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _problem(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"where": [str(part) for part in error.get("loc", ())], "problem": str(error.get("msg", ""))}
            for error in exc.errors()
        ]
        return _problem(422, "invalid request", details=details)

    @app.exception_handler(EventwireError)
    async def eventwire_error(request: Request, exc: EventwireError) -> Response:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return _problem(503, exc.message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return _problem(500, "internal error (logged on the server)")


def _problem(
    status: int, message: str, *, details: list[dict[str, Any]] | None = None, headers: Any = None
) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "status": status}
    if details is not None:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


class BodyLimit:
    """Refuses request bodies over ``max_body`` bytes with 413, before the application reads them."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _problem(400, "invalid Content-Length")(scope, receive, send)
                return
            if int(declared) > self.max_body:
                await self._too_large(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = _problem(413, f"the request body is over {self.max_body} bytes")
        response.headers["connection"] = "close"
        await response(scope, receive, send)


class SecurityHeaders:
    """Adds a strict Content-Security-Policy (no inline script) and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "0"
