"""HTML pages: the title, publication date and body text of one article, by trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import trafilatura
from trafilatura.settings import Document, set_date_params

from eventwire.errors import InputError
from eventwire.ingest.files import decode, read_bytes
from eventwire.records import Article

# A charset the page declares in its first bytes: <meta charset="..."> or the http-equiv form.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEAD = 4096


def declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:_HEAD])
    return match.group(1).decode("ascii").lower() if match else None


def parse_html(html: str, *, source: str, published: dt.date | None = None) -> Article:
    """One article from the markup of a page.

    Args:
        html: the page's markup.
        source: where the page was read from, for the article and error messages.
        published: the publication date to use when the page states none in its markup.

    Returns:
        The article: body text (a leading headline line equal to the title is dropped, so the
        headline is not coded twice), title, canonical URL and date when the page gives them.

    Raises:
        InputError: the page has no article text.
    """
    # Only dates the markup states: the extensive search reads e.g. "Copyright 2021" as 2021-01-01.
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, date_extraction_params=set_date_params(extensive=False)
    )
    text = (doc.text or "").strip() if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or not text:
        raise InputError(source, "no article text found")
    title = (doc.title or "").strip() or None
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.strip()
    return Article(
        text=text,
        title=title,
        url=doc.url or None,
        published=_page_date(doc.date) or published,
        source=source,
    )


def read_html(path: Path, *, source: str | None = None, published: dt.date | None = None) -> Article:
    """One article from an HTML file.

    The file is decoded as UTF-8 (or by its byte-order mark); when it is not UTF-8, by the charset
    its ``<meta>`` tag declares.

    Raises:
        InputError: the file is missing, empty, binary, undecodable or has no article text.
    """
    source = source or str(path)
    data = read_bytes(path, source)
    html = decode(data, source, fallback=declared_charset(data))
    if not html.strip():
        raise InputError(source, "empty file")
    return parse_html(html, source=source, published=published)


def _page_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
