"""Actor tables: countries, organisations, people and sector words, read from TSV files.

Every file is UTF-8, tab-separated, with a header row naming its columns (any order); blank lines
and lines starting with ``#`` are skipped; a field holding several variants separates them with
``|``. The code knows the columns, never the content: adding an actor is a data change.

- ``countries.tsv``: ``iso3``, ``cameo``, ``name``, ``names`` (other names, short and former ones),
  ``adjectives`` (``Russian``, ``North Korean``), ``capitals`` and ``metonyms`` (seats of
  government: ``the Kremlin``). Capitals and metonyms stand for the government.
- ``organisations.tsv`` and ``armed_groups.tsv`` (the *organisation* format): ``org`` (acronym of an
  international organisation, may be empty), ``cameo``, ``name``, ``variants``, ``country``, ``sector``.
- ``people.tsv`` (the *people* format): ``name``, ``aliases``, ``country``, ``org``, ``sector``,
  ``role``, ``leader`` (``yes`` when the role makes its holder the country's leader), ``start``,
  ``end`` (``YYYY-MM-DD``; an empty end means still in office), and optionally ``cameo``: the CAMEO
  actor code of the holder in that role, which then need not name a known country or organisation
  (``HOBGOV``); without it the code is built from country and sector. One row per role held.
- ``geo_features.tsv``: ``words``: capitalised words that make a name next to them a place, not an
  actor (``the South China Sea``, ``the Gulf of Mexico``).
- ``sectors.tsv``: ``words``, ``sector`` (PLOVER), ``cameo`` (CAMEO agent code), ``role`` (the office
  in ``people.tsv`` the word names, e.g. ``president``; ``leader`` asks for the country's leader).

Variants written in capitals (``US``, ``WHO``, ``PM``) only match text in capitals.

A user's file (``actors_files``) takes precedence over the bundled tables for the names, people,
organisations and sector words it lists: its row replaces what the bundled tables say of them. Within
the user's files a name or word still has one meaning only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Literal

from eventwire.errors import DataError

NameKind = Literal["person", "org", "country", "metonym", "capital", "adjective"]

BUNDLED = ("countries.tsv", "organisations.tsv", "armed_groups.tsv", "people.tsv", "sectors.tsv")
GEO_FEATURES = "geo_features.tsv"

COUNTRY_COLUMNS = ("iso3", "cameo", "name", "names", "adjectives", "capitals", "metonyms")
ORG_COLUMNS = ("org", "cameo", "name", "variants", "country", "sector")
PEOPLE_COLUMNS = ("name", "aliases", "country", "org", "sector", "role", "leader", "start", "end")
PEOPLE_CAMEO_COLUMNS = (*PEOPLE_COLUMNS, "cameo")  # the people format with its optional column
SECTOR_COLUMNS = ("words", "sector", "cameo", "role")

_CODE3 = re.compile(r"[A-Z]{3}")
_CAMEO = re.compile(r"[A-Z]{3,15}")
_ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9+.\-]*")


@dataclasses.dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    cameo: str
    name: str


@dataclasses.dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    cameo: str
    org: str | None
    country: str | None
    sector: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class Role:
    """One office a person held, from ``start`` to ``end`` (None: still held)."""

    role: str
    country: str | None
    org: str | None
    sector: str | None
    leader: bool
    start: dt.date
    end: dt.date | None
    cameo: str | None = None  # the holder's CAMEO code in this role, when the file gives it

    def held_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def distance(self, day: dt.date) -> int:
        """Days between ``day`` and this term (0 inside it)."""
        if day < self.start:
            return (self.start - day).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0


@dataclasses.dataclass(frozen=True, slots=True)
class Person:
    name: str
    roles: tuple[Role, ...]

    def role_on(self, day: dt.date) -> Role | None:
        """The role held on ``day`` (the latest begun when several), else None."""
        held = [r for r in self.roles if r.held_on(day)]
        return max(held, key=lambda r: (r.leader, r.start)) if held else None

    def nearest_role(self, day: dt.date) -> Role:
        return min(self.roles, key=lambda r: r.distance(day))


@dataclasses.dataclass(frozen=True, slots=True)
class SectorWord:
    sector: str
    cameo: str
    role: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class Name:
    """What one written variant names: ``key`` is an iso3, an organisation name or a person name."""

    kind: NameKind
    key: str
    exact: str | None  # the variant itself when it must match case exactly


@dataclasses.dataclass(slots=True)
class ActorTables:
    """All actor data, indexed for the recognizer."""

    countries: dict[str, Country] = dataclasses.field(default_factory=dict)
    organisations: dict[str, Organisation] = dataclasses.field(default_factory=dict)
    people: dict[str, Person] = dataclasses.field(default_factory=dict)
    names: dict[str, list[Name]] = dataclasses.field(default_factory=dict)
    sectors: dict[str, tuple[SectorWord, str | None]] = dataclasses.field(default_factory=dict)
    # What the bundled tables defined and no user file has replaced yet: name variants and sector
    # words (lower case), organisation and person names.
    bundled: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    geo_features: frozenset[str] = frozenset()

    def holders(self, owner: str, role: str, day: dt.date) -> list[Person]:
        """Who holds ``role`` (``leader``: a leading role) for a country or org on ``day``, newest first."""
        found: list[tuple[dt.date, Person]] = []
        for person in self.people.values():
            starts = [
                r.start
                for r in person.roles
                if owner in (r.country, r.org)
                and r.held_on(day)
                and (r.role == role or (role == "leader" and r.leader))
            ]
            if starts:
                found.append((max(starts), person))
        return [person for _, person in sorted(found, key=lambda pair: pair[0], reverse=True)]


def load_tables(actors_files: Sequence[str | Path] = ()) -> ActorTables:
    """Read the bundled actor tables and then ``actors_files`` (people, organisation or sectors format).

    Raises:
        DataError: a file is missing, or a row is malformed (names the file and line).
    """
    tables = ActorTables()
    data = resources.files("eventwire").joinpath("data")
    for name in BUNDLED:
        entry = data.joinpath(name)
        if name == "armed_groups.tsv" and not entry.is_file():
            continue
        _load_text(tables, str(entry), entry.read_text(encoding="utf-8"), expected=name)
    tables.geo_features = frozenset(_geo_features(data.joinpath(GEO_FEATURES).read_text(encoding="utf-8")))
    tables.bundled = (
        {("name", v) for v in tables.names}
        | {("sector", w) for w in tables.sectors}
        | {("org", o) for o in tables.organisations}
        | {("person", p) for p in tables.people}
    )
    for path in actors_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataError(str(path), None, f"cannot read actors file ({exc})") from exc
        _load_text(tables, str(path), text, expected=None)
    return tables


def _load_text(tables: ActorTables, path: str, text: str, *, expected: str | None) -> None:
    lines = list(_lines(text))
    if not lines:
        raise DataError(path, None, "empty file: a header row is required")
    header_no, header = lines[0]
    columns = tuple(c.strip() for c in header.split("\t"))
    kinds = {
        "countries.tsv": COUNTRY_COLUMNS,
        "organisations.tsv": ORG_COLUMNS,
        "armed_groups.tsv": ORG_COLUMNS,
        "people.tsv": PEOPLE_COLUMNS,
        "sectors.tsv": SECTOR_COLUMNS,
    }
    allowed = [kinds[expected]] if expected else [PEOPLE_COLUMNS, ORG_COLUMNS, SECTOR_COLUMNS]
    if PEOPLE_COLUMNS in allowed:
        allowed.append(PEOPLE_CAMEO_COLUMNS)
    schema = next((s for s in allowed if set(s) == set(columns) and len(s) == len(columns)), None)
    if schema is None:
        wanted = " or ".join("\t".join(s) for s in allowed if s is not PEOPLE_CAMEO_COLUMNS)
        raise DataError(path, header_no, f"header must name the columns {wanted}")
    rows = (_row(path, no, line, columns) for no, line in lines[1:])
    if schema is COUNTRY_COLUMNS:
        _add_countries(tables, path, rows)
    elif schema is ORG_COLUMNS:
        _add_organisations(tables, path, rows)
    elif schema in (PEOPLE_COLUMNS, PEOPLE_CAMEO_COLUMNS):
        _add_people(tables, path, rows)
    else:
        _add_sectors(tables, path, rows)


def _geo_features(text: str) -> Iterator[str]:
    lines = list(_lines(text))
    if not lines or lines[0][1].strip() != "words":
        raise DataError(GEO_FEATURES, lines[0][0] if lines else None, "header must name the column words")
    for _, line in lines[1:]:
        yield from _variants(line)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for no, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield no, line


def _row(path: str, no: int, line: str, columns: tuple[str, ...]) -> tuple[int, dict[str, str]]:
    fields = line.split("\t")
    if len(fields) > len(columns):
        raise DataError(path, no, f"{len(fields)} fields, the header has {len(columns)}")
    fields += [""] * (len(columns) - len(fields))
    return no, {c: f.strip() for c, f in zip(columns, fields, strict=True)}


def _variants(field: str) -> list[str]:
    return [v.strip() for v in field.split("|") if v.strip()]


def _need(
    path: str, no: int, row: dict[str, str], column: str, pattern: re.Pattern[str] | None = None
) -> str:
    value = row[column]
    if not value:
        raise DataError(path, no, f"column {column!r} is empty")
    if pattern is not None and not pattern.fullmatch(value):
        raise DataError(path, no, f"column {column!r}: {value!r} is malformed")
    return value


def _optional(path: str, no: int, row: dict[str, str], column: str, pattern: re.Pattern[str]) -> str | None:
    return _need(path, no, row, column, pattern) if row[column] else None


def _replaces_bundled(tables: ActorTables, kind: str, key: str) -> bool:
    """Whether a user file's entry replaces the bundled one of this kind and key (once: then it is
    the user's own)."""
    if (kind, key) in tables.bundled:
        tables.bundled.discard((kind, key))
        return True
    return False


def _add_name(tables: ActorTables, path: str, no: int, variant: str, name: Name) -> None:
    if _replaces_bundled(tables, "name", variant.lower()):
        del tables.names[variant.lower()]
    exact = variant if variant.isupper() and sum(c.isalpha() for c in variant) >= 2 else None
    entry = dataclasses.replace(name, exact=exact)
    known = tables.names.setdefault(variant.lower(), [])
    for other in known:
        clash = other.kind != "person" and name.kind != "person" and other.key != name.key
        if clash and other.exact == entry.exact:
            raise DataError(path, no, f"{variant!r} already names {other.key!r}")
    if entry not in known:
        known.append(entry)


def _add_countries(tables: ActorTables, path: str, rows: Iterable[tuple[int, dict[str, str]]]) -> None:
    for no, row in rows:
        iso3 = _need(path, no, row, "iso3", _CODE3)
        if iso3 in tables.countries:
            raise DataError(path, no, f"country {iso3} is listed twice")
        country = Country(iso3, _need(path, no, row, "cameo", _CODE3), _need(path, no, row, "name"))
        tables.countries[iso3] = country
        columns: tuple[tuple[str, NameKind], ...] = (
            ("name", "country"),
            ("names", "country"),
            ("metonyms", "metonym"),
            ("capitals", "capital"),
            ("adjectives", "adjective"),
        )
        for column, kind in columns:
            for variant in _variants(row[column]):
                _add_name(tables, path, no, variant, Name(kind, iso3, None))
                if kind == "adjective" and variant[-1] in "ni":  # plural demonyms: Russians, Iraqis
                    _add_name(tables, path, no, variant + "s", Name(kind, iso3, None))


def _add_organisations(tables: ActorTables, path: str, rows: Iterable[tuple[int, dict[str, str]]]) -> None:
    for no, row in rows:
        name = _need(path, no, row, "name")
        country = _optional(path, no, row, "country", _CODE3)
        if country is not None and country not in tables.countries:
            raise DataError(path, no, f"unknown country {country}")
        organisation = Organisation(
            name=name,
            cameo=_need(path, no, row, "cameo", _CAMEO),
            org=_optional(path, no, row, "org", _ACRONYM),
            country=country,
            sector=_optional(path, no, row, "sector", _CODE3),
        )
        if name in tables.organisations and not _replaces_bundled(tables, "org", name):
            raise DataError(path, no, f"organisation {name!r} is listed twice")
        tables.organisations[name] = organisation
        for variant in [name, *_variants(row["variants"])]:
            _add_name(tables, path, no, variant, Name("org", name, None))


def _add_people(tables: ActorTables, path: str, rows: Iterable[tuple[int, dict[str, str]]]) -> None:
    acronyms = {o.org for o in tables.organisations.values() if o.org}
    for no, row in rows:
        name = _need(path, no, row, "name")
        country = _optional(path, no, row, "country", _CODE3)
        org = _optional(path, no, row, "org", _ACRONYM)
        cameo = _optional(path, no, row, "cameo", _CAMEO) if "cameo" in row else None
        if country is None and org is None and cameo is None:
            raise DataError(path, no, "a person needs a country, an org or a cameo code")
        if country is not None and country not in tables.countries:
            raise DataError(path, no, f"unknown country {country}")
        if org is not None and org not in acronyms:
            raise DataError(path, no, f"unknown organisation {org}")
        if row["leader"] not in ("", "yes", "no"):
            raise DataError(path, no, f"column 'leader' must be yes, no or empty, not {row['leader']!r}")
        start = _date(path, no, _need(path, no, row, "start"))
        end = _date(path, no, row["end"]) if row["end"] else None
        if end is not None and end < start:
            raise DataError(path, no, f"end {end} is before start {start}")
        role = Role(
            role=_need(path, no, row, "role"),
            country=country,
            org=org,
            sector=_optional(path, no, row, "sector", _CODE3),
            leader=row["leader"] == "yes",
            start=start,
            end=end,
            cameo=cameo,
        )
        person = None if _replaces_bundled(tables, "person", name) else tables.people.get(name)
        tables.people[name] = Person(name, (*person.roles, role) if person else (role,))
        for variant in [name, *_variants(row["aliases"])]:
            _add_name(tables, path, no, variant, Name("person", name, None))


def _add_sectors(tables: ActorTables, path: str, rows: Iterable[tuple[int, dict[str, str]]]) -> None:
    for no, row in rows:
        word = SectorWord(
            sector=_need(path, no, row, "sector", _CODE3),
            cameo=_need(path, no, row, "cameo", _CAMEO),
            role=row["role"] or None,
        )
        variants = _variants(_need(path, no, row, "words"))
        for variant in variants:
            if variant.lower() in tables.sectors and not _replaces_bundled(tables, "sector", variant.lower()):
                raise DataError(path, no, f"sector word {variant!r} is listed twice")
            exact = variant if variant.isupper() else None
            tables.sectors[variant.lower()] = (word, exact)


def _date(path: str, no: int, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DataError(path, no, f"{value!r} is not a date (YYYY-MM-DD)") from None
