"""Event records as JSON lines: one contract record (``CONTRACT.md``) per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from eventwire.records import Event, to_dict


def write(events: Iterable[Event], out: TextIO) -> int:
    """Write one JSON object per event.

    Args:
        events: the events to write.
        out: a text stream.

    Returns:
        The number of lines written.
    """
    count = 0
    for event in events:
        out.write(json.dumps(to_dict(event), ensure_ascii=False) + "\n")
        count += 1
    return count
