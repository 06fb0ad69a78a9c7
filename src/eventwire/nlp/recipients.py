"""The recipient entities of an event: who or what it acts on, as whole noun phrases.

The trigger finder picks the recipient's actors (``Croatia``'s government, ``Hezbollah``); the mention
in the text is the noun phrase the trigger acts on, which may say more than the actor: ``the Croatian
government's request``, ``an arms depot of the Syrian army``, ``at least eight people in Kabul``. The
entity keeps the actor's codes and takes the phrase's words and offsets.

When no actor is acted on, the event's recipient is still the phrase at the trigger's recipient
markers, kept unresolved (its text only, no codes): "killed another ethnic Chechen", "attacked the
last bastion in the country", "rejected the draft resolution". A statement ("told reporters") gets
none: only a party makes a statement a dyad. An event that parties do with one another
(``data/mutual_codes.tsv``: "Peru and Chile signed an agreement") done by several actors with no one
else named has each actor as the others' recipient.

These recipients add no confidence to the event (``events.py`` counts only the trigger finder's): which
event of a sentence is its main one does not depend on them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventwire.coding.lexicon import Lexicon, TriggerRule
from eventwire.nlp.actor_extent import ATTACHING, whole_phrase
from eventwire.nlp.roles import recipient_tokens
from eventwire.records import Entity
from eventwire.tables import bundled, read_table

__all__ = ["event_recipients", "is_mutual", "recipient_entities", "unresolved_recipients"]

MUTUAL_TABLE = "mutual_codes.tsv"

# Relations from a word to the noun whose phrase it is part of ("the UN's findings", "army base").
_INSIDE = frozenset({"poss", "compound", "nmod", "amod", "appos", "nummod"})
_NOUNS = frozenset({"NOUN", "PROPN", "NUM"})
_PARTS = frozenset({"PRON", "DET"})  # "some of the peacekeepers", "all of the hostages"
_THINGS = frozenset({"NOUN", "PROPN"})
# Named-entity labels that are no party to an event ("killed 12", "rejected it on Monday").
_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def event_recipients(
    spans: Sequence[Span],
    *,
    words: Sequence[Token],
    clause: Token,
    rule: TriggerRule,
    code: str,
    actors: Sequence[Span],
    statement: bool,
    lexicon: Lexicon,
) -> tuple[Entity, ...]:
    """An event's recipient: its recipient spans as whole phrases, else (for an event that is no
    statement) the unresolved phrase it acts on.

    Args:
        spans: the recipient spans the trigger finder chose.
        words: the trigger's words.
        clause: the verb that carries the event (a noun trigger's light verb, else the trigger).
        rule: the trigger's rule: its recipient markers, and its object classes (when they name what
            the direct object must be, "provided aid to", the object is no recipient).
        code: the event's CAMEO code: when it is one parties do together (``data/mutual_codes.tsv``)
            and several actors do it with no one else named, each actor is the others' recipient.
        actors: the event's actor spans.
        statement: whether the event is a neutral statement.
        lexicon: the lexicon whose object classes tell the phrase that is the event's object ("accused
            the commander of war crimes": the crimes are no part of who is accused).
    """
    heads = [*words, *([clause] if clause not in words else [])]
    objects = _Objects(rule, lexicon)
    if spans or statement:
        return recipient_entities(spans, heads=heads, markers=rule.recipient, actors=actors, objects=objects)
    if len(actors) > 1 and is_mutual(code):
        return recipient_entities(actors, heads=heads, markers=rule.recipient, actors=(), objects=objects)
    markers = rule.recipient
    if objects.classes:
        markers = tuple(m for m in markers if m != "obj")
    return unresolved_recipients(
        heads=[words[0], *heads[len(words) :]], markers=markers, actors=actors, objects=objects
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Objects:
    """What a rule says of the event's object: the object classes its phrase belongs to."""

    rule: TriggerRule
    lexicon: Lexicon | None = None

    @property
    def classes(self) -> frozenset[str]:
        """The rule's object classes ("crime", "aid"), none when it names what the object is not."""
        return frozenset() if self.rule.object_negated else frozenset(self.rule.object_classes)

    def left_out(self, head: Token) -> frozenset[int]:
        """The dependents of a recipient phrase's noun that belong to the event rather than the phrase:
        a phrase of the rule's object class ("accused the commander of war crimes")."""
        if not self.classes or self.lexicon is None:
            return frozenset()
        return frozenset(
            prep.i
            for prep in head.children
            if prep.dep_ == "prep" and any(self._of_class(p) for p in prep.children if p.dep_ == "pobj")
        )

    def is_event(self, noun: Token) -> bool:
        """Whether ``noun`` names an event of the lexicon ("demanded the release of ..."): what the
        trigger embeds, not whom it acts on."""
        return self.lexicon is not None and bool(self.lexicon.rules_for(noun.lemma_, "NOUN"))

    def _of_class(self, noun: Token) -> bool:
        assert self.lexicon is not None
        words = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod", "nmod"))]
        return any(self.lexicon.classes_of(w.lemma_) & self.classes for w in words)


@functools.cache
def mutual_codes() -> frozenset[str]:
    """The CAMEO codes of ``data/mutual_codes.tsv``: events parties do with one another."""
    return frozenset(row["code"] for _, row in read_table(bundled(MUTUAL_TABLE), ("code",)))


def is_mutual(code: str) -> bool:
    """Whether a CAMEO code is an event parties do with one another (the code or one it begins)."""
    codes = mutual_codes()
    return any(code[:n] in codes for n in range(3, len(code) + 1))


def recipient_entities(
    spans: Sequence[Span],
    *,
    heads: Sequence[Token],
    markers: Sequence[str],
    actors: Sequence[Span],
    objects: _Objects | None = None,
) -> tuple[Entity, ...]:
    """The entities of an event's recipient spans, each spread over the noun phrase it stands in.

    Args:
        spans: the recipient's actor spans (or unresolved spans), as the trigger finder chose them.
        heads: the trigger's words and the verb that carries it: a phrase never takes them.
        markers: the trigger's recipient markers; a phrase stops at their prepositions ("concern over
            the situation in Syria" is about the situation).
        actors: the event's actor spans: a phrase never takes them.
        objects: what the rule says of the event's object (see :class:`_Objects`).
    """
    stops = {t.i for t in heads}
    taken = [(s.start, s.end) for s in actors]
    arguments = [_argument(span.root, stops, markers, objects) for span in spans]
    entities = []
    for span, argument in zip(spans, arguments, strict=True):
        skip = objects.left_out(argument) if objects is not None else frozenset()
        extent = whole_phrase(argument, leave=frozenset(markers), skip=skip, holding=span.root)
        shared = arguments.count(argument) > 1  # a phrase naming several actors is left to them
        if (
            shared
            or not _free(extent, stops, taken)
            or not (extent[0] <= span.start and span.end <= extent[1])
        ):
            extent = (span.start, span.end)
        entities.append(_entity(span, extent))
    return tuple(entities)


def unresolved_recipients(
    *,
    heads: Sequence[Token],
    markers: Sequence[str],
    actors: Sequence[Span],
    objects: _Objects | None = None,
) -> tuple[Entity, ...]:
    """What the trigger acts on when it is no actor: the first noun phrase at the recipient markers.

    Args:
        heads: the trigger word first, then the light verb that carries a noun trigger, if any.
        markers: the trigger's recipient markers, in order.
        actors: the event's actor spans: a phrase that overlaps them is no recipient.
        objects: what the rule says of the event's object (see :class:`_Objects`).
    """
    leave = frozenset(markers)
    stops = {t.i for t in heads}
    taken = [(s.start, s.end) for s in actors]
    for marker in markers:
        for head in heads:
            for token in recipient_tokens(head, (marker,)):
                found = [
                    (word, extent)
                    for conjunct in (token, *token.conjuncts)
                    if conjunct.i >= token.i and _thing(word := _patient(conjunct, objects))
                    if _free(extent := _phrase(word, leave, objects), stops, taken)
                ]
                if found:  # named by the words up to the noun: "the draft budget proposed by ..."
                    doc = token.doc
                    return tuple(
                        _entity(doc[start : word.i + 1], (start, end)) for word, (start, end) in found
                    )
    return ()


def _phrase(word: Token, leave: frozenset[str], objects: _Objects | None) -> tuple[int, int]:
    return whole_phrase(
        word, leave=leave, skip=objects.left_out(word) if objects is not None else frozenset()
    )


def _patient(word: Token, objects: _Objects | None) -> Token:
    """For a noun that names an event ("demanded the release of the sailors"), who undergoes it: its
    "of" phrase; else the noun itself."""
    if objects is None or not objects.is_event(word):
        return word
    of = [p for prep in word.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
    return of[0] if of and _thing(of[0]) else word


def _argument(
    token: Token, stops: set[int], markers: Sequence[str], objects: _Objects | None = None
) -> Token:
    """The noun whose phrase holds ``token``: up through modifiers, possessors and appositions, and
    through prepositions that are no recipient marker ("a depot of the army", "people in Kabul"),
    but not into a noun that names an event ("the release of the journalists": the journalists)."""
    while True:
        head = token.head
        if head is token or head.i in stops:
            return token
        if token.dep_ in _INSIDE and head.pos_ in _NOUNS:
            token = head
        elif (
            token.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.lower_ in ATTACHING
            and head.lower_ not in markers
            and (head.head.pos_ in _NOUNS or (head.head.pos_ in _PARTS and head.lower_ == "of"))
            and head.head.i not in stops
            and not (objects is not None and head.lower_ == "of" and objects.is_event(head.head))
        ):
            token = head.head
        else:
            return token


def _thing(token: Token) -> bool:
    """Whether ``token`` heads a phrase that can be acted on: a noun that is no date, number or amount."""
    return token.pos_ in _THINGS and token.ent_type_ not in _NOT_PARTIES and not token.is_stop


def _free(extent: tuple[int, int], stops: set[int], taken: Sequence[tuple[int, int]]) -> bool:
    start, end = extent
    if any(start <= i < end for i in stops):
        return False
    return not any(start < t_end and t_start < end for t_start, t_end in taken)


def _entity(span: Span, extent: tuple[int, int]) -> Entity:
    """``span``'s entity with the words and offsets of ``extent``; an unresolved span is named by its
    own words, without a leading article or possessive ("the detained sailors": "detained sailors")."""
    doc = span.doc
    phrase = doc[extent[0] : extent[1]]
    resolved: Entity | None = span._.entity
    if resolved is not None:
        return dataclasses.replace(resolved, text=phrase.text, start=phrase.start_char, end=phrase.end_char)
    start = span.start
    while start < span.end - 1 and (doc[start].dep_ in ("det", "predet") or doc[start].tag_ == "PRP$"):
        start += 1
    name = doc[start : span.end].text
    return Entity(text=phrase.text, name=name, start=phrase.start_char, end=phrase.end_char)
