"""The dashboard's pages: one HTML shell each, filled in the browser from the JSON API.

Pages carry no data and no inline script; each loads ``/static/common.js`` and its own script.
"""

from __future__ import annotations

import functools
from importlib import resources
from types import MappingProxyType

# path -> page name (its script is /static/<name>.js)
PAGES = MappingProxyType(
    {
        "/": "overview",
        "/events": "events",
        "/dyad": "dyad",
        "/event": "event",
        "/article": "article",
        "/network": "network",
        "/map": "map",
    }
)
_TITLES = MappingProxyType(
    {
        "overview": "Overview",
        "events": "Events",
        "dyad": "Dyad",
        "event": "Event",
        "article": "Article",
        "network": "Actor network",
        "map": "Map",
    }
)
_CHARTS = frozenset({"overview", "dyad", "network", "map"})


@functools.cache
def _shell() -> str:
    return (resources.files(__package__) / "page.html").read_text(encoding="utf-8")


@functools.cache
def render(page: str) -> str:
    """The HTML of a page (names from :data:`PAGES`)."""
    scripts = ['<script src="/vendor/plotly.min.js"></script>'] if page in _CHARTS else []
    scripts += ['<script src="/static/common.js"></script>', f'<script src="/static/{page}.js"></script>']
    return (
        _shell()
        .replace("{{title}}", _TITLES[page])
        .replace("{{page}}", page)
        .replace("{{scripts}}", "\n  ".join(scripts))
    )
