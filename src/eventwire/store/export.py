"""Stored events out: JSON lines with mentions, CSV, GDELT 2.0 TSV, PLOVER JSON lines and Parquet.

Every writer takes stored events (:class:`~eventwire.store.base.StoredEvent`), so the GDELT
``NumMentions``/``NumSources``/``NumArticles`` columns carry the counts of merged reports.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO

from eventwire.export import gdelt, plover
from eventwire.records import Entity, to_dict
from eventwire.store.base import StoredEvent

CSV_COLUMNS: tuple[str, ...] = (
    "id", "date", "date_precision", "actor", "actor_codes", "recipient", "recipient_codes",
    "cameo_code", "cameo_root", "cameo_name", "quad_class", "goldstein", "plover_event", "plover_mode",
    "modality", "confidence", "place", "place_country", "lat", "lon", "article_id", "title", "url",
    "published", "sentence", "num_mentions", "num_sources", "num_articles",
)  # fmt: skip

# Parquet column types (DuckDB names) of the CSV columns; the rest are text.
_PARQUET_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "quad_class": "INTEGER",
        "goldstein": "DOUBLE",
        "confidence": "DOUBLE",
        "lat": "DOUBLE",
        "lon": "DOUBLE",
        "published": "DATE",
        "num_mentions": "INTEGER",
        "num_sources": "INTEGER",
        "num_articles": "INTEGER",
    }
)


def record(stored: StoredEvent) -> dict[str, Any]:
    """The JSON record of a stored event: the event record with its mentions and counts."""
    data = to_dict(stored.event)
    data["mentions"] = [to_dict(m) for m in stored.mentions]
    data["num_mentions"] = stored.num_mentions
    data["num_sources"] = stored.num_sources
    data["num_articles"] = stored.num_articles
    return data


def write_jsonl(events: Iterable[StoredEvent], out: TextIO) -> int:
    """One JSON object per stored event (the event record plus mentions and counts)."""
    count = 0
    for stored in events:
        out.write(json.dumps(record(stored), ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_row(stored: StoredEvent) -> dict[str, Any]:
    """The flat CSV row of a stored event (``CSV_COLUMNS``)."""
    event = stored.event
    place = event.location
    return {
        "id": event.id,
        "date": event.date.value,
        "date_precision": event.date.precision,
        "actor": "; ".join(e.name for e in event.actor),
        "actor_codes": _codes(event.actor),
        "recipient": "; ".join(e.name for e in event.recipient),
        "recipient_codes": _codes(event.recipient),
        "cameo_code": event.cameo.code,
        "cameo_root": event.cameo.root,
        "cameo_name": event.cameo.name,
        "quad_class": event.cameo.quad_class,
        "goldstein": event.cameo.goldstein,
        "plover_event": event.plover.event,
        "plover_mode": event.plover.mode,
        "modality": event.modality,
        "confidence": event.confidence,
        "place": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "article_id": event.article.id,
        "title": event.article.title,
        "url": event.article.url,
        "published": event.article.published.isoformat() if event.article.published else None,
        "sentence": event.sentence.text,
        "num_mentions": stored.num_mentions,
        "num_sources": stored.num_sources,
        "num_articles": stored.num_articles,
    }


def write_csv(events: Iterable[StoredEvent], out: TextIO) -> int:
    """CSV with a header row, one row per stored event."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for stored in events:
        writer.writerow(csv_row(stored))
        count += 1
    return count


def write_gdelt(events: Iterable[StoredEvent], out: TextIO) -> int:
    """GDELT 2.0 event rows (61 columns, tab-separated, no header), with the stored counts."""
    count = 0
    for stored in events:
        for fields in gdelt.rows(stored.event):
            fields["NumMentions"] = str(stored.num_mentions)
            fields["NumSources"] = str(stored.num_sources)
            fields["NumArticles"] = str(stored.num_articles)
            out.write("\t".join(_gdelt_field(value) for value in fields.values()) + "\n")
            count += 1
    return count


def write_plover(events: Iterable[StoredEvent], out: TextIO) -> int:
    """PLOVER JSON lines (``data/plover_event.schema.json``), one per stored event."""
    return plover.write((stored.event for stored in events), out)


def write_parquet(events: Iterable[StoredEvent], path: Path) -> int:
    """A Parquet file of the CSV columns, typed, written by DuckDB; returns the number of rows."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="eventwire-") as folder:
        staging = Path(folder) / "events.csv"
        with staging.open("w", encoding="utf-8", newline="") as out:
            count = write_csv(events, out)
        types = {name: _PARQUET_TYPES.get(name, "VARCHAR") for name in CSV_COLUMNS}
        with duckdb.connect() as con:
            relation = con.read_csv(str(staging), header=True, dtype=types)
            relation.write_parquet(str(path))
    return count


TextWriter = Callable[[Iterable[StoredEvent], TextIO], int]

TEXT_FORMATS: Mapping[str, TextWriter] = MappingProxyType(
    {"jsonl": write_jsonl, "csv": write_csv, "gdelt": write_gdelt, "plover": write_plover}
)
EXPORT_FORMATS = ("csv", "gdelt", "parquet", "plover")


def export(events: Iterable[StoredEvent], path: Path, *, format: str) -> int:
    """Write stored events to a file in one of ``EXPORT_FORMATS`` (or ``jsonl``).

    Returns:
        The number of rows or lines written.

    Raises:
        ValueError: the format is unknown.
    """
    if format == "parquet":
        return write_parquet(events, path)
    try:
        writer = TEXT_FORMATS[format]
    except KeyError:
        known = ", ".join(sorted({*EXPORT_FORMATS, *TEXT_FORMATS}))
        raise ValueError(f"unknown format {format!r}; known: {known}") from None
    with path.open("w", encoding="utf-8", newline="") as out:
        return writer(events, out)


def _codes(entities: tuple[Entity, ...]) -> str:
    return "; ".join(e.cameo or e.country or e.org or "" for e in entities)


def _gdelt_field(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
