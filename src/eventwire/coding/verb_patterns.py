"""User verb patterns: which verb, with which words around it, carries which event code.

A verb-pattern file (``eventwire import-verbs`` writes one from PETRARCH dictionaries; ``--verbs FILE``
loads it) is a data table (:mod:`eventwire.tables`) with these columns::

    verb     the verb's forms, '|'-separated, its base first ("break|broke|broken"); a word in the text
             is this verb when its own text is one of them or, failing that, its lemma is
    before   the pattern's words before the verb, in text order
    after    the pattern's words after the verb, in text order
    code     the event code, a string kept as written ("064", or a code of the user's own); '---': no event
    reverse  optional: the code of the same event told the other way, target to source ("arrived in
             Gondor": 032 from the visitor, 033 from the host)

Pattern words are words as written in the text, lower case ("efforts" does not match "effort"); a
group ``(military|trade|close economic)`` matches any one of its word sequences.
Words apart by a space may have other words between them; words joined by '_' must be next to each
other, and a '_' at the end of ``before`` or the start of ``after`` puts the word next to the verb
("in_" before: "in" right before the verb). Markers take the place of a word: ``+`` the target and
``$`` the source (an actor of the sentence at that place), ``%`` a compound actor (several actors
joined by "and", see :mod:`eventwire.nlp.pattern_match`), and ``^`` any word (what follows it may
come after more words). A row with neither ``before`` nor ``after`` is the verb's default code; of
the rows that match, the one with the most words and markers wins.

Codes a pattern gives may be absent from the CAMEO table (a dictionary's own, "075A", "903"): the
event keeps the code as written, and :func:`describe_code` lends it the name, Goldstein score, quad
class and PLOVER event of its longest prefix in the table ("075A": "075"), else those of a neutral
statement ("01"), its name saying so.

A discard file has the columns ``phrase`` (words, lower case) and ``scope`` (``sentence``: a sentence
with the phrase has no event; ``article``: neither has any sentence of the article).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from eventwire.coding.cameo import ROOT_LENGTH, CodeTable
from eventwire.errors import DataError
from eventwire.records import Cameo, Plover
from eventwire.tables import read_table

PATTERN_COLUMNS = ("verb", "before", "after", "code", "reverse")
DISCARD_COLUMNS = ("phrase", "scope")
NO_EVENT = "---"
TARGET, SOURCE, COMPOUND, ANY = "+", "$", "%", "^"
MARKERS = frozenset((TARGET, SOURCE, COMPOUND, ANY))
SCOPES = ("sentence", "article")
NEUTRAL = "01"  # lends its description to codes with no known prefix
_CODE = re.compile(r"[^\s|]+")
_PIECE = re.compile(r"\*|\([^)]*\)|[^\s_()*]+|_|\s+")

Scope = Literal["sentence", "article"]


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    """A word or marker of a pattern; ``tight``: it must touch its neighbour on the verb's side."""

    text: str
    tight: bool = False

    @property
    def marker(self) -> bool:
        return self.text in MARKERS


@dataclasses.dataclass(frozen=True, slots=True)
class VerbPattern:
    """One row of a verb-pattern file: ``before`` in text order, ``after`` in text order."""

    forms: tuple[str, ...]
    before: tuple[Term, ...]
    after: tuple[Term, ...]
    code: str
    reverse: str | None = None
    where: str = ""

    @property
    def specificity(self) -> int:
        """How much of the sentence the pattern asks for: its words and markers (``^`` aside)."""
        return sum(t.text != ANY for t in (*self.before, *self.after))


@dataclasses.dataclass(frozen=True, slots=True)
class Discard:
    """A phrase whose sentence (or article) is coded with no event."""

    words: tuple[str, ...]
    scope: Scope = "sentence"


@dataclasses.dataclass(frozen=True, slots=True)
class VerbPatterns:
    """Loaded verb patterns, by verb form, the most specific first, and discard phrases; files that
    list the same verb pool their patterns (on a tie the earlier file's wins)."""

    by_form: dict[str, tuple[VerbPattern, ...]] = dataclasses.field(default_factory=dict)
    discards: tuple[Discard, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.by_form or self.discards)

    def knows(self, form: str) -> bool:
        return form.lower() in self.by_form

    def patterns(self, text: str, lemma: str) -> tuple[VerbPattern, ...]:
        """The patterns of a verb written ``text``, else of its ``lemma``; () when neither is listed."""
        return self.by_form.get(text.lower()) or self.by_form.get(lemma.lower(), ())

    @classmethod
    def load(cls, paths: Sequence[str | Path]) -> VerbPatterns:
        """Read verb-pattern and discard files (each is told by its header), in order.

        Raises:
            DataError: a file is missing or malformed (names the file and line).
        """
        by_form: dict[str, list[VerbPattern]] = defaultdict(list)
        discards: list[Discard] = []
        for path in map(Path, paths):
            if _header(path) >= set(DISCARD_COLUMNS):
                discards.extend(_read_discards(path))
                continue
            for pattern in _read_patterns(path):
                for form in pattern.forms:
                    by_form[form].append(pattern)
        ordered = {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in by_form.items()}
        return cls(ordered, tuple(discards))


def describe_code(table: CodeTable, code: str) -> tuple[Cameo, Plover]:
    """The CAMEO and PLOVER records of ``code``, one not in ``table`` included (see above)."""
    if code in table:
        return table.cameo(code), table.plover(code)
    prefix = next((code[:n] for n in range(len(code) - 1, ROOT_LENGTH - 1, -1) if code[:n] in table), None)
    base = prefix or (NEUTRAL if NEUTRAL in table else table.roots()[0])
    known = table.cameo(base)
    name = f"{known.name} ({code})" if prefix else f"Code {code} (not in the CAMEO table)"
    cameo = Cameo(code, code[:ROOT_LENGTH], name, known.goldstein if prefix else 0.0, known.quad_class)
    return cameo, table.plover(base)


def split_terms(text: str) -> list[tuple[str, bool]]:
    """The words, markers, ``*`` and ``(a|b c)`` groups of ``text``, each with whether it touches the
    one before it (nothing or ``_`` between) or, for the first, the start (a leading ``_``); a
    trailing ``_`` adds ``("", True)``."""
    items: list[tuple[str, bool]] = []
    gap = ""  # what lies between the last item (or the start) and the next piece
    for match in _PIECE.finditer(text):
        piece = match.group()
        if piece.isspace() or piece == "_":
            gap += piece
            continue
        touching = not any(c.isspace() for c in gap) and (bool(items) or "_" in gap)
        items.append((piece.lower(), touching))
        gap = ""
    if "_" in gap and not any(c.isspace() for c in gap):
        items.append(("", True))
    return items


def parse_terms(text: str, *, side: Literal["before", "after"]) -> tuple[Term, ...]:
    """The terms of a ``before`` or ``after`` field (``"so in_and_"``, ``"_(ties|links) now"``)."""
    items = split_terms(text)
    if side == "after":
        return tuple(Term(piece, joined) for piece, joined in items if piece)
    following = [joined for _, joined in items[1:]] + [False] * bool(items)
    return tuple(Term(piece, tight) for (piece, _), tight in zip(items, following, strict=True) if piece)


def choices(text: str) -> tuple[tuple[str, ...], ...]:
    """The word sequences a term stands for: ``"ties"`` one, ``"(ties|close links)"`` each, the
    longest first."""
    if not (text.startswith("(") and text.endswith(")")):
        return ((text,),)
    return _group(text)


@functools.cache
def _group(text: str) -> tuple[tuple[str, ...], ...]:
    found = {tuple(alternative.split()) for alternative in text[1:-1].split("|") if alternative.strip()}
    return tuple(sorted(found, key=lambda words: (-len(words), words)))


def write_terms(terms: Iterable[Term], *, side: Literal["before", "after"]) -> str:
    """The field text of ``terms`` (the inverse of :func:`parse_terms`)."""
    out = ""
    for term in terms:
        if side == "after":
            out += ("_" if term.tight else (" " if out else "")) + term.text
        else:
            out += term.text + ("_" if term.tight else " ")
    return out.rstrip(" ")


def pattern_row(pattern: VerbPattern) -> tuple[str, ...]:
    """A pattern as a row of :data:`PATTERN_COLUMNS`."""
    return (
        "|".join(pattern.forms),
        write_terms(pattern.before, side="before"),
        write_terms(pattern.after, side="after"),
        pattern.code,
        pattern.reverse or "",
    )


def _header(path: Path) -> set[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), None, f"cannot read verb patterns ({exc})") from exc
    first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    return {c.strip() for c in first.split("\t")}


def _read_patterns(path: Path) -> Iterable[VerbPattern]:
    for number, row in read_table(path, PATTERN_COLUMNS):
        where = f"{path}:{number}"
        forms = tuple(f.strip().lower() for f in row["verb"].split("|") if f.strip())
        if not forms or any(" " in f or "_" in f for f in forms):
            raise DataError(
                str(path), number, f"verb must be one or more '|'-separated words: {row['verb']!r}"
            )
        for column in ("code", "reverse"):
            if row[column] and not _CODE.fullmatch(row[column]):
                raise DataError(str(path), number, f"{column} must be one code: {row[column]!r}")
        if not row["code"]:
            raise DataError(str(path), number, "no code")
        before = parse_terms(row["before"], side="before")
        after = parse_terms(row["after"], side="after")
        yield VerbPattern(forms, before, after, row["code"], row["reverse"] or None, where)


def _read_discards(path: Path) -> Iterable[Discard]:
    for number, row in read_table(path, DISCARD_COLUMNS):
        words = tuple(row["phrase"].lower().split())
        scope = row["scope"] or "sentence"
        if not words:
            raise DataError(str(path), number, "empty phrase")
        if scope not in SCOPES:
            raise DataError(str(path), number, f"scope must be sentence or article: {scope!r}")
        yield Discard(words, "article" if scope == "article" else "sentence")
