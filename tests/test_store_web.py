"""Pages and RSS/Atom feeds over HTTP, from a server on 127.0.0.1 that the tests start themselves."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.sources import read_any
from eventwire.ingest.web import follow, read_url
from eventwire.records import Article
from eventwire.store import Store
from eventwire.store.batch import ingest
from tests.storekit import StandInEngine

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2024-06-{day}"></head>
<body><article><h1>{title}</h1><p>{body}</p>
<p>Officials in the capital said more talks would follow later in the week, according to the ministry.</p>
</article></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>{base}/</link><description>news</description>
{items}
</channel></rss>"""
ITEM = "<item><title>{title}</title><link>{base}/{name}.html</link><pubDate>Mon, 17 Jun 2024 08:00:00 GMT</pubDate></item>"
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2024-06-17T08:00:00Z</updated>
<entry><title>Visit</title><id>urn:visit</id><updated>2024-06-17T08:00:00Z</updated>
<link href="{base}/visit.html"/></entry></feed>"""

STORIES = {
    "raid": (
        "Russia attacked Ukraine",
        "17",
        "Russian forces attacked Ukrainian positions near Kharkiv on Monday.",
    ),
    "visit": (
        "France visits China",
        "18",
        "The president of France visited China on Tuesday for two days of talks.",
    ),
    "talks": ("Iran holds talks", "19", "Iran held talks with Oman on Wednesday about shipping in the Gulf."),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local web site of pages and feeds: its base URL and folder."""
    root = tmp_path / "site"
    root.mkdir()
    for name, (title, day, body) in STORIES.items():
        (root / f"{name}.html").write_text(PAGE.format(title=title, day=day, body=body), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    write_feed(root, base, ["raid", "visit"])
    (root / "atom.xml").write_text(ATOM.format(base=base), encoding="utf-8")
    try:
        yield base, root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def write_feed(root: Path, base: str, names: list[str]) -> None:
    items = "\n".join(ITEM.format(title=STORIES[n][0], base=base, name=n) for n in names)
    (root / "feed.rss").write_text(RSS.format(base=base, items=items), encoding="utf-8")


def articles(items: Iterator[Article | InputError]) -> list[Article]:
    found = list(items)
    assert all(isinstance(item, Article) for item in found), found
    return [item for item in found if isinstance(item, Article)]


def test_store_web_page_is_fetched_and_extracted(site: tuple[str, Path]) -> None:
    base, _ = site
    (page,) = articles(read_url(f"{base}/raid.html"))
    assert "attacked Ukrainian positions near Kharkiv" in page.text
    assert page.title == "Russia attacked Ukraine"
    assert page.url == f"{base}/raid.html"
    assert page.published is not None and page.published.isoformat() == "2024-06-17"


@pytest.mark.parametrize("feed", ["feed.rss", "atom.xml"])
def test_store_web_feed_items_are_fetched(site: tuple[str, Path], feed: str) -> None:
    base, _ = site
    found = articles(read_url(f"{base}/{feed}"))
    expected = ["raid", "visit"] if feed == "feed.rss" else ["visit"]
    assert [a.url for a in found] == [f"{base}/{name}.html" for name in expected]
    assert all("officials in the capital" in a.text.lower() for a in found)


def test_store_web_missing_page_is_an_input_error(site: tuple[str, Path]) -> None:
    base, _ = site
    (error,) = list(read_url(f"{base}/gone.html"))
    assert isinstance(error, InputError)
    assert error.path == f"{base}/gone.html"
    assert "404" in error.reason


def test_store_web_follow_ingests_only_new_items(site: tuple[str, Path], fresh_store: Store) -> None:
    base, root = site
    waits: list[float] = []

    def publish_more(seconds: float) -> None:
        waits.append(seconds)
        write_feed(root, base, ["raid", "visit", "talks"])

    engine = StandInEngine()
    items = follow([f"{base}/feed.rss"], interval=7.0, polls=2, sleep=publish_more)
    tally = ingest(items, fresh_store, engine)
    assert waits == [7.0]
    assert [a.url for a in engine.coded] == [f"{base}/{n}.html" for n in ("raid", "visit", "talks")]
    assert (tally.stored, fresh_store.counts().articles) == (3, 3)


def test_store_web_url_and_files_together(site: tuple[str, Path], fresh_store: Store, tmp_path: Path) -> None:
    base, _ = site
    note = tmp_path / "note.txt"
    note.write_text("Russia attacked Ukraine on Monday.\n", encoding="utf-8")
    tally = ingest(
        read_any([str(note), f"{base}/visit.html", f"{base}/gone.html"]), fresh_store, StandInEngine()
    )
    assert (tally.stored, tally.quarantined) == (2, 1)
    assert [q.reason for q in fresh_store.quarantined()] == ["HTTP 404 File not found"]


def test_store_web_url_with_non_ascii_path_is_fetched(site: tuple[str, Path]) -> None:
    base, root = site
    title, day, body = STORIES["visit"]
    (root / "café-visite.html").write_text(PAGE.format(title=title, day=day, body=body), encoding="utf-8")
    (page,) = articles(read_url(f"{base}/café-visite.html"))
    assert "visited China on Tuesday" in page.text


@pytest.mark.parametrize("url", ["http://127.0.0.1:port/x.html", "http://bad\u2028host/x.html"])
def test_store_web_malformed_url_is_an_input_error(url: str) -> None:
    (error,) = list(read_url(url))
    assert isinstance(error, InputError)
    assert error.path == url
    assert error.reason.startswith("cannot fetch")
