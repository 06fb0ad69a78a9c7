"""export: write event records as JSON lines, tables, GDELT 2.0 and PLOVER."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TextIO

from eventwire.export import gdelt, jsonl, plover, table
from eventwire.records import Event

Writer = Callable[[Iterable[Event], TextIO], int]

FORMATS: Mapping[str, Writer] = MappingProxyType(
    {"jsonl": jsonl.write, "table": table.write, "gdelt": gdelt.write, "plover": plover.write}
)


def write_events(events: Iterable[Event], out: TextIO, *, format: str) -> int:
    """Write events in one of the ``FORMATS``.

    Args:
        events: the events to write.
        out: a text stream.
        format: ``jsonl``, ``table``, ``gdelt`` or ``plover``.

    Returns:
        The number of records (rows, lines) written.

    Raises:
        ValueError: the format is unknown.
    """
    try:
        writer = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown format {format!r}; known: {', '.join(sorted(FORMATS))}") from None
    return writer(events, out)
