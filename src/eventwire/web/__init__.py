"""web: the HTTP API and the dashboard that ``eventwire serve`` runs over a store.

``create_app(settings)`` builds the FastAPI application: the JSON API under ``/api`` (documented at
``/api/openapi.json``) and the dashboard pages, which read the same JSON endpoints. Reads are open;
writes (ingest) need the bearer token the server was given.
"""

from __future__ import annotations

from eventwire.web.app import create_app
from eventwire.web.backend import Backend, WebSettings

__all__ = ["Backend", "WebSettings", "create_app"]
