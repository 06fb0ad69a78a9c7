"""JSON Lines: one article per line (``id``, ``title``, ``text``, ``published``, ``url``; ``text`` required).

A bad line is reported with its number and the rest of the file is still read. Blank lines are
skipped; keys other than these five are ignored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.files import bom_codec, decode, looks_binary, read_bytes
from eventwire.records import Article


def parse_date(value: str) -> dt.date:
    """A date from ``YYYY-MM-DD`` or an ISO date-time (its date part); ValueError otherwise."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.datetime.fromisoformat(value).date()


def parse_line(
    line: str, *, source: str, lineno: int | None = None, published: dt.date | None = None
) -> Article:
    """One article from one JSON line.

    Args:
        line: the JSON object, as text.
        source: the file it comes from; the article's source is ``source:lineno``.
        lineno: its line number (1-based).
        published: the publication date to use when the line gives none.

    Raises:
        InputError: the line is not a JSON object, its ``text`` is missing, empty or not a string,
            or another field has the wrong type or (``published``) is not a date.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"malformed JSON ({exc.msg}: line {exc.lineno} column {exc.colno})", line=lineno
        ) from None
    except RecursionError:
        raise InputError(source, "malformed JSON (nested too deeply)", line=lineno) from None
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {_json_type(record)}", line=lineno)

    def fail(reason: str) -> InputError:
        return InputError(source, reason, line=lineno)

    text = record.get("text")
    if text is None:
        raise fail("no 'text' field")
    if not isinstance(text, str):
        raise fail(f"'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise fail("empty 'text'")
    article_id = record.get("id")
    if article_id is not None and (isinstance(article_id, bool) or not isinstance(article_id, str | int)):
        raise fail(f"'id' must be a string or an integer, got {_json_type(article_id)}")
    title, url = _optional_str(record, "title", fail), _optional_str(record, "url", fail)
    date = _optional_str(record, "published", fail)
    if date:
        try:
            published = parse_date(date)
        except ValueError:
            raise fail(f"'published' is not a date (want YYYY-MM-DD): {date!r}") from None
    return Article(
        text=text,
        id="" if article_id is None else str(article_id),
        title=title or None,
        url=url or None,
        published=published,
        source=f"{source}:{lineno}" if lineno is not None else source,
    )


def read_jsonl(
    path: Path, *, source: str | None = None, published: dt.date | None = None
) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines file, one per line, with an InputError for each bad line.

    Args:
        path: the file.
        source: the name articles and errors carry (default: the path).
        published: the publication date for lines that give none.

    Yields:
        An Article per good line and an InputError (naming the line) per bad one; a single
        InputError if the whole file cannot be read, is binary, or holds no lines.
    """
    source = source or str(path)
    try:
        data = read_bytes(path, source)
        if bom_codec(data) not in (None, "utf-8-sig"):
            raise InputError(source, "not UTF-8 text (JSON Lines must be UTF-8); convert it to UTF-8")
        if looks_binary(data):
            raise InputError(source, "binary file, not text")
    except InputError as error:
        yield error
        return
    data = data.removeprefix(b"\xef\xbb\xbf")
    seen = False
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        seen = True
        try:
            yield parse_line(
                decode(raw, source, line=lineno), source=source, lineno=lineno, published=published
            )
        except InputError as error:
            yield error
    if not seen:
        yield InputError(source, "empty file")


def _optional_str(record: dict[str, Any], key: str, fail: Callable[[str], InputError]) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise fail(f"'{key}' must be a string, got {_json_type(value)}")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)
