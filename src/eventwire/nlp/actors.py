"""Actor recognition: who the text names, resolved to countries, organisations, sectors and people.

The recognizer sets ``doc.spans[ACTORS_KEY]`` to token-aligned, non-overlapping spans, each with
``span._.entity`` an :class:`~eventwire.records.Entity` (character offsets in ``doc.text``). It marks
country names, capitals and seats of government (``Moscow``, ``the Kremlin``: the government),
organisations, people of ``people.tsv`` by name (dated by ``doc._.published``, else today), a
nationality or possessor before a sector word (``Russian troops``, ``Russia's defence ministry``,
``the North Korean dictator``: the office-holder when the word names an office), titled people not
in the tables (``Chinese foreign ministry spokesman Mao Ning``) and bare sector words (``protesters``).

Extra actors come in ``actors_files``: UTF-8 TSV files with a header row, in one of three formats
(columns in any order; ``|`` separates variants; ``#`` starts a comment line):

- people: ``name  aliases  country  org  sector  role  leader  start  end`` — one row per office;
  ``country`` an ISO3 code of ``countries.tsv`` and/or ``org`` an organisation acronym; ``sector`` a
  PLOVER code (``GOV``); ``leader`` ``yes`` when the office leads the country; ``start``/``end``
  ``YYYY-MM-DD``, an empty end meaning still in office.
- organisations: ``org  cameo  name  variants  country  sector`` — ``org`` the acronym of an
  international organisation (may be empty, e.g. for armed groups), ``cameo`` the CAMEO actor code.
- sectors: ``words  sector  cameo  role`` — sector words (``troops``), their PLOVER sector, CAMEO
  agent code and, optionally, the office they name; a word may be listed only once in all files.

A malformed row raises :class:`~eventwire.errors.DataError` naming the file and line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.nlp.actor_data import ActorTables, Name, Person, SectorWord, load_tables
from eventwire.nlp.actor_extent import noun_phrase
from eventwire.nlp.actor_parts import (
    CONJUNCTIONS,
    PAST,
    Actor,
    Atom,
    DocState,
    conjunct,
    day_of,
    definite,
    join_person_matches,
    keys,
    refined,
    titled_name,
)
from eventwire.nlp.extensions import ACTORS_KEY, register_extensions
from eventwire.records import Entity

__all__ = ["ActorRecognizer", "make_actor_recognizer"]

_GOVERNMENT = "GOV"  # capitals and seats of government act for the government
_KIND_ORDER = ("person", "org", "country", "metonym", "capital", "adjective")
_MODIFIERS = frozenset({"country", "metonym", "capital", "adjective", "org"})
_POSSESSORS = frozenset({"country", "metonym", "capital", "org"})
_HIDING_LABELS = frozenset({"PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_SINGULAR = frozenset({"NN", "NNP"})
_PLURAL = frozenset({"NNS", "NNPS"})


class ActorRecognizer:
    """Finds actors in a parsed Doc and resolves them to :class:`~eventwire.records.Entity` records.

    Args:
        nlp: the pipeline (its tokenizer builds the name patterns once).
        actors_files: extra actor files (people or organisation format), added to the bundled tables.
    """

    def __init__(self, nlp: Language, *, actors_files: Sequence[str | Path]) -> None:
        register_extensions()
        self.tables: ActorTables = load_tables(actors_files)
        self._by_acronym = {o.org: o for o in self.tables.organisations.values() if o.org}
        self._names: dict[tuple[str, ...], list[Name]] = {}
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        variants = list(self.tables.names)
        for variant, pattern in zip(variants, map(nlp.make_doc, variants), strict=True):
            key = tuple(t.lower_ for t in pattern)
            self._names.setdefault(key, []).extend(self.tables.names[variant])
            self._matcher.add("ACTOR", [pattern])
        self._sectors: dict[tuple[str, ...], tuple[SectorWord, str | None]] = {}
        words = list(self.tables.sectors)
        for word, pattern in zip(words, map(nlp.make_doc, words), strict=True):
            self._sectors[tuple(t.lower_ for t in pattern)] = self.tables.sectors[word]
        self._sector_len = max((len(k) for k in self._sectors), default=0)
        self._sector_first = {k[0] for k in self._sectors}

    def __call__(self, doc: Doc) -> Doc:
        atoms = sorted(self._name_atoms(doc) + self._sector_atoms(doc), key=lambda a: a.start)
        atom_of = {i: n for n, a in enumerate(atoms) for i in range(a.start, a.end)}
        state = DocState(day=day_of(doc._.published), atoms=atoms, atom_of=atom_of)
        self._people(doc, state)
        self._the_rest(doc, state)
        spans: list[Span] = []
        last_end = 0
        found = sorted(state.found, key=lambda f: f[0])
        for n, (start, end, actor) in enumerate(found):
            if start < last_end:
                continue
            following = next((s for s, _, _ in found[n + 1 :] if s >= end), None)
            start, end = noun_phrase(doc, start, end, after=last_end, before=following)
            span = Span(doc, start, end)
            span._.entity = Entity(
                text=span.text,
                name=actor.name,
                country=actor.country,
                org=actor.org,
                sector=actor.sector,
                cameo=actor.cameo,
                start=span.start_char,
                end=span.end_char,
            )
            spans.append(span)
            last_end = end
        doc.spans[ACTORS_KEY] = spans
        return doc

    # -- matching -----------------------------------------------------------------------------

    def _name_atoms(self, doc: Doc) -> list[Atom]:
        ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        found: dict[tuple[int, int], tuple[Name, ...]] = {}
        for _, start, end in self._matcher(doc):
            span = doc[start:end]
            if not any(t.text[:1].isupper() for t in span):
                continue
            names = [
                n
                for n in self._names.get(tuple(t.lower_ for t in span), [])
                if not n.exact or span.text == n.exact
            ]
            if not names:
                continue
            kind = min((n.kind for n in names), key=_KIND_ORDER.index)
            names = [n for n in names if n.kind == kind]
            if kind != "person" and self._place(doc, start, end):
                continue
            if not self._hidden(doc, span, kind, ent_of):
                found[(start, end)] = tuple(names)
        join_person_matches(found)
        atoms = []
        for span in filter_spans([doc[s:e] for s, e in found]):
            kept = found[(span.start, span.end)]
            atoms.append(Atom(span.start, span.end, kept[0].kind, kept))
        return atoms

    def _place(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a name is part of a place named after it: ``the South China Sea``, ``the Taiwan
        Strait``, ``the Gulf of Mexico`` (words of ``geo_features.tsv``, capitalised)."""
        features = self.tables.geo_features
        if end < len(doc) and doc[end].text in features:
            return True
        return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in features

    def _hidden(self, doc: Doc, span: Span, kind: str, ent_of: dict[int, Span]) -> bool:
        """Whether a match is only part of another name (``Michael Jordan``, ``Moscow State University``)."""
        ent = conjunct(ent_of.get(span.start), span)
        if ent is None or ent.end < span.end:
            return False
        if kind == "person" and len(span) == 1 and ent.label_ in ("GPE", "LOC", "NORP", "FAC"):
            return True
        if len(ent) <= len(span) or (kind == "person" and len(span) > 1):
            return False
        if ent.label_ in _HIDING_LABELS:
            return True
        if ent.label_ == "ORG" and kind != "org" and span.end < ent.end:
            after = doc[span.end]
            return after.pos_ == "PROPN" and self._sector_at(doc, span.end) is None
        return False

    def _sector_at(self, doc: Doc, i: int) -> tuple[int, SectorWord] | None:
        """The longest sector word starting at token ``i``: its length and entry."""
        token = doc[i]
        if token.lower_ not in self._sector_first and token.lemma_.lower() not in self._sector_first:
            return None
        for n in range(min(self._sector_len, len(doc) - i), 0, -1):
            tokens = doc[i : i + n]
            for key in keys(tokens):
                entry = self._sectors.get(key)
                if entry and (entry[1] is None or tokens.text == entry[1]):
                    return n, entry[0]
        return None

    def _sector_atoms(self, doc: Doc) -> list[Atom]:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end) if ent.label_ == "PERSON"}
        atoms: list[Atom] = []
        i = 0
        while i < len(doc):
            hit = None if i in taken else self._sector_at(doc, i)
            if hit is None or doc[i + hit[0] - 1].pos_ not in ("NOUN", "PROPN"):
                i += 1
                continue
            atoms.append(Atom(i, i + hit[0], "sector", sector=hit[1]))
            i += hit[0]
        covered = {i for a in atoms for i in range(a.start, a.end)}
        kept = []
        for atom in atoms:
            last = doc[atom.end - 1]
            modifies_thing = last.dep_ == "compound" and last.head.i >= atom.end and last.head.pos_ == "NOUN"
            if not (modifies_thing and last.head.i not in covered):
                kept.append(atom)
        return kept

    # -- composition --------------------------------------------------------------------------

    def _people(self, doc: Doc, state: DocState) -> None:
        """Named people, with the title before them when there is one."""
        anchors: list[tuple[int, int, int | None]] = [
            (a.start, a.end, n) for n, a in enumerate(state.atoms) if a.kind == "person"
        ]
        anchors += [(a.start, a.end, n) for n, a in enumerate(state.atoms) if titled_name(doc, state, n)]
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in state.atom_of for i in range(ent.start, ent.end)):
                anchors.append((ent.start, ent.end, None))
        for start, end, index in sorted(anchors):
            title_start, title_atoms = self._title(doc, start, state)
            inner = [n for n, a in enumerate(state.atoms) if start <= a.start < end and a.kind == "sector"]
            has_title = bool(inner) or any(state.atoms[t].kind == "sector" for t in title_atoms)
            state.consumed.update(inner)
            if index is not None and state.atoms[index].kind != "person":
                # A name the tables code as a state or group, titled like a person (``Bree Prime
                # Minister Romendacil``): the title's country and office, else the name's code refined.
                actor = self._titled_actor(state.atoms[index].names[0].key, [*title_atoms, index], state)
            elif index is not None:
                person = self._pick_person(doc[start:end], state.atoms[index].names, state)
                if person is None:
                    continue
                state.mentioned.append(person)
                actor = self._person_actor(
                    person, state.day, self._title_office(doc, title_start, title_atoms, state)
                )
            elif has_title:
                actor = self._titled_actor(doc[start:end].text, title_atoms, state)
                for token in doc[start:end]:  # either part may be the family name (Mao Ning, John Smith)
                    if token.is_alpha and token.is_title:
                        state.surnames.setdefault(token.lower_, actor)
            elif doc[end - 1].lower_ in state.surnames:
                actor = state.surnames[doc[end - 1].lower_]
            else:
                continue
            if not has_title:
                title_start, title_atoms = start, []
            state.consumed.update(title_atoms)
            if index is not None:
                state.consumed.add(index)
            state.found.append((title_start, end, actor))
        self._surnames(doc, state)

    def _surnames(self, doc: Doc, state: DocState) -> None:
        """Later bare surnames of titled people not in the tables (``Mao`` after ``... Mao Ning``)."""
        if not state.surnames:
            return
        taken = {i for start, end, _ in state.found for i in range(start, end)}
        first = {a.name: start for start, _, a in state.found}
        for token in doc:
            actor = state.surnames.get(token.lower_)
            if (
                actor is not None
                and token.pos_ == "PROPN"
                and token.i not in taken
                and token.i not in state.atom_of
                and token.i > first.get(actor.name, len(doc))
            ):
                state.found.append((token.i, token.i + 1, actor))

    def _title(self, doc: Doc, start: int, state: DocState) -> tuple[int, list[int]]:
        """Where a title before a person begins, and the atoms in it."""
        first, atoms, i = start, [], start - 1
        while i >= 0:
            n = state.atom_of.get(i)
            if n is not None:
                atom = state.atoms[n]
                if atom.kind == "person" or n in state.consumed:
                    break
                atoms.append(n)
                first, i = atom.start, atom.start - 1
                continue
            token = doc[i]
            before = state.atom_of.get(i - 1)
            possessive = (
                token.tag_ == "POS" and before is not None and state.atoms[before].kind in _POSSESSORS
            )
            modifier = token.pos_ == "ADJ" or (token.pos_ in ("NOUN", "PROPN") and token.dep_ == "compound")
            modifier = modifier or (token.dep_ == "conj" and token.head.pos_ == "ADJ")  # stern and tireless
            between = token.lower_ in (*CONJUNCTIONS, ",") and i > 0 and doc[i - 1].pos_ == "ADJ"
            if not (possessive or modifier or between or token.tag_ == "HYPH"):
                break
            i -= 1
        return first, atoms

    def _the_rest(self, doc: Doc, state: DocState) -> None:
        """Descriptions, names of states and organisations, and sector words, left to right."""
        n = 0
        while n < len(state.atoms):
            atom = state.atoms[n]
            if n in state.consumed or atom.kind == "person":
                n += 1
                continue
            group = self._sector_group(
                doc, atom.end if atom.kind != "sector" else atom.start, state, atom.kind
            )
            if atom.kind in _MODIFIERS and group:
                end, head = group
                actor = self._described(doc, atom, head, state)
                state.found.append((atom.start, end, actor))
            elif atom.kind == "sector" and group:
                end, head = group
                owner = self._of_owner(doc, end, state)
                if owner is not None:
                    actor = self._described(doc, owner, head, state)
                    end = owner.end
                else:
                    actor = self._bare_sector(doc, atom.start, end, head, state)
                state.found.append((atom.start, end, actor))
                for other in self._coordinated(doc, owner, state) if owner else ():  # of A, B and C
                    state.found.append((other.start, other.end, self._described(doc, other, head, state)))
                    end = other.end
            else:
                standalone = self._standalone(doc, atom)
                if standalone is not None:
                    state.found.append((atom.start, atom.end, standalone))
                end = atom.end
            while n < len(state.atoms) and state.atoms[n].start < end:
                n += 1

    def _of_owner(self, doc: Doc, i: int, state: DocState) -> Atom | None:
        """The state or organisation in ``the president of France``, ``troops from Chad`` or
        ``lawmakers in Peru``: the atom after ``of`` or ``from`` at ``i``, or after ``in`` when it
        names a state, organisation or seat of government (a city says where, not whose: ``students
        in Moscow``)."""
        n = state.atom_of.get(i + 1)
        if i >= len(doc) or n is None or n in state.consumed:
            return None
        atom = state.atoms[n]
        if atom.start != i + 1 or atom.kind not in _POSSESSORS:
            return None
        word = doc[i].lower_
        return (
            atom
            if word in ("of", "from") or (word == "in" and atom.kind in ("country", "org", "metonym"))
            else None
        )

    def _coordinated(self, doc: Doc, first: Atom, state: DocState) -> list[Atom]:
        """The states or organisations coordinated with ``first`` (``of Arnor, Osgiliath and Gondor``),
        each standing alone (not ``Gondor's`` or ``Gondor police``)."""
        found: list[Atom] = []
        i = first.end
        while i < len(doc):
            j = i + (doc[i].text == ",")
            j += j < len(doc) and doc[j].lower_ in CONJUNCTIONS
            n = state.atom_of.get(j) if j > i else None
            if n is None or n in state.consumed:
                break
            atom = state.atoms[n]
            if atom.start != j or atom.kind not in _POSSESSORS:
                break
            if atom.end < len(doc) and (doc[atom.end].tag_ == "POS" or atom.end in state.atom_of):
                break
            found.append(atom)
            i = atom.end
        return found

    def _sector_group(self, doc: Doc, i: int, state: DocState, kind: str) -> tuple[int, Atom] | None:
        """The run of sector words from token ``i`` (after a possessive and modifiers): end and head."""
        if kind in _POSSESSORS and i < len(doc) and doc[i].tag_ == "POS":
            i += 1
        head: Atom | None = None
        end, gap = i, 0
        while end < len(doc) and gap <= 3:
            n = state.atom_of.get(end)
            if n is not None:
                atom = state.atoms[n]
                if atom.kind != "sector" or n in state.consumed or atom.start != end:
                    break
                head, end, gap = atom, atom.end, 0
                continue
            token = doc[end]
            if not (token.pos_ == "ADJ" or (token.pos_ in ("NOUN", "PROPN") and token.dep_ == "compound")):
                break
            end, gap = end + 1, gap + 1
        if head is None:
            return None
        return head.end, head

    def _described(self, doc: Doc, modifier: Atom, head: Atom, state: DocState) -> Actor:
        word = head.sector
        assert word is not None
        key = modifier.names[0].key
        organisation = self.tables.organisations[key] if modifier.kind == "org" else None
        owner = organisation.org if organisation else key
        if word.role and owner and doc[head.end - 1].tag_ in _SINGULAR:
            holders = self.tables.holders(owner, word.role, state.day)
            if holders:
                state.mentioned.append(holders[0])
                return self._person_actor(holders[0], state.day)
        if organisation is not None:
            return Actor(
                organisation.name,
                organisation.country,
                organisation.org,
                word.sector,
                refined(organisation.cameo, word.cameo),
            )
        country = self.tables.countries[key]
        return Actor(country.name, country.iso3, None, word.sector, country.cameo + word.cameo)

    def _bare_sector(self, doc: Doc, start: int, end: int, head: Atom, state: DocState) -> Actor:
        """A sector word alone, resolved from context when it is definite (``the president``).

        ``the president`` is the office-holder of the country named earlier in the sentence, else the
        last person mentioned who holds that office; ``the ministry`` or ``the army`` (also ``the
        reclusive dictator``) take the country of the last actor of the same sector in the article.
        """
        word = head.sector
        assert word is not None
        if not definite(doc, start):
            return Actor(doc[start:end].text, None, None, word.sector, word.cameo)
        singular = doc[end - 1].tag_ in _SINGULAR
        if word.role and singular:
            sentence_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
            for s, _, actor in reversed(state.found):
                if sentence_start <= s < start and actor.country and not actor.org:
                    holders = self.tables.holders(actor.country, word.role, state.day)
                    if holders:
                        return self._person_actor(holders[0], state.day)
                    break
            for person in reversed(state.mentioned):
                role = person.role_on(state.day)
                if role and (role.role == word.role or (word.role == "leader" and role.leader)):
                    return self._person_actor(person, state.day)
        for s, _, actor in reversed(state.found):
            if s < start and actor.country and not actor.org and actor.sector == word.sector:
                if word.role and singular:
                    holders = self.tables.holders(actor.country, word.role, state.day)
                    if holders:
                        state.mentioned.append(holders[0])
                        return self._person_actor(holders[0], state.day)
                if actor.name in self.tables.organisations:  # the rebels: the group named before
                    return actor
                country = self.tables.countries[actor.country]
                return Actor(country.name, country.iso3, None, word.sector, country.cameo + word.cameo)
        return Actor(doc[start:end].text, None, None, word.sector, word.cameo)

    def _standalone(self, doc: Doc, atom: Atom) -> Actor | None:
        key = atom.names[0].key if atom.names else ""
        if atom.kind == "sector":
            assert atom.sector is not None
            return Actor(doc[atom.start : atom.end].text, None, None, atom.sector.sector, atom.sector.cameo)
        if atom.kind == "org":
            o = self.tables.organisations[key]
            return Actor(o.name, o.country, o.org, o.sector, o.cameo)
        country = self.tables.countries[key]
        if atom.kind in ("capital", "metonym"):
            return Actor(country.name, country.iso3, None, _GOVERNMENT, country.cameo + _GOVERNMENT)
        if atom.kind == "adjective" and doc[atom.end - 1].tag_ not in _PLURAL:
            return None
        return Actor(country.name, country.iso3, None, None, country.cameo)

    # -- people -------------------------------------------------------------------------------

    def _pick_person(self, span: Span, names: tuple[Name, ...], state: DocState) -> Person | None:
        """The person a name stands for; a shared short name needs an earlier mention or one in office."""
        people = [self.tables.people[n.key] for n in names]
        in_office = [p for p in people if p.role_on(state.day)]
        if len(people) == 1:
            return people[0]
        if len(span) > 1:
            return (in_office or people)[0]
        for person in reversed(state.mentioned):
            if person in people:
                return person
        return in_office[0] if len(in_office) == 1 else None

    def _title_office(self, doc: Doc, start: int, title_atoms: list[int], state: DocState) -> Actor | None:
        """The office a title before a name says (``German Chancellor``), when it names one and is
        not a past one (``former``)."""
        if not any(state.atoms[n].kind == "sector" for n in title_atoms):
            return None
        end = max(state.atoms[n].end for n in title_atoms)
        while start > 0 and (doc[start - 1].pos_ in ("ADJ", "ADV", "DET") or doc[start - 1].lower_ in PAST):
            start -= 1
        if any(t.lower_ in PAST for t in doc[start:end]):
            return None
        return self._titled_actor("", title_atoms, state)

    def _person_actor(self, person: Person, day: dt.date, office: Actor | None = None) -> Actor:
        """The person as coded on ``day``: by the role held then, else by the ``office`` the title
        before the name says, else by the nearest role's country (or the first three letters of its
        CAMEO code) without a sector."""
        held = person.role_on(day)
        role = held or person.nearest_role(day)
        sector = held.sector if held else None
        if held is None and office is not None and office.sector:
            if office.country or office.org:
                return dataclasses.replace(office, name=person.name)
            country = self.tables.countries[role.country] if role.country else None
            prefix = country.cameo if country else (role.cameo or "")[:3]
            return Actor(person.name, role.country, None, office.sector, prefix + (office.cameo or ""))
        if held and held.cameo:
            return Actor(person.name, held.country, held.org, sector, held.cameo)
        if role.org and role.org in self._by_acronym:
            return Actor(person.name, role.country, role.org, sector, self._by_acronym[role.org].cameo)
        country = self.tables.countries[role.country] if role.country else None
        cameo = country.cameo + (sector or "") if country else (role.cameo or "")[:3] or None
        return Actor(person.name, role.country, None, sector, cameo)

    def _titled_actor(self, name: str, title_atoms: list[int], state: DocState) -> Actor:
        """A person not in the tables, or a name they code as a state or group, coded by the title
        before the name (its first state or organisation, refined by its office)."""
        atoms = [state.atoms[n] for n in sorted(title_atoms)]
        sectors = [a.sector for a in atoms if a.sector is not None]
        sector = sectors[-1] if sectors else None
        for atom in atoms:
            if atom.kind == "org":
                o = self.tables.organisations[atom.names[0].key]
                cameo = refined(o.cameo, sector.cameo) if sector else o.cameo
                return Actor(name, o.country, o.org, sector.sector if sector else None, cameo)
            if atom.kind in _MODIFIERS:
                country = self.tables.countries[atom.names[0].key]
                code = sector.sector if sector else None
                return Actor(name, country.iso3, None, code, country.cameo + (sector.cameo if sector else ""))
        return Actor(name, None, None, sector.sector if sector else None, sector.cameo if sector else None)


@Language.factory(
    "eventwire_actors",
    default_config={"actors_files": []},
    requires=["token.dep", "token.tag", "token.lemma", "doc.ents"],
    assigns=["doc.spans"],
)
def make_actor_recognizer(nlp: Language, name: str, actors_files: list[str]) -> ActorRecognizer:
    """Factory of the standalone ``eventwire_actors`` component."""
    return ActorRecognizer(nlp, actors_files=actors_files)
