"""Any source the store ingests: what ``read_sources`` reads, plus http(s) pages and feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest import read_sources
from eventwire.ingest.files import kind_of, list_directory
from eventwire.ingest.web import Fetch, fetch, is_url, read_url
from eventwire.records import Article


def read_any(
    sources: Sequence[str], *, published: dt.date | None = None, fetcher: Fetch = fetch
) -> Iterator[Article | InputError]:
    """Articles of files, directories, JSON Lines, ``-`` and http(s) URLs (pages or feeds), in order.

    Bad inputs come as InputError values, never raised.
    """
    for source in sources:
        if is_url(source):
            yield from read_url(source, published=published, fetcher=fetcher)
        else:
            yield from read_sources([source], published=published)


def count_inputs(sources: Sequence[str]) -> int | None:
    """How many articles local sources hold (one a file, one a JSON line), cheaply; None if unknown."""
    total = 0
    for source in sources:
        if is_url(source) or source == "-":
            return None
        path = Path(source)
        try:
            files = list_directory(path) if path.is_dir() else [path]
            for file in files:
                if kind_of(file) == "jsonl":
                    with file.open("rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                else:
                    total += 1
        except OSError:
            total += 1
    return total


__all__ = ["count_inputs", "read_any"]
