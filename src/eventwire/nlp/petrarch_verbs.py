"""Import PETRARCH/TABARI verb and discard dictionaries into eventwire's verb-pattern files.

A verb dictionary (comments after ``#``, ``<!-- -->`` markup skipped) holds:

- synonym sets: ``&NAME`` and then its members, one a line, each starting with ``+``; a member may
  name another set. A set named in a pattern becomes a group of its members, ``(a|b c)``, in the
  converted pattern.
- verb blocks: a header ``--- NAME [code] ---`` (the block's default code; ``[---]``: none), then the
  block's verbs and patterns in any order. A verb line is a word (``ABANDON``), maybe with irregular
  forms in braces (``BREAK {BROKE BROKEN}``) and a code of its own; a verb of several words marks its
  verb with ``+`` (``+BREAK_DOWN``: "break" then "down"; ``WIRE_+TAP``). A pattern line is
  ``- words * words [code]``: ``*`` is the verb, ``_`` joins words that must be next to each other,
  ``+`` marks the target, ``$`` the source, ``%`` a compound actor, ``^`` a phrase to skip; brackets
  ``( ) { }`` group words and are dropped. A code ``[A:B]`` is A from source to target and B back.
- every pattern of a block applies to each of the block's verbs; a verb listed in several blocks has
  the patterns of all and the first default code. A pattern coded ``[+++]`` (TABARI's complex event,
  which PETRARCH does not code) is left out.

A discard dictionary lists phrases, one a line; a sentence holding one has no event, and a phrase
starting with ``+`` discards the whole article.

Conversion (:mod:`eventwire.coding.verb_patterns`): one row per verb and pattern, with the verb's
written forms (its own, its irregular ones and regular ones made by adding -s, -es, -ed, -d, -ing),
the words of a verb of several words joined to the pattern next to the verb, set names replaced by
groups of their members, codes kept as written (strings: unknown and invented codes included).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from eventwire.coding.verb_patterns import (
    DISCARD_COLUMNS,
    NO_EVENT,
    PATTERN_COLUMNS,
    Term,
    VerbPattern,
    pattern_row,
    split_terms,
)
from eventwire.nlp.petrarch_import import beside, content_lines
from eventwire.tables import write_table

__all__ = ["ImportedVerbs", "discards_path", "import_discards", "import_verbs", "write_verbs"]

_HEADER = re.compile(r"---\s*(?P<name>[^\[]*?)\s*(?:\[(?P<code>[^\]]*)\].*?)?(?:---)?\s*")
_VERB = re.compile(r"(?P<words>[^\[{]+?)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*")
_PATTERN = re.compile(r"-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*")
_GROUPING = re.compile(r"[(){}]")
_SET_NAME = re.compile(r"&([A-Za-z0-9_]+)")
_VERB_SIDE = "*"
COMPLEX = "+++"  # TABARI's mark of a complex event, which PETRARCH does not code

_PATTERNS_HELP = """\
# Verb patterns (eventwire's format), converted from PETRARCH dictionaries by `eventwire import-verbs`.
# verb: the verb's forms, '|'-separated, its base first; a word is this verb by its own text, else by its lemma.
# before / after: the pattern's words before / after the verb, in text order (words as written, lower case);
#   words apart by a space may have others between them, words joined by '_' are next to each other, and a
#   '_' at the end of before / start of after puts the word next to the verb.
#   Markers: '+' the target, '$' the source, '%' a compound actor (the event goes between its members),
#   '^' any word (what follows may come after more). A row with neither before nor after is the verb's default code.
# code: the event code as written ('---': no event); reverse: the code told back, from target to source.
# The longest matching pattern wins (ties: the one that finds a target, then the earlier row).
"""
_DISCARDS_HELP = """\
# Discard phrases (eventwire's format), converted from PETRARCH dictionaries by `eventwire import-verbs`.
# phrase: words, lower case; scope: sentence (a sentence with the phrase has no event) or article (no
# sentence of the article has one).
"""


@dataclasses.dataclass(frozen=True, slots=True)
class ImportedVerbs:
    """Converted patterns and discards, and notes (``path:line: reason``) on what was left out."""

    patterns: tuple[VerbPattern, ...] = ()
    discards: tuple[tuple[str, str], ...] = ()  # (phrase, scope)
    notes: tuple[str, ...] = ()


@dataclasses.dataclass(slots=True)
class _Verb:
    forms: list[str]
    before: tuple[Term, ...]  # the verb's own words before it ("wire" of "wire tap")
    after: tuple[Term, ...]  # and after it ("down" of "break down")
    code: str | None  # its own default code as written ("032:033"), else the block's
    where: str = ""

    def key(self, form: str) -> tuple[str, ...]:
        """A form with the verb's own words: what no two verbs may share."""
        return (*(t.text for t in self.before), form, "", *(t.text for t in self.after))


@dataclasses.dataclass(slots=True)
class _Block:
    code: str  # as written
    where: str
    verbs: list[_Verb] = dataclasses.field(default_factory=list)
    patterns: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # body, code, where


def import_verbs(paths: Sequence[str | Path]) -> ImportedVerbs:
    """Convert PETRARCH verb dictionaries into verb patterns (the first dictionary to list a form wins).

    Raises:
        DataError: a dictionary cannot be read.
    """
    patterns: list[VerbPattern] = []
    notes: list[str] = []
    claimed: set[tuple[str, ...]] = set()  # forms taken, with the verb's own words: ("break", "down")
    for path in paths:
        blocks, sets, read_notes = _read(path)
        notes += read_notes
        explicit = {verb.key(f) for block in blocks for verb in block.verbs for f in verb.forms}
        verbs: dict[tuple[str, ...], tuple[_Verb, list[str], list[tuple[str, str, str]]]] = {}
        for block in blocks:  # a verb in several blocks has the patterns of all, the first default code
            for verb in block.verbs:
                key = verb.key(verb.forms[0])
                _, defaults, bodies = verbs.setdefault(key, (verb, [], []))
                defaults.append(verb.code or block.code)
                bodies += block.patterns
        # verbs with the same own words and patterns share rows: (before, after, patterns) ->
        # (one of them, their forms by default code, all their forms)
        groups: dict[tuple[object, ...], tuple[_Verb, dict[str, list[str]], list[str]]] = {}
        for key, (verb, defaults, bodies) in verbs.items():
            if key in claimed:
                continue
            forms = [f for f in verb.forms if verb.key(f) not in claimed]
            forms += [f for f in _regular_forms(verb.forms[0]) if verb.key(f) not in claimed | explicit]
            forms = list(dict.fromkeys(forms))
            claimed.update(verb.key(f) for f in forms)
            default = next((c for c in defaults if c not in (NO_EVENT, COMPLEX)), NO_EVENT)
            _, by_default, every = groups.setdefault((verb.before, verb.after, *bodies), (verb, {}, []))
            by_default.setdefault(default, []).extend(forms)
            every.extend(forms)
        converted: dict[tuple[str, str], list[tuple[tuple[Term, ...], tuple[Term, ...]]]] = {}
        for verb, by_default, every in groups.values():
            for default, forms in by_default.items():
                patterns.append(_pattern(forms, verb, (), (), default, verb.where))
            for body, code, where in verbs[verb.key(verb.forms[0])][2]:
                if (body, where) not in converted:
                    converted[(body, where)] = _pattern_sides(body, code, where, sets, notes)
                for sides in converted[(body, where)]:
                    patterns.append(_pattern(every, verb, *sides, code, where))
    return ImportedVerbs(tuple(patterns), notes=tuple(notes))


def import_discards(paths: Sequence[str | Path]) -> ImportedVerbs:
    """Convert PETRARCH discard dictionaries into discard phrases.

    Raises:
        DataError: a dictionary cannot be read.
    """
    discards: dict[str, str] = {}
    for path in paths:
        for _, line in content_lines(path):
            article = line.startswith("+")
            phrase = " ".join(re.split(r"[\s_]+", line.lstrip("+").strip().lower()))
            if phrase and phrase not in discards:
                discards[phrase] = "article" if article else "sentence"
    return ImportedVerbs(discards=tuple(discards.items()))


def discards_path(output: str | Path) -> Path:
    """Where the discards of an import go: ``verbs.tsv`` -> ``verbs.discards.tsv``."""
    return beside(output, "discards")


def write_verbs(imported: ImportedVerbs, output: str | Path) -> list[Path]:
    """Write the patterns to ``output`` and the discards, if any, to :func:`discards_path`.

    Returns:
        The files written, each a file for ``--verbs`` / ``Settings.verbs_files``.

    Raises:
        DataError: a file cannot be written.
    """
    files: list[tuple[Path, str, tuple[str, ...], list[tuple[str, ...]]]] = [
        (Path(output), _PATTERNS_HELP, PATTERN_COLUMNS, [pattern_row(p) for p in imported.patterns])
    ]
    if imported.discards:
        files.append((discards_path(output), _DISCARDS_HELP, DISCARD_COLUMNS, list(imported.discards)))
    for path, help_text, columns, rows in files:
        write_table(path, columns, rows, preamble=help_text)
    return [path for path, _, _, _ in files]


# -- reading ----------------------------------------------------------------------------------


def _read(path: str | Path) -> tuple[list[_Block], dict[str, list[str]], list[str]]:
    """The blocks, the synonym sets (by upper-case name) and notes of one dictionary."""
    blocks: list[_Block] = []
    sets: dict[str, list[str]] = {}
    notes: list[str] = []
    members: list[str] | None = None  # the set being read
    for no, line in content_lines(path):
        where = f"{path}:{no}"
        if line.startswith("&"):
            members = sets.setdefault(line[1:].split()[0].rstrip("_").upper(), [])
            continue
        if line.startswith("+") and members is not None:
            members.append(line[1:].strip())
            continue
        members = None
        if line.startswith("---"):
            header = _HEADER.fullmatch(line)
            code = header["code"].strip() if header and header["code"] else ""
            blocks.append(_Block(code or NO_EVENT, where))
            if not code:
                notes.append(f"{where}: no default code in {line!r}; read as [---]")
        elif not blocks:
            notes.append(f"{where}: {line!r} is outside any verb block")
        elif line.startswith("-"):
            if (match := _PATTERN.fullmatch(line)) is None:
                notes.append(f"{where}: no code in pattern {line!r}")
            else:
                blocks[-1].patterns.append((match["body"], match["code"], where))
        elif (verb := _verb(line, where)) is not None:
            blocks[-1].verbs.append(verb)
        else:
            notes.append(f"{where}: cannot read the verb {line!r}")
    return blocks, sets, notes


def _pattern_sides(
    body: str, code: str, where: str, sets: dict[str, list[str]], notes: list[str]
) -> list[tuple[tuple[Term, ...], tuple[Term, ...]]]:
    """The terms before and after the verb of each pattern a written pattern stands for."""
    if code.strip() == COMPLEX:
        notes.append(f"{where}: a complex event [{COMPLEX}] is not coded; left out")
        return []
    text = _substitute(_GROUPING.sub(" ", body), sets, where, notes)
    sides = _sides(text, where, notes) if text is not None else None
    return [sides] if sides is not None else []


def _code(text: str | None) -> tuple[str, str | None] | None:
    """``"032:033"`` -> ("032", "033"); ``"064"`` -> ("064", None); None for no code."""
    if text is None or not text.strip():
        return None
    first, _, second = text.strip().partition(":")
    return first.strip() or "---", second.strip() or None


def _verb(line: str, where: str) -> _Verb | None:
    match = _VERB.fullmatch(line)
    if match is None:
        return None
    words = _words(match["words"])
    if not words:
        return None
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    base = words[at].lstrip("+")
    forms = [base]
    for written in (match["forms"] or "").split():
        pieces = _words(written)
        marked = [p for p in pieces if p.startswith("+")]
        forms.append((marked[0] if marked else pieces[min(at, len(pieces) - 1)]).lstrip("+"))
    code = (match["code"] or "").strip() or None
    before = tuple(Term(w.lstrip("+"), True) for w in words[:at])
    after = tuple(Term(w.lstrip("+"), True) for w in words[at + 1 :])
    forms = [f for f in dict.fromkeys(forms) if f]
    return _Verb(forms, before, after, code, where) if forms else None


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.split(r"[\s_]+", text.strip()) if w]


def _regular_forms(base: str) -> list[str]:
    """The -s, -ed and -ing forms, made by rule (PETRARCH's ``exchang`` gives ``exchanged``)."""
    stem_y = base[:-1] if base.endswith("y") and base[-2:-1] not in tuple("aeiou") else None
    if stem_y is not None:
        return [stem_y + "ies", stem_y + "ied", base + "ing"]
    third = base + "es" if base.endswith(("s", "x", "z", "ch", "sh", "o")) else base + "s"
    if base.endswith("e"):
        return [third, base + "d", (base if base.endswith("ee") else base[:-1]) + "ing"]
    return [third, base + "ed", base + "ing"]


def _substitute(body: str, sets: dict[str, list[str]], where: str, notes: list[str]) -> str | None:
    """``body`` with each synonym-set name replaced by a group of its members, ``(a|b c)``."""
    out = ""
    while (match := _SET_NAME.search(body)) is not None:
        name = _set_at(match[1].upper(), sets)
        if name is None:
            notes.append(f"{where}: unknown synonym set &{match[1]}")
            return None
        members = _members(name, sets, set())
        out += body[: match.start()] + "(" + "|".join(members) + ")"
        body = body[match.start() + 1 + len(name) :]
    return out + body


def _members(name: str, sets: dict[str, list[str]], seen: set[str]) -> list[str]:
    """The members of a set as lower-case word sequences, those of the sets it names included."""
    seen.add(name)
    out: list[str] = []
    for member in sets[name]:
        nested = _SET_NAME.fullmatch(member.strip())
        inner = _set_at(nested[1].upper(), sets) if nested else None
        if inner is not None and inner not in seen:
            out += _members(inner, sets, seen)
        elif inner is None and (words := _words(member)):
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def _set_at(text: str, sets: dict[str, list[str]]) -> str | None:
    """The longest set name that ``text`` starts with and that ends at a word's end."""
    for name in sorted(sets, key=len, reverse=True):
        if text.startswith(name) and (len(text) == len(name) or text[len(name)] == "_"):
            return name
    return None


def _sides(body: str, where: str, notes: list[str]) -> tuple[tuple[Term, ...], tuple[Term, ...]] | None:
    """The terms before and after the verb's ``*``; ``tight``: touching the neighbour on the verb's side."""
    items = [(piece, joined) for piece, joined in split_terms(body) if piece]
    at = next((i for i, (piece, _) in enumerate(items) if piece == _VERB_SIDE), None)
    if at is None or any(piece == _VERB_SIDE for piece, _ in items[at + 1 :]):
        notes.append(f"{where}: pattern {body!r} needs one '*' for the verb")
        return None
    before = tuple(Term(piece, items[i + 1][1]) for i, (piece, _) in enumerate(items[:at]))
    after = tuple(Term(piece, joined) for piece, joined in items[at + 1 :])
    return before, after


def _pattern(
    forms: Iterable[str],
    verb: _Verb,
    before: tuple[Term, ...],
    after: tuple[Term, ...],
    code: str,
    where: str,
) -> VerbPattern:
    """A pattern of one verb: its own words join the pattern's next to the verb."""
    first, reverse = _code(code) or (NO_EVENT, None)
    return VerbPattern(tuple(forms), (*before, *verb.before), (*verb.after, *after), first, reverse, where)
