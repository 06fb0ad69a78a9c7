"""Event records as JSON lines: one contract record (``CONTRACT.md``) per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from eventwire.records import Event, to_dict


def write(events: Iterable[Event], out: TextIO) -> int:
    """Write one JSON object per event.

    Args:
        events: the events to write.
        out: a text stream.

    Returns:
        The number of lines written.
    """
    return write_json_lines((to_dict(event) for event in events), out)


def write_json_lines(objects: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write each object as one line of JSON (UTF-8 kept as is); returns the number of lines."""
    count = 0
    for obj in objects:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        count += 1
    return count
