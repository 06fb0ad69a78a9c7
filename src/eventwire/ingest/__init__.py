"""ingest: read articles from files, directories, JSON Lines, HTML pages and standard input.

One module per kind of source: ``files`` (plain text, standard input, directories, and the
decoding every file read shares), ``html`` (pages, by trafilatura), ``jsonl`` (one article a line).
Bad inputs are not raised but handed on as :class:`~eventwire.errors.InputError` values, so one bad
file or line never stops the rest.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from eventwire.errors import InputError
from eventwire.ingest.files import SUFFIXES_TEXT, kind_of, list_directory, read_stream, read_text_file
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.records import Article

__all__ = ["STDIN", "read_articles", "read_sources"]

STDIN = "-"

PathArg = str | os.PathLike[str]


def read_sources(
    paths: Sequence[PathArg] | PathArg,
    *,
    published: dt.date | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article | InputError]:
    """Read articles from paths, lazily, in order; bad inputs come as InputError values.

    Args:
        paths: ``.txt`` files (one article), ``.html``/``.htm`` pages (one article), ``.jsonl``
            files (one article a line), directories (their files of these kinds, recursively,
            sorted) and ``-`` for standard input (plain text). A single path may be given as is.
        published: the publication date of inputs that carry none.
        stdin: the stream ``-`` reads (default: ``sys.stdin`` at the time it is read).

    Yields:
        An Article per article read, and an InputError (path, line, reason) per input, or line
        of a JSONL file, that cannot be read. Nothing is raised for bad input.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in paths:
        name = os.fspath(path)
        if name == STDIN:
            yield _guard(lambda: read_stream(stdin or sys.stdin, published=published))
        elif os.path.isdir(name):
            yield from _read_directory(Path(name), name, published=published)
        else:
            yield from _read_file(Path(name), name, published=published, explicit=True)


def read_articles(
    paths: Sequence[PathArg] | PathArg,
    *,
    published: dt.date | None = None,
    stdin: TextIO | None = None,
    on_error: Callable[[InputError], object],
) -> Iterator[Article]:
    """Like :func:`read_sources`, but yields only the articles and hands each error to ``on_error``."""
    for item in read_sources(paths, published=published, stdin=stdin):
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def _read_directory(
    directory: Path, name: str, *, published: dt.date | None
) -> Iterator[Article | InputError]:
    try:
        files = list_directory(directory)
    except OSError as exc:
        yield InputError(name, f"cannot list directory ({exc.strerror or exc})")
        return
    if not files:
        yield InputError(name, f"no {SUFFIXES_TEXT} files in this directory")
    for path in files:
        yield from _read_file(path, str(path), published=published, explicit=False)


def _read_file(
    path: Path, name: str, *, published: dt.date | None, explicit: bool
) -> Iterator[Article | InputError]:
    kind = kind_of(path)
    if kind == "jsonl":
        yield from read_jsonl(path, source=name, published=published)
    elif kind == "html":
        yield _guard(lambda: read_html(path, source=name, published=published))
    elif kind == "text":
        yield _guard(lambda: read_text_file(path, source=name, published=published))
    elif not path.exists() and not path.is_symlink():
        yield InputError(name, "no such file or directory")
    elif explicit:
        suffix = f"'{path.suffix}'" if path.suffix else "(no extension)"
        yield InputError(name, f"unsupported file type {suffix}; want {SUFFIXES_TEXT}")


def _guard(read: Callable[[], Article]) -> Article | InputError:
    try:
        return read()
    except InputError as error:
        return error
