"""Option parsers shared by the command modules (``cli``, ``cli_store``)."""

from __future__ import annotations

import datetime as dt
import re

import typer


def parse_date(value: str) -> dt.date:
    """A ``YYYY-MM-DD`` option value; anything else is a usage error (exit 2)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise typer.BadParameter(f"not a date (want YYYY-MM-DD): {value!r}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise typer.BadParameter(f"not a date (want YYYY-MM-DD): {value!r} ({exc})") from None


def actors_option(help_text: str) -> typer.models.OptionInfo:
    """The repeatable ``--actors FILE`` option."""
    return typer.Option(  # type: ignore[no-any-return]
        "--actors", metavar="FILE", exists=True, dir_okay=False, readable=True, help=help_text
    )


def verbs_option(help_text: str) -> typer.models.OptionInfo:
    """The repeatable ``--verbs FILE`` option."""
    return typer.Option(  # type: ignore[no-any-return]
        "--verbs", metavar="FILE", exists=True, dir_okay=False, readable=True, help=help_text
    )


def dictionaries_argument(help_text: str) -> typer.models.ArgumentInfo:
    """The ``DICT...`` argument of the dictionary importers."""
    return typer.Argument(  # type: ignore[no-any-return]
        metavar="DICT", exists=True, dir_okay=False, readable=True, help=help_text, show_default=False
    )


def output_option(help_text: str) -> typer.models.OptionInfo:
    """The ``--output FILE`` option of the dictionary importers."""
    return typer.Option(  # type: ignore[no-any-return]
        "--output", metavar="FILE", dir_okay=False, help=help_text, show_default=False
    )
