"""Events as a readable terminal table (rich), one row per event."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire.records import Entity, Event

WIDTH = 160  # when the output is not a terminal
EVIDENCE_WIDTH = 90
NAME_WIDTH = 40


def write(events: Iterable[Event], out: TextIO) -> int:
    """Write the events as one table.

    Args:
        events: the events to write.
        out: a text stream; the table is as wide as the terminal, or 160 columns when not a terminal.

    Returns:
        The number of rows written.
    """
    table = Table(show_lines=False, pad_edge=False, expand=False)
    for header, style in (
        ("date", "cyan"),
        ("actor → recipient", "bold"),
        ("CAMEO", ""),
        ("PLOVER", "magenta"),
        ("modality", ""),
        ("trigger", "green"),
        ("evidence", "dim"),
    ):
        table.add_column(header, style=style, overflow="fold")
    count = 0
    for event in events:
        table.add_row(*(Text(cell) for cell in _cells(event)))
        count += 1
    is_terminal = out.isatty()
    console = Console(file=out, width=None if is_terminal else WIDTH, highlight=False, emoji=False)
    console.print(table)
    return count


def _cells(event: Event) -> tuple[str, ...]:
    dyad = _entities(event.actor) or "?"
    if event.recipient:
        dyad += f" → {_entities(event.recipient)}"
    plover = event.plover.event + (f" ({event.plover.mode})" if event.plover.mode else "")
    cameo = f"{event.cameo.code} {textwrap.shorten(event.cameo.name, NAME_WIDTH, placeholder='…')}"
    return (
        _date(event),
        dyad,
        cameo,
        plover,
        event.modality,
        event.trigger.text,
        textwrap.shorten(event.sentence.text, EVIDENCE_WIDTH, placeholder=" …"),
    )


def _entities(entities: Sequence[Entity]) -> str:
    return ", ".join(e.cameo or e.org or e.country or e.name for e in entities)


def _date(event: Event) -> str:
    """The date, or its range when the text gives only bounds ("over the past year")."""
    date = event.date
    if date.value:
        return date.value
    if date.earliest and date.latest:
        return f"{date.earliest.isoformat()}..{date.latest.isoformat()}"
    return ""
