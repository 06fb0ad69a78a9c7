"""Read the project's data tables: tab-separated, a header row, '#' comment lines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from eventwire.errors import DataError


def bundled(name: str) -> Path:
    """The path of a data file shipped in ``eventwire/data``."""
    return Path(str(resources.files("eventwire") / "data" / name))


def read_table(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` for each data row of a TSV file.

    The header must hold ``columns`` (in any order; more columns are allowed).
    Raises:
        DataError: the file is missing, its header lacks a column, or a row has too many fields.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), None, f"cannot read data file ({exc})") from exc
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = [f.strip() for f in fields]
            missing = [c for c in columns if c not in header]
            if missing:
                raise DataError(str(path), number, f"header lacks column(s): {', '.join(missing)}")
            continue
        if len(fields) > len(header):
            raise DataError(str(path), number, f"{len(fields)} fields, header has {len(header)}")
        fields += [""] * (len(header) - len(fields))
        yield number, {name: value.strip() for name, value in zip(header, fields, strict=True)}
    if header is None:
        raise DataError(str(path), None, "no header row")


def write_table(
    path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]], *, preamble: str = ""
) -> None:
    """Write a table as ``read_table`` reads it: ``preamble`` (``#`` comment lines), a header, the rows.

    Raises:
        DataError: the file cannot be written.
    """
    lines = ["\t".join(columns), *("\t".join(row) for row in rows)]
    try:
        path.write_text(preamble + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        raise DataError(str(path), None, f"cannot write ({exc})") from exc
