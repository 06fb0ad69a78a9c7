"""The CAMEO event code table with each code's PLOVER event, loaded from ``data/cameo_codes.tsv``.

The file is a data table (``eventwire.tables``): tab-separated, UTF-8, ``#`` comment lines, then a header
naming these columns and one row per CAMEO code::

    code  name  goldstein  quad_class  plover_event  plover_mode  plover_context

``plover_mode`` may be empty; ``plover_context`` is a comma-separated list, possibly empty. The loader
checks the shape of every row and knows nothing of the codes themselves.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from eventwire.errors import DataError
from eventwire.records import Cameo, Plover
from eventwire.tables import bundled, read_table

COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_event", "plover_mode", "plover_context")

QUAD_CLASS_NAMES: Mapping[int, str] = MappingProxyType(
    {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
)

ROOT_LENGTH = 2


def quad_class_name(quad_class: int) -> str:
    """The name of a CAMEO/GDELT quad class (1 verbal cooperation ... 4 material conflict)."""
    try:
        return QUAD_CLASS_NAMES[quad_class]
    except KeyError:
        raise ValueError(f"quad class must be 1-4, got {quad_class!r}") from None


class CodeTable:
    """CAMEO event codes with their Goldstein score, quad class and PLOVER event.

    Codes are strings and keep their leading zeros: ``"042"`` and ``"42"`` are different keys.
    """

    __slots__ = ("_entries", "source")

    def __init__(self, entries: Iterable[tuple[Cameo, Plover]], *, source: str = "<memory>") -> None:
        self._entries: dict[str, tuple[Cameo, Plover]] = {c.code: (c, p) for c, p in entries}
        self.source = source

    @classmethod
    def load(cls, path: Path | None = None) -> CodeTable:
        """Read a code table file.

        Args:
            path: a file in the format above; ``None`` reads the bundled table.

        Returns:
            The table, codes in file order.

        Raises:
            DataError: the file cannot be read or a row is malformed (the error names the file and line).
        """
        path = path or bundled("cameo_codes.tsv")
        return cls(_parse(path), source=str(path))

    def cameo(self, code: str) -> Cameo:
        """The CAMEO record of ``code``; ``KeyError`` if the table has no such code."""
        return self._entry(code)[0]

    def plover(self, code: str) -> Plover:
        """The PLOVER event, mode and context of CAMEO ``code``; ``KeyError`` if unknown."""
        return self._entry(code)[1]

    def codes(self) -> list[str]:
        """All codes, in file order."""
        return list(self._entries)

    def roots(self) -> list[str]:
        """The root codes ("01" ... "20"), in file order."""
        return [code for code in self._entries if len(code) == ROOT_LENGTH]

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"CodeTable({len(self)} codes from {self.source})"

    def _entry(self, code: str) -> tuple[Cameo, Plover]:
        try:
            return self._entries[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO event code {code!r} (not in {self.source})") from None


@functools.cache
def default_table() -> CodeTable:
    """The bundled code table, read once."""
    return CodeTable.load()


def _parse(path: Path) -> list[tuple[Cameo, Plover]]:
    entries: list[tuple[Cameo, Plover]] = []
    lines_of: dict[str, int] = {}
    for number, row in read_table(path, COLUMNS):
        cameo, plover = _row(row, str(path), number)
        if cameo.code in lines_of:
            raise DataError(str(path), number, f"code {cameo.code} repeats line {lines_of[cameo.code]}")
        lines_of[cameo.code] = number
        entries.append((cameo, plover))
    for cameo, _ in entries:
        if cameo.root not in lines_of:
            raise DataError(
                str(path), lines_of[cameo.code], f"code {cameo.code} has no root row {cameo.root}"
            )
    return entries


def _row(row: Mapping[str, str], where: str, number: int) -> tuple[Cameo, Plover]:
    code, name, goldstein_text, quad_text, event, mode, context = (row[column] for column in COLUMNS)
    if not (code.isascii() and code.isdigit() and ROOT_LENGTH <= len(code) <= 4):
        raise DataError(where, number, f"code must be 2 to 4 digits, got {code!r}")
    if not name:
        raise DataError(where, number, f"code {code} has no name")
    try:
        goldstein = float(goldstein_text)
    except ValueError:
        raise DataError(where, number, f"goldstein must be a number, got {goldstein_text!r}") from None
    if not (math.isfinite(goldstein) and -10.0 <= goldstein <= 10.0):
        raise DataError(where, number, f"goldstein must lie in -10..10, got {goldstein_text}")
    if quad_text not in {"1", "2", "3", "4"}:
        raise DataError(where, number, f"quad_class must be 1, 2, 3 or 4, got {quad_text!r}")
    if not event:
        raise DataError(where, number, f"code {code} has no PLOVER event")
    contexts = tuple(c.strip() for c in context.split(",")) if context else ()
    if "" in contexts:
        raise DataError(where, number, f"empty item in plover_context {context!r}")
    cameo = Cameo(
        code=code, root=code[:ROOT_LENGTH], name=name, goldstein=goldstein, quad_class=int(quad_text)
    )
    return cameo, Plover(event=event, mode=mode or None, context=contexts)
