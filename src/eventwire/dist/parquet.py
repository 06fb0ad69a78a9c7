"""Coded partitions as Parquet: one row per article (in input order), its events as JSON text.

A partition is made where it is coded (:func:`to_parquet`, bytes), staged on disk atomically
(:func:`stage`: written under a temporary name, then renamed, so a reader never sees half a file)
and read back into records (:func:`read`). DuckDB writes and reads the files; no other library is
needed.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

from eventwire.records import Article, Event
from eventwire.store import codec

Coded = tuple[Article, list[Event]]

_SELECT = (
    "SELECT UNNEST(?::INTEGER[]) AS position, UNNEST(?::VARCHAR[]) AS id, UNNEST(?::VARCHAR[]) AS text, "
    "UNNEST(?::VARCHAR[]) AS title, UNNEST(?::VARCHAR[]) AS url, UNNEST(?::DATE[]) AS published, "
    "UNNEST(?::VARCHAR[]) AS source, UNNEST(?::VARCHAR[][]) AS events"
)


def to_parquet(coded: Sequence[Coded]) -> bytes:
    """The Parquet file of a coded partition, as bytes."""
    articles = [article for article, _ in coded]
    columns = [
        list(range(len(coded))),
        [a.id for a in articles],
        [a.text for a in articles],
        [a.title for a in articles],
        [a.url for a in articles],
        [a.published for a in articles],
        [a.source for a in articles],
        [[codec.dumps(e) for e in events] for _, events in coded],
    ]
    with tempfile.TemporaryDirectory(prefix="eventwire-part-") as folder:
        path = Path(folder) / "part.parquet"
        cursor = _database().cursor()
        try:
            cursor.sql(_SELECT, params=columns).write_parquet(str(path))
        finally:
            cursor.close()
        return path.read_bytes()


def stage(data: bytes, path: Path) -> Path:
    """Write a partition's bytes to ``path`` atomically (a temporary name, flushed, then renamed)."""
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return path


def read(path: Path) -> list[Coded]:
    """The articles and events of a staged partition, in the order they were coded."""
    cursor = _database().cursor()
    try:
        rows = cursor.execute(
            "SELECT id, text, title, url, published, source, events FROM read_parquet(?) ORDER BY position",
            [str(path)],
        ).fetchall()
    finally:
        cursor.close()
    return [
        (
            Article(text=text, id=id_, title=title, url=url, published=published, source=source),
            [codec.loads(e) for e in events],
        )
        for id_, text, title, url, published, source, events in rows
    ]


@functools.cache
def _database() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for this process, opened once (opening one costs more than a partition)."""
    return duckdb.connect(config={"threads": 1})
