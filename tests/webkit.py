"""Helpers for the web tests: an app over a filled store, a live server in a thread, a browser."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from eventwire.records import Article, Event
from eventwire.store import Quarantined, Store
from eventwire.web import Backend, WebSettings, create_app
from tests.storekit import KYIV, PARIS, article, make_event

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output" / "web"
TOKEN = "test-token-0123456789"
CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def fill(store: Store) -> dict[str, Article]:
    """Four hand-made articles: a raid reported twice (merged), a visit, and an alleged accusation."""
    raid = article("Russia attacked Ukraine near Kyiv on Monday.", url="https://one.example/raid")
    again = article("Russian forces attacked Ukraine on Monday.", url="https://two.example/raid")
    visit = article("France visited China on Tuesday.", url="https://one.example/visit")
    accuse = article("Iran accused France of spying.", url="https://three.example/accuse")
    store.add_article(raid, [make_event(raid, day=dt.date(2024, 6, 17), place=KYIV)])
    store.add_article(again, [make_event(again, day=dt.date(2024, 6, 17), modality="alleged")])
    store.add_article(
        visit,
        [make_event(visit, actor="FRA", recipient="CHN", code="042", day=dt.date(2024, 6, 18), place=PARIS)],
    )
    store.add_article(
        accuse,
        [
            make_event(
                accuse, actor="IRN", recipient="FRA", code="112", day=dt.date(2024, 7, 1), modality="alleged"
            )
        ],
    )
    store.quarantine(Quarantined("bad.txt", None, "empty", "empty file"))
    return {"raid": raid, "again": again, "visit": visit, "accuse": accuse}


class StandIn:
    """Codes each article of two words or more as one RUS -> UKR assault on its publication date."""

    def code(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for item in articles:
            yield item, [make_event(item)] if len(item.text.split()) > 1 else []


def stand_in_app(store: Store, **options: object) -> FastAPI:
    """The app over ``store``, coding ingested articles with the stand-in engine."""
    settings = WebSettings(**{"token": TOKEN, **options})  # type: ignore[arg-type]
    return create_app(Backend(store, engine=StandIn()), settings)


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on a free port of 127.0.0.1; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="none", http="h11")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def chromium() -> Path:
    """Debian's Chromium; the browser tests skip without it, but fail in CI (``CI=true``)."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
