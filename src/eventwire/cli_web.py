"""The ``serve`` command: the JSON API and the dashboard over a store (FastAPI under uvicorn).

Writes (ingest) need the token in ``EVENTWIRE_TOKEN``; without it the server only reads. The token
is never printed or logged.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from eventwire.cli_store import PROG, StoreOption, _fail, _opened, _say
from eventwire.errors import EventwireError

ENV_TOKEN = "EVENTWIRE_TOKEN"


def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port to listen on.")] = 8000,
    max_body: Annotated[
        int, typer.Option(min=1, metavar="BYTES", help="The largest request body accepted.")
    ] = 2 * 1024 * 1024,
) -> None:
    """Serve the JSON API (/api) and the dashboard (/) over the store until interrupted."""
    import uvicorn

    from eventwire.web import Backend, WebSettings, create_app

    try:
        settings = WebSettings(token=os.environ.get(ENV_TOKEN) or None, max_body=max_body)
    except EventwireError as exc:
        raise typer.BadParameter(exc.message) from None
    with _opened(store) as opened:
        backend = Backend(opened)
        app = create_app(backend, settings)
        shown = f"[{host}]" if ":" in host else host
        writes = "ingest needs the bearer token" if settings.token else f"read only: no {ENV_TOKEN}"
        _say(f"{PROG}: serving {opened.location} on http://{shown}:{port} ({writes}); Ctrl-C stops")
        try:
            uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        except OSError as exc:
            _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``eventwire`` app."""
    app.command("serve")(serve)
