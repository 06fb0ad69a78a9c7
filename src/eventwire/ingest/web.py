"""Articles from the web: http(s) pages (extracted with trafilatura) and RSS/Atom feeds (feedparser).

A URL that answers with a feed gives one article per item: the page each item links to, fetched and
extracted. Anything that cannot be fetched or holds no article text comes as an InputError naming
the URL, like a bad file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import feedparser

from eventwire.errors import InputError
from eventwire.ingest.files import decode
from eventwire.ingest.html import declared_charset, parse_html
from eventwire.records import Article

SCHEMES = ("http://", "https://")
TIMEOUT = 30.0
USER_AGENT = "eventwire (offline event coder)"
_FEED_TYPES = ("rss", "atom", "xml")
_FEED_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf")


@dataclasses.dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


Fetch = Callable[[str], Fetched]


def is_url(source: str) -> bool:
    """Whether a source is an http(s) URL."""
    return source.lower().startswith(SCHEMES)


def fetch(url: str, *, timeout: float = TIMEOUT) -> Fetched:
    """The body of a URL.

    Raises:
        InputError: the URL cannot be fetched or answers with an error.
    """
    try:
        request = urllib.request.Request(as_uri(url), headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Fetched(response.geturl(), response.headers.get("Content-Type", ""), response.read())
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(url, f"cannot fetch ({reason})") from None
    except (http.client.HTTPException, ValueError) as exc:  # a malformed URL or answer
        raise InputError(url, f"cannot fetch ({exc or type(exc).__name__})") from None


def as_uri(url: str) -> str:
    """``url`` with non-ASCII characters encoded: the host as IDNA, the rest percent-encoded (UTF-8).

    Raises:
        ValueError: the host cannot be encoded.
    """
    if url.isascii():
        return url
    parts = urllib.parse.urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    netloc = urllib.parse.quote(userinfo + at, safe="@:%") + host + colon + port
    safe = "/:@!$&'()*+,;=?%~"
    return urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            urllib.parse.quote(parts.path, safe=safe),
            urllib.parse.quote(parts.query, safe=safe),
            urllib.parse.quote(parts.fragment, safe=safe),
        )
    )


def read_url(
    url: str, *, published: dt.date | None = None, fetcher: Fetch = fetch, seen: set[str] | None = None
) -> Iterator[Article | InputError]:
    """The article of a page URL, or the articles a feed URL links to.

    Args:
        url: an http(s) URL.
        published: the publication date of pages that state none.
        fetcher: fetches a URL (a stand-in in tests).
        seen: links of feed items already read; items linking to them are passed over, and the
            links read are added (for polling a feed).
    """
    try:
        page = fetcher(url)
    except InputError as error:
        yield error
        return
    if _is_feed(page):
        yield from _read_feed(page, published=published, fetcher=fetcher, seen=seen)
    else:
        yield _guard(lambda: _article(page, published))


def follow(
    urls: Sequence[str],
    *,
    published: dt.date | None = None,
    interval: float = 300.0,
    polls: int | None = None,
    fetcher: Fetch = fetch,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Article | InputError]:
    """Poll feeds every ``interval`` seconds, yielding the articles of items not read before.

    Args:
        urls: feed (or page) URLs.
        published: the publication date of pages that state none.
        interval: seconds between polls.
        polls: stop after this many polls (default: never).
        fetcher: fetches a URL.
        sleep: waits between polls.
    """
    seen: set[str] = set()
    count = 0
    while polls is None or count < polls:
        if count:
            sleep(interval)
        for url in urls:
            yield from read_url(url, published=published, fetcher=fetcher, seen=seen)
        count += 1


def _is_feed(page: Fetched) -> bool:
    kind = page.content_type.split(";")[0].strip().lower()
    if "html" in kind:
        return False
    return any(word in kind for word in _FEED_TYPES) or page.body.lstrip()[:5].lower() in _FEED_STARTS


def _read_feed(
    page: Fetched, *, published: dt.date | None, fetcher: Fetch, seen: set[str] | None
) -> Iterator[Article | InputError]:
    feed: Any = feedparser.parse(page.body)
    entries = list(feed.get("entries", ()))
    if not entries:
        problem = feed.get("bozo_exception")
        yield InputError(page.url, f"a feed without items{f' ({problem})' if problem else ''}")
        return
    for number, entry in enumerate(entries, start=1):
        link = entry.get("link")
        if not link:
            yield InputError(page.url, "feed item without a link", line=number)
            continue
        if seen is not None:
            if link in seen:
                continue
            seen.add(link)
        date = _entry_date(entry) or published
        try:
            yield _article(fetcher(link), date)
        except InputError as error:
            yield error


def _article(page: Fetched, published: dt.date | None) -> Article:
    html = decode(page.body, page.url, fallback=declared_charset(page.body))
    if not html.strip():
        raise InputError(page.url, "empty page")
    article = parse_html(html, source=page.url, published=published)
    return article if article.url else dataclasses.replace(article, url=page.url)


def _entry_date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _guard(read: Callable[[], Article]) -> Article | InputError:
    try:
        return read()
    except InputError as error:
        return error
