"""Plain-text inputs: files, standard input, directories; and the checks every file read shares.

Files are read as bytes and decoded here, strictly: a byte-order mark is honoured, otherwise the
bytes must be UTF-8. Nothing guesses a legacy codec silently; such a file is reported as
"not UTF-8 text" with the line and byte where decoding failed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
from pathlib import Path
from typing import BinaryIO, TextIO

from eventwire.errors import InputError
from eventwire.records import Article

STDIN_SOURCE = "<stdin>"

# The kinds of input a suffix stands for (compared lower-cased).
KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
SUFFIXES_TEXT = ".txt, .html, .htm or .jsonl"

# Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that do not occur in text (all C0 controls but tab, newlines, form feed, escape).
_CONTROLS = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.05


def kind_of(path: Path) -> str | None:
    """The input kind of a file by its suffix ("text", "html", "jsonl"), or None if unsupported."""
    return KINDS.get(path.suffix.lower())


def read_bytes(path: Path, source: str) -> bytes:
    """The bytes of a file; an InputError naming ``source`` if it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from None


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` declares, if any."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def looks_binary(data: bytes) -> bool:
    """Whether bytes without a byte-order mark look like a binary file rather than text.

    NUL bytes never occur in UTF-8 text; nor do more than a few other control characters.
    """
    if b"\x00" in data:
        return True
    sample = data[:_SAMPLE]
    controls = sum(1 for byte in sample if byte in _CONTROLS)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_SHARE


def decode(data: bytes, source: str, *, line: int | None = None, fallback: str | None = None) -> str:
    """Decode the bytes of a text input strictly, with newlines normalised to ``\\n``.

    Args:
        data: the raw bytes.
        source: the input's name, for error messages.
        line: the line these bytes start at (for a line of a JSONL file), for error messages.
        fallback: a codec the input itself declares (an HTML ``<meta charset>``), tried when the
            bytes are not UTF-8.

    Returns:
        The text.

    Raises:
        InputError: the bytes are binary or not UTF-8 (nor ``fallback``) text.
    """
    codec = bom_codec(data)
    if codec is None and looks_binary(data):
        raise InputError(source, "binary file, not text", line=line)
    text: str | None
    try:
        text = data.decode(codec or "utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_fallback(data, fallback) if codec is None else None
        if text is None:
            at = line if line is not None else data.count(b"\n", 0, exc.start) + 1
            name = "UTF-8" if codec in (None, "utf-8-sig") else codec.upper()
            tried = f" nor {fallback}" if fallback else ""
            raise InputError(
                source,
                f"not {name}{tried} text (byte 0x{data[exc.start]:02x}); convert it to UTF-8",
                line=at,
            ) from None
    if "\x00" in text:
        raise InputError(source, "binary file, not text", line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_fallback(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def require_text(text: str, source: str) -> str:
    """``text`` unless it is empty or only whitespace (an InputError then)."""
    if not text.strip():
        raise InputError(source, "empty file" if source != STDIN_SOURCE else "empty input")
    return text


def read_text_file(path: Path, *, source: str | None = None, published: dt.date | None = None) -> Article:
    """One article from a plain-text file.

    Args:
        path: the file.
        source: the name the article records as its source (default: the path).
        published: the publication date (a text file carries none).

    Raises:
        InputError: the file is missing, empty, binary or not UTF-8.
    """
    source = source or str(path)
    text = require_text(decode(read_bytes(path, source), source), source)
    return Article(text=text, published=published, source=source)


def read_stream(stream: TextIO | BinaryIO, *, published: dt.date | None = None) -> Article:
    """One article from a stream of plain text, such as standard input.

    A text stream with an underlying binary buffer is read as bytes, so it is decoded by the same
    strict rules as files (not by the locale's codec).

    Raises:
        InputError: the stream is empty, binary or not UTF-8.
    """
    raw = getattr(stream, "buffer", stream)
    try:
        data = raw.read()
    except OSError as exc:
        raise InputError(STDIN_SOURCE, f"cannot read ({exc.strerror or exc})") from None
    text = decode(data, STDIN_SOURCE) if isinstance(data, bytes) else data
    return Article(text=require_text(text, STDIN_SOURCE), published=published, source=STDIN_SOURCE)


def list_directory(directory: Path) -> list[Path]:
    """The readable files under ``directory``, recursively, sorted by their path.

    Hidden files and folders (names starting with ".") are skipped, as are files of other kinds.
    Symbolic links to folders are not followed.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root)
        found.extend(base / name for name in files if not name.startswith(".") and kind_of(Path(name)))
    return sorted(found, key=lambda p: p.relative_to(directory).parts)
