"""The parts the actor recognizer composes (matched atoms, resolved actors, per-doc state) and the
token tests it uses: titles before names, entities that hide a name, definite descriptions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from spacy.tokens import Doc, Span

from eventwire.nlp.actor_data import Name, Person, SectorWord

CONJUNCTIONS = frozenset({"and", "or", "nor"})
# Words that join two names a tagger may read as one entity (``Osgiliath with Gondor``).
JOINING = CONJUNCTIONS | {"with", "against", "versus", "vs", "vs.", "at", "to", "from", "into"}
PAST = frozenset({"former", "ex", "late", "then"})  # a title no longer held: ``former President``


@dataclasses.dataclass(frozen=True, slots=True)
class Atom:
    """A matched name or sector word, before composition."""

    start: int
    end: int
    kind: str  # a NameKind or "sector"
    names: tuple[Name, ...] = ()
    sector: SectorWord | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Actor:
    """What a span resolves to, apart from its text and offsets."""

    name: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    cameo: str | None = None


@dataclasses.dataclass(slots=True)
class DocState:
    day: dt.date
    atoms: list[Atom]
    atom_of: dict[int, int]
    consumed: set[int] = dataclasses.field(default_factory=set)
    mentioned: list[Person] = dataclasses.field(default_factory=list)
    surnames: dict[str, Actor] = dataclasses.field(default_factory=dict)
    found: list[tuple[int, int, Actor]] = dataclasses.field(default_factory=list)


def titled_name(doc: Doc, state: DocState, n: int) -> bool:
    """Whether a name the tables code as a state or group is titled like a person: a sector word
    right before it (``Prime Minister Romendacil``, ``the minister Calimehtar``) that is capitalised
    as a title or joined to the name in the parse."""
    atom = state.atoms[n]
    if (
        atom.kind != "org"
        or atom.start == 0
        or not all(t.pos_ == "PROPN" for t in doc[atom.start : atom.end])
    ):
        return False
    before = state.atom_of.get(atom.start - 1)
    if before is None or state.atoms[before].kind != "sector":
        return False
    last, head = doc[atom.start - 1], doc[atom.start : atom.end].root
    if head.dep_ == "compound":  # the name modifies what follows (``MSF Arnor diplomat``)
        return False
    return (
        last.is_title
        or (last.dep_ == "compound" and atom.start <= last.head.i < atom.end)
        or head.head == last
    )


def join_person_matches(found: dict[tuple[int, int], tuple[Name, ...]]) -> None:
    """Add the union of overlapping matches that name the same person (``President Xi Jinping``)."""
    spans = sorted(found)
    for (s1, e1), (s2, e2) in itertools.combinations(spans, 2):
        if s2 < e1 < e2:
            keys = {n.key for n in found[(s1, e1)] if n.kind == "person"}
            shared = tuple(n for n in found[(s2, e2)] if n.kind == "person" and n.key in keys)
            if shared:
                found.setdefault((s1, e2), shared)


def conjunct(ent: Span | None, span: Span) -> Span | None:
    """The part of an entity that holds ``span`` between conjunctions, commas and prepositions that
    join two names, less an article before and a possessive after: a tagger that reads ``Gondor and
    Osgiliath``, ``Osgiliath with Gondor``, ``the White Downs`` or ``Caras Galadhon's`` as one entity
    hides no name in it."""
    if ent is None:
        return None
    start, end = ent.start, ent.end
    for token in ent:
        joins = token.pos_ in ("CCONJ", "ADP") and token.lower_ in JOINING
        if token.text == "," or joins:
            if token.i < span.start:
                start = token.i + 1
            elif token.i >= span.end:
                end = min(end, token.i)
    doc = ent.doc
    while start < span.start and doc[start].pos_ == "DET":
        start += 1
    while end > span.end and doc[end - 1].tag_ == "POS":
        end -= 1
    return ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label)


def refined(cameo: str, agent: str) -> str:
    """An organisation's code with an agent word's: a bare three-letter code names a state-like actor
    (one of an imported dictionary, ``CAL``), refined like a country's (``CAL`` + ``GOV``)."""
    return cameo + agent if len(cameo) == 3 else cameo


def definite(doc: Doc, start: int) -> bool:
    """Whether the phrase ending before ``start`` opens with ``the`` (``the reclusive and paranoid``)."""
    i = start - 1
    while i >= 0 and (doc[i].pos_ in ("ADJ", "ADV", "CCONJ") or doc[i].tag_ == "HYPH" or doc[i].text == ","):
        i -= 1
    return i >= 0 and doc[i].lower_ == "the"


def keys(tokens: Span) -> list[tuple[str, ...]]:
    """Ways to read a token run: as written, and with its last word lemmatised."""
    lower = tuple(t.lower_ for t in tokens)
    lemma = (*lower[:-1], tokens[-1].lemma_.lower())
    return [lower] if lemma == lower else [lower, lemma]


def day_of(published: object) -> dt.date:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            pass
    return dt.date.today()
