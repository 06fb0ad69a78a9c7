"""Import PETRARCH/Phoenix actor and agent dictionaries into eventwire's actor files.

The dictionaries are plain text; ``#`` starts a comment and lines starting with ``<`` (``<!-- ... -->``,
also over several lines) are skipped.

- Actors: an entry is a phrase (words joined by ``_`` or spaces) on a line of its own, its synonyms on
  the lines after it starting with ``+``, and CAMEO codes in brackets, on any of these lines or on
  indented lines after them. A code may carry a date restriction: ``[USAGOV >20090120]`` (from that day
  on), ``[USAELI <20010120]`` (before it), ``[HOBGOV 20121109-20130119]`` (from the first day to the
  second, both included); dates are ``YYYYMMDD`` or ``YYMMDD`` (years 00-30 are 20xx). A code without dates applies
  when no dated code does; of the dated codes, the first listed that applies wins. ``[---]`` is no code.
- Agents: ``PHRASE {PLURALS} [~CODE]`` (``{}``: no irregular plural); ``!SET! = A, B`` defines a
  substitution set used inside phrases (``FOREIGN_!MINIST!``); ``[NGO~]`` is a code written before
  the country's.

Conversion into the formats of :mod:`eventwire.nlp.actor_data`: an actor whose code does not change
with time becomes an *organisation* row (a code starting with a CAMEO country code of
``countries.tsv`` gives its ``country`` and, when the next three letters are a CAMEO role or sector
code, its ``sector`` (``RUSMIL``: RUS, MIL; the rest of a longer code is kept in ``cameo``); a code equal
to that of a bundled international organisation gives its ``org``; any other code, fictional ones
included, is kept as ``cameo`` alone). An actor with dated codes becomes *people* rows, one per period,
each with its whole code in the optional ``cameo`` column (so fictional and unlisted codes keep their
dates) and, where the code says them, its country, organisation and sector. Agents become *sector*
rows. Names and words eventwire already knows with the same code (and people it knows) are left to
the bundled tables; those it codes otherwise are written, and take precedence over the bundled
meaning when the files are loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from eventwire.errors import DataError
from eventwire.nlp.actor_data import (
    ORG_COLUMNS,
    PEOPLE_CAMEO_COLUMNS,
    SECTOR_COLUMNS,
    ActorTables,
    load_tables,
)
from eventwire.tables import write_table

__all__ = [
    "ActorEntry",
    "AgentEntry",
    "Imported",
    "Restriction",
    "content_lines",
    "import_actors",
    "import_agents",
    "people_path",
    "read_actor_dictionary",
    "read_agent_dictionary",
    "write_imported",
]

_SINCE_ALWAYS = dt.date.min  # the start written for a period open in the past
_CENTURY_PIVOT = 30  # two-digit years up to this are 20xx, as in PETRARCH's data
_CODE = re.compile(r"[A-Z]{3,15}")
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_RESTRICTION = re.compile(
    r"(?P<code>[^\s<>]+)\s*(?:(?P<op>[<>])\s*(?P<day>\d+)|(?P<lo>\d+)\s*-\s*(?P<hi>\d+)|(?P<bare>\d+))?"
)
_AGENT = re.compile(r"(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")
_SET = re.compile(r"(?P<name>![A-Za-z]+!)\s*=\s*(?P<values>.*)")
_SET_USE = re.compile(r"![A-Za-z]+!")
_PARENS = re.compile(r"\(([^)]*)\)")
# CAMEO's role and sector codes: what may follow a country code (others there name a region or group).
_CAMEO_SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "INS",
        "JUD",
        "MIL",
        "OPP",
        "PTY",
        "REB",
        "SEP",
        "SPY",
        "UAF",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "DEV",
        "EDU",
        "ELI",
        "ENV",
        "HLH",
        "HRI",
        "LAB",
        "LEG",
        "MED",
        "REF",
        "MOD",
        "RAD",
    ]
)
_IGO = "IGO"  # codes of intergovernmental organisations; others (NGODEV, MNC) name no single one
_LOWER_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "la", "le", "du"})


@dataclasses.dataclass(frozen=True, slots=True)
class Restriction:
    """A CAMEO code (None: no actor) and the days it applies to, ``start`` to ``end`` inclusive."""

    code: str | None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclasses.dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of a dictionary: its phrases as written (the first is its name) and its codes."""

    phrases: tuple[str, ...]
    codes: tuple[Restriction, ...]
    where: str  # path:line of the entry


@dataclasses.dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent: its phrases (substitution sets expanded, plurals added) and its CAMEO agent code."""

    phrases: tuple[str, ...]
    code: str
    where: str


@dataclasses.dataclass(frozen=True, slots=True)
class Imported:
    """Rows in eventwire's formats (fields in the order of the format's columns), and what was left out.

    ``kind`` says which dictionaries they come from; ``known`` counts names left to the bundled tables
    (or to an earlier entry);
    ``notes`` say, with file and line, what could not be carried over as written.
    """

    kind: Literal["actors", "agents"] = "actors"
    organisations: tuple[tuple[str, ...], ...] = ()
    people: tuple[tuple[str, ...], ...] = ()
    sectors: tuple[tuple[str, ...], ...] = ()
    known: int = 0
    notes: tuple[str, ...] = ()


# -- reading ----------------------------------------------------------------------------------


def read_actor_dictionary(path: str | Path) -> tuple[list[ActorEntry], list[str]]:
    """Read a PETRARCH actor dictionary.

    Returns:
        The entries, and notes (``path:line: reason``) on lines that could not be read.

    Raises:
        DataError: the file cannot be read.
    """
    entries: list[ActorEntry] = []
    notes: list[str] = []
    phrases: list[str] = []
    codes: list[Restriction] = []
    bracketed = False  # whether the entry wrote a code, read or not
    where = ""

    def close() -> None:
        if codes:
            entries.append(ActorEntry(tuple(phrases), tuple(codes), where))
        if bracketed:
            phrases.clear()
            codes.clear()
        # an entry written without any code shares the codes of the next (IVO_JOSIPOVIC_, JOSIPOVIC_)

    for no, line in content_lines(path):
        head = _BRACKETS.split(line, maxsplit=1)[0].strip()
        if line.startswith("+"):
            if not phrases:
                notes.append(f"{path}:{no}: a synonym without an entry")
                continue
            head = head[1:].strip()
        elif not line.startswith("["):
            close()
            bracketed = False
            where = where if phrases else f"{path}:{no}"
        if head:
            phrases.append(head)
        bracketed = bracketed or "[" in line
        for inner in _BRACKETS.findall(line):
            restriction = _restriction(inner, f"{path}:{no}", notes)
            if restriction is not None:
                codes.append(restriction)
    close()
    if phrases and not bracketed:
        notes.append(f"{where}: {phrases[0]!r} has no code")
    return entries, notes


def read_agent_dictionary(path: str | Path) -> tuple[list[AgentEntry], list[str]]:
    """Read a PETRARCH agent dictionary.

    Returns:
        The entries, and notes (``path:line: reason``) on lines that could not be read.

    Raises:
        DataError: the file cannot be read.
    """
    entries: list[AgentEntry] = []
    notes: list[str] = []
    sets: dict[str, list[str]] = {}
    for no, line in content_lines(path):
        where = f"{path}:{no}"
        if match := _SET.fullmatch(line):
            sets[match["name"].upper()] = [v.strip() for v in match["values"].split(",") if v.strip()]
            continue
        match = _AGENT.match(line)
        if match is None:
            notes.append(f"{where}: no agent code in {line!r}")
            continue
        raw = match["code"].replace(" ", "").upper()
        code = raw.replace("~", "") if raw.count("~") <= 1 and "~" not in raw[1:-1] else ""
        if not _CODE.fullmatch(code):
            notes.append(f"{where}: {match['code']!r} is not an agent code")
            continue
        written = [match["phrase"], *(match["plurals"] or "").replace(",", " ").split()]
        unknown = sorted({s.upper() for p in written for s in _SET_USE.findall(p)} - set(sets))
        if unknown:
            notes.append(f"{where}: unknown substitution set {', '.join(unknown)}")
            continue
        phrases = [p for w in written for p in _expand(w, sets)]
        entries.append(AgentEntry(tuple(dict.fromkeys(phrases)), code, where))
    return entries, notes


def content_lines(path: str | Path) -> Iterable[tuple[int, str]]:
    """Numbered lines without comments, blank lines and ``<...>`` markup."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(str(path), None, f"cannot read dictionary ({exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    in_markup = False
    for no, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if in_markup or stripped.startswith("<"):
            in_markup = (in_markup or stripped.startswith("<!--")) and "-->" not in stripped
            continue
        line = raw.split("#", 1)[0].strip()
        if line:
            yield no, line


def _restriction(inner: str, where: str, notes: list[str]) -> Restriction | None:
    match = _RESTRICTION.fullmatch(inner.strip())
    if match is None:
        notes.append(f"{where}: cannot read the code [{inner}]")
        return None
    code = match["code"].upper()
    if set(code) == {"-"}:
        code_or_none: str | None = None
    elif _CODE.fullmatch(code):
        code_or_none = code
    elif "/" in code and _CODE.fullmatch(code.split("/")[0]):
        notes.append(f"{where}: of the codes {code} only the first is kept")
        code_or_none = code.split("/")[0]
    else:
        notes.append(f"{where}: {code!r} is not a CAMEO actor code")
        return None
    try:
        if match["op"] == "<":
            return Restriction(code_or_none, None, _day(match["day"]) - dt.timedelta(days=1))
        if match["op"] == ">":
            return Restriction(code_or_none, _day(match["day"]), None)
        if match["lo"]:
            start, end = _day(match["lo"]), _day(match["hi"])  # both days included, as PETRARCH reads them
            if end < start:
                notes.append(f"{where}: the period of [{inner}] ends before it starts")
                return None
            return Restriction(code_or_none, start, end)
        if match["bare"]:
            notes.append(f"{where}: [{inner}] has a date without <, > or -; read as from that day on")
            return Restriction(code_or_none, _day(match["bare"]), None)
    except ValueError:
        notes.append(f"{where}: [{inner}] has a malformed date")
        return None
    return Restriction(code_or_none)


def _day(digits: str) -> dt.date:
    if len(digits) == 8:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year <= _CENTURY_PIVOT else 1900
        return dt.date(year, int(digits[2:4]), int(digits[4:]))
    raise ValueError(digits)


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    found = _SET_USE.search(phrase)
    if found is None:
        return [phrase]
    head, tail = phrase[: found.start()], phrase[found.end() :]
    return [p for value in sets[found.group().upper()] for p in _expand(head + value + tail, sets)]


# -- converting -------------------------------------------------------------------------------


def import_actors(paths: Sequence[str | Path], *, tables: ActorTables | None = None) -> Imported:
    """Convert PETRARCH actor dictionaries into organisation and people rows.

    Args:
        paths: actor dictionaries, read in order (the first to name an actor wins).
        tables: the tables the rows must load beside (default: the bundled ones).

    Raises:
        DataError: a dictionary cannot be read.
    """
    tables = tables if tables is not None else load_tables()
    codes = _CodeMap(tables)
    persons = {name.lower() for name in tables.people}
    bundled = _bundled_codes(tables)
    taken: set[str] = set()  # lower-case names an earlier entry imported
    organisations: list[tuple[str, ...]] = []
    people: list[tuple[str, ...]] = []
    notes: list[str] = []
    known = 0
    for path in paths:
        entries, read_notes = read_actor_dictionary(path)
        notes += read_notes
        for entry in entries:
            names = list(dict.fromkeys(n for p in entry.phrases for n in _names(p)))
            periods = _periods(entry.codes)
            code = _current(periods) if periods else None
            # An acronym in parentheses only says which entry is meant: it overrides no bundled name.
            acronyms = {n for p in entry.phrases for n in _names(p)[1:]}
            fresh = [n for n in names if _fresh(n, code, taken, bundled, override=n not in acronyms)]
            if names[0].lower() in persons:  # a person already known: the first word on them stands
                fresh = []
            known += len(names) - len(fresh)
            if periods:  # the first entry to name an actor wins, also when the bundled tables keep it
                taken.update(n.lower() for n in names)
            if not fresh or not periods:
                continue
            place = _looked_up(names[0], bundled) is not None  # a dated country or place name: not a person
            rows = None if place else _people_rows(names[0], fresh, periods, codes)
            if rows is not None:
                people += rows
                persons.add(names[0].lower())
                taken.add(names[0].lower())
                continue
            assert code is not None
            heads = [fresh] if fresh[0] == names[0] else [[n] for n in fresh]
            for variants in heads:
                organisations.append(codes.organisation_row(variants, code, _identity(variants, tables)))
            taken.update(n.lower() for n in fresh)
    return Imported(organisations=tuple(organisations), people=tuple(people), known=known, notes=tuple(notes))


def import_agents(paths: Sequence[str | Path], *, tables: ActorTables | None = None) -> Imported:
    """Convert PETRARCH agent dictionaries into sector rows (sector: the code's first three letters).

    Raises:
        DataError: a dictionary cannot be read.
    """
    tables = tables if tables is not None else load_tables()
    taken: set[str] = set()
    sectors: list[tuple[str, ...]] = []
    notes: list[str] = []
    known = 0
    for path in paths:
        entries, read_notes = read_agent_dictionary(path)
        notes += read_notes
        for entry in entries:
            words = list(dict.fromkeys(" ".join(_words(p)).lower() for p in entry.phrases))
            fresh = [w for w in words if w and w not in taken]
            fresh = [w for w in fresh if w not in tables.sectors or tables.sectors[w][0].cameo != entry.code]
            known += len(words) - len(fresh)
            # A word the bundled tables code otherwise is written, keeping the office it names.
            by_role: dict[str, list[str]] = {}
            for word in fresh:
                bundled = tables.sectors[word][0] if word in tables.sectors else None
                role = bundled.role if bundled and bundled.sector == entry.code[:3] else None
                by_role.setdefault(role or "", []).append(word)
            for role, group in by_role.items():
                sectors.append(("|".join(group), entry.code[:3], entry.code, role))
            taken.update(fresh)
    return Imported(kind="agents", sectors=tuple(sectors), known=known, notes=tuple(notes))


class _CodeMap:
    """What a CAMEO actor code says in eventwire's terms, from the bundled countries and organisations."""

    def __init__(self, tables: ActorTables) -> None:
        self.iso3 = {c.cameo: c.iso3 for c in tables.countries.values()}
        self.sectors = _CAMEO_SECTORS | {word.sector for word, _ in tables.sectors.values()}
        self.org_of: dict[str, str] = {}
        for organisation in tables.organisations.values():
            if organisation.org and organisation.cameo.startswith(_IGO):
                self.org_of.setdefault(organisation.cameo, organisation.org)

    def country(self, code: str) -> tuple[str | None, str | None]:
        """The country's ISO3 and the sector that follow in ``code`` (``RUSMIL``: RUS, MIL)."""
        iso3 = self.iso3.get(code[:3])
        if iso3 is None:
            return None, None
        sector = code[3:6]
        return iso3, sector if sector in self.sectors else None

    def org(self, code: str, *, prefix: bool) -> str | None:
        """The acronym of the bundled organisation with this code (or, with ``prefix``, a code it begins with)."""
        ends = range(len(code) // 3 * 3, 2, -3) if prefix else ()
        for end in (len(code), *ends):
            if org := self.org_of.get(code[:end]):
                return org
        return None

    def organisation_row(
        self, variants: list[str], code: str, known: tuple[str | None, str | None] = (None, None)
    ) -> tuple[str, ...]:
        """An organisation row. ``known`` is the country and organisation acronym the bundled tables
        give the name: the dictionary codes the same actor otherwise, and it keeps its organisation,
        and its country where the code names none."""
        iso3, sector = self.country(code)
        org = None if iso3 else self.org(code, prefix=False)
        if known[1] is not None:  # a bundled organisation's name: the same organisation
            iso3, org = iso3 or known[0], known[1]
        elif iso3 is None and org is None:
            iso3 = known[0]
        fields = {
            "org": org or "",
            "cameo": code,
            "name": variants[0],
            "variants": "|".join(variants[1:]),
            "country": iso3 or "",
            "sector": sector or "",
        }
        return tuple(fields[c] for c in ORG_COLUMNS)


def _people_rows(
    name: str, fresh: list[str], periods: list[Restriction], codes: _CodeMap
) -> list[tuple[str, ...]] | None:
    """People rows for an actor whose code changes with time; None when it should stay undated."""
    if (len(periods) == 1 and not periods[0].dated) or name not in fresh:
        return None
    rows = []
    for period in periods:
        assert period.code is not None
        iso3, sector = codes.country(period.code)
        org = None if iso3 else codes.org(period.code, prefix=True)
        if iso3 is None and org is None and period.code[3:6] in codes.sectors:
            sector = period.code[3:6]  # the role of an actor eventwire does not know (HOBGOV)
        fields = {
            "name": name,
            "aliases": "|".join(n for n in fresh if n != name),
            "country": iso3 or "",
            "org": org or "",
            "sector": sector or "",
            "role": period.code,
            "leader": "",
            "start": (period.start or _SINCE_ALWAYS).isoformat(),
            "end": period.end.isoformat() if period.end else "",
            "cameo": period.code,
        }
        rows.append(tuple(fields[c] for c in PEOPLE_CAMEO_COLUMNS))
    return rows


def _periods(codes: Sequence[Restriction]) -> list[Restriction]:
    """The code on each day, as consecutive periods with a code (PETRARCH's first-match rule)."""
    dated = [c for c in codes if c.dated]
    default = next((c.code for c in codes if not c.dated), None)
    if not dated:
        return [Restriction(default)] if default else []
    one_day = dt.timedelta(days=1)
    points = sorted({d for c in dated for d in (c.start, c.end + one_day if c.end else None) if d})
    periods: list[Restriction] = []
    for start, nxt in zip([None, *points], [*points, None], strict=True):
        day = start if start is not None else points[0] - one_day
        code = next((c.code for c in dated if c.covers(day)), default)
        end = nxt - one_day if nxt is not None else None
        if periods and periods[-1].code == code:
            periods[-1] = dataclasses.replace(periods[-1], end=end)
        else:
            periods.append(Restriction(code, start, end))
    return [p for p in periods if p.code is not None]


def _bundled_codes(tables: ActorTables) -> dict[str, frozenset[str | None]]:
    """The CAMEO codes each name of the bundled tables stands for (None for a person, whose code
    changes with time): a capital or seat of government its country's government."""
    codes: dict[str, frozenset[str | None]] = {}
    for variant, names in tables.names.items():
        found: set[str | None] = set()
        for name in names:
            if name.kind == "person":
                found.add(None)
            elif name.kind == "org":
                found.add(tables.organisations[name.key].cameo)
            else:
                cameo = tables.countries[name.key].cameo
                found.add(cameo + "GOV" if name.kind in ("capital", "metonym") else cameo)
        codes[variant] = frozenset(found)
    return codes


def _identity(variants: Sequence[str], tables: ActorTables) -> tuple[str | None, str | None]:
    """The country and organisation acronym the bundled tables give the first of the variants that
    names one state or organisation there."""
    for name in variants:
        found = {
            (o.country, o.org) if n.kind == "org" and (o := tables.organisations[n.key]) else (n.key, None)
            for n in tables.names.get(_key(name), tables.names.get(name.lower(), []))
            if n.kind != "person"
        }
        if len(found) == 1:
            return found.pop()
    return None, None


def _looked_up(name: str, bundled: dict[str, frozenset[str | None]]) -> frozenset[str | None] | None:
    return bundled.get(_key(name), bundled.get(name.lower()))


def _fresh(
    name: str,
    code: str | None,
    taken: set[str],
    bundled: dict[str, frozenset[str | None]],
    *,
    override: bool,
) -> bool:
    """Whether to write a name: one no earlier entry imported, and which the bundled tables do not
    know or, with ``override``, know otherwise (not as a person, not with this code)."""
    if _key(name) in taken or name.lower() in taken:
        return False
    known = _looked_up(name, bundled)
    return known is None or (override and None not in known and code not in known)


def _current(periods: Sequence[Restriction]) -> str | None:
    """The code of today, else of the latest period."""
    today = dt.date.today()
    now = [p for p in periods if p.covers(today)]
    latest = max(periods, key=lambda p: p.start or _SINCE_ALWAYS)
    return (now[0] if now else latest).code


def _key(name: str) -> str:
    """How a name is looked up; the matcher finds ``the United States`` by ``United States``."""
    lower = name.lower()
    return lower[4:] if lower.startswith("the ") else lower


def _names(phrase: str) -> list[str]:
    """The written forms of a PETRARCH phrase: the phrase, and acronyms in parentheses (``ARMY_(AAIA)``)."""
    acronyms = [a for a in (" ".join(_words(p)) for p in _PARENS.findall(phrase)) if a]
    words = _words(_PARENS.sub(" ", phrase))
    if not words:
        return [a.upper() for a in acronyms]
    single = len(words) == 1
    text = " ".join(_cased(w, first=i == 0, single=single) for i, w in enumerate(words))
    return [text, *(a.upper() for a in acronyms)]


def _words(phrase: str) -> list[str]:
    return [w.strip("-") for w in re.split(r"[_\s|]+", phrase) if w.strip("-")]


def _cased(word: str, *, first: bool, single: bool) -> str:
    """A word as eventwire writes it: acronyms stay in capitals (then they match only in capitals)."""
    letters = [c for c in word if c.isalpha()]
    vowels = sum(c in "AEIOUYaeiouy" for c in letters)
    if "." in word or (len(letters) >= 2 and vowels == 0) or (single and len(letters) <= 3):
        return word.upper()
    if word.lower() in _LOWER_WORDS and not first:
        return word.lower()
    return "-".join("'".join(s[:1].upper() + s[1:].lower() for s in p.split("'")) for p in word.split("-"))


# -- writing ----------------------------------------------------------------------------------


def beside(output: str | Path, tag: str) -> Path:
    """A file written next to ``output`` with ``tag`` before its suffix: ``a.tsv``, people -> ``a.people.tsv``."""
    path = Path(output)
    return path.with_name(f"{path.stem}.{tag}{path.suffix or '.tsv'}")


def people_path(output: str | Path) -> Path:
    """Where the people rows of an actor import go: ``phoenix.tsv`` → ``phoenix.people.tsv``."""
    return beside(output, "people")


def write_imported(imported: Imported, output: str | Path) -> list[Path]:
    """Write imported rows: sectors, or organisations to ``output`` and people to :func:`people_path`.

    Returns:
        The files written, each a file for ``--actors`` / ``Settings.actors_files``.

    Raises:
        DataError: a file cannot be written.
    """
    output = Path(output)
    files: list[tuple[Path, tuple[str, ...], tuple[tuple[str, ...], ...]]]
    if imported.kind == "agents":
        files = [(output, SECTOR_COLUMNS, imported.sectors)]
    else:
        files = [(output, ORG_COLUMNS, imported.organisations)]
        if imported.people:
            files.append((people_path(output), PEOPLE_CAMEO_COLUMNS, imported.people))
    for path, columns, rows in files:
        write_table(path, columns, rows)
    return [path for path, _, _ in files]
