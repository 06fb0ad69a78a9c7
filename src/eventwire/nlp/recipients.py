"""The recipient entities of an event: who or what it acts on, as whole noun phrases.

The trigger finder picks the recipient's actors (``Croatia``'s government, ``Hezbollah``); the mention
in the text is the noun phrase the trigger acts on, which may say more than the actor: ``the Croatian
government's request``, ``an arms depot of the Syrian army``, ``at least eight people in Kabul``. The
entity keeps the actor's codes and takes the phrase's words and offsets.

When no actor is acted on, the event's recipient is still the phrase at the trigger's recipient
markers, kept unresolved (its text only, no codes): "killed another ethnic Chechen", "attacked the
last bastion in the country", "rejected the draft resolution". A marker of where the event happens
("in") takes only a place: "declared a ceasefire in Yemen". A frame with nothing at its own markers
takes what the event it embeds acts on: "is considering sending aid to the flooded villages". A
statement ("told reporters") gets none: only a party makes a statement a dyad. What is said, proposed
or done ("rejected the accusations", "claimed the bombing"; class ``told`` of
``data/object_classes.tsv``) is no recipient; whoever put a demand, offer or accusation forward is
("rejected accusations by the US": the US). An act of cooperation that names no one is for whom its
purpose clause helps ("provided 6 million euros to support refugees in Syria"; class ``purpose`` of
``data/verb_classes.tsv``).

An event that parties do with one another (``data/mutual_codes.tsv``: "Peru and Chile signed an
agreement") done by several actors with no one else named has each actor as the others' recipient; one
phrase joining the parties ("Japanese and Australian troops agreed") is their recipient.

These recipients add no confidence to the event (``events.py`` counts only the trigger finder's): which
event of a sentence is its main one does not depend on them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.coding.lexicon import Lexicon, TriggerRule
from eventwire.nlp.actor_extent import ATTACHING, whole_phrase
from eventwire.nlp.extensions import ACTORS_KEY
from eventwire.nlp.mutual import is_mutual
from eventwire.nlp.roles import recipient_tokens
from eventwire.nlp.triggers import PROPOSALS, REPORT
from eventwire.records import Entity

__all__ = ["event_recipients", "recipient_entities", "unresolved_recipients"]

NEUTRAL_STATEMENT = "010"
# Roots of cooperation whose beneficiary a purpose clause may name ("provided funds to help refugees"):
# appeals, intents to cooperate, diplomatic and material cooperation, aid, yielding.
COOPERATION = frozenset({"02", "03", "04", "05", "06", "07", "08"})
PURPOSE = "purpose"
PURPOSE_MARKERS = ("obj", "dative", "that", "to", "for")
_NO_RULE = TriggerRule(lemma="", particle=None, pos="VERB", cameo="")  # a purpose verb codes nothing

# Relations from a word to the noun whose phrase it is part of ("the UN's findings", "army base").
_INSIDE = frozenset({"poss", "compound", "nmod", "amod", "appos", "nummod"})
_NOUNS = frozenset({"NOUN", "PROPN", "NUM"})
_PARTS = frozenset({"PRON", "DET"})  # "some of the peacekeepers", "all of the hostages"
_THINGS = frozenset({"NOUN", "PROPN"})
# Named-entity labels that are no party to an event ("killed 12", "rejected it on Monday").
_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Markers that say where an event happens: what they name is its recipient only when it is a place
# ("declared a ceasefire in Yemen", not "in a bid to ..."). A place is a named one, or a noun of the
# object class "place" ("surrendered in the border region").
_PLACE_MARKERS = frozenset({"in"})
_WHERE = frozenset({"in", "at"})
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})  # names a joined party may bear
PLACE_CLASS = "place"
TOLD_CLASS = "told"
# Markers that also join a noun's own phrases ("four of the banks", "people in Kabul"): a recipient
# phrase is not cut at them.
_NOUN_PREPOSITIONS = frozenset({"of", "in"})
_AIMED = frozenset({"on", "against", "in", "at"})  # "the attack on the embassy", "the bombing in Kabul"


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
    embedded: tuple[Sequence[Token], TriggerRule] | None = None,
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
        embedded: the words (the event's word, then the light verb it hangs on, if any) and rule of
            the event a frame embeds: when the frame's own markers find nothing, the phrase that event
            acts on is the recipient ("is considering sending aid to the flooded villages").
    """
    heads = [*words, *([clause] if clause not in words else [])]
    objects = _Objects(rule, lexicon)
    if statement:
        return recipient_entities(spans, heads=heads, markers=rule.recipient, actors=actors, objects=objects)
    if spans:
        return recipient_entities(spans, heads=heads, markers=rule.recipient, actors=actors, objects=objects)
    mutual = is_mutual(code)
    if len(actors) > 1 and mutual:
        return recipient_entities(actors, heads=heads, markers=rule.recipient, actors=(), objects=objects)
    if len(actors) == 1 and mutual and (joint := _joint_parties(actors[0], heads)) is not None:
        return (joint,)
    found = unresolved_recipients(
        heads=[words[0], *heads[len(words) :]], markers=objects.rule.recipient, actors=actors, objects=objects
    )
    if not found and embedded is not None and embedded[1].cameo != NEUTRAL_STATEMENT:
        # "declined to comment on the bill": a statement acts on no one
        inner = _Objects(embedded[1], lexicon)
        found = unresolved_recipients(
            heads=embedded[0], markers=inner.rule.recipient, actors=actors, objects=inner
        )
    inner_code = embedded[1].cameo if embedded is not None else ""
    if not found and (code[:2] in COOPERATION or inner_code[:2] in COOPERATION):
        inner_words = embedded[0] if embedded is not None else ()
        found = purpose_recipients([*heads, *inner_words], actors=actors, lexicon=lexicon)
    return found


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
        a phrase of the rule's object class ("accused the commander of war crimes"), where a named
        person is ("met the president in Paris"), or, for a frame, the "of" phrase that tells the event
        it embeds ("accused the army of shelling the town")."""
        if self.lexicon is None:
            return frozenset()
        return frozenset(prep.i for prep in head.children if prep.dep_ == "prep" and self._eventive(prep))

    def _eventive(self, prep: Token) -> bool:
        objects = [p for p in prep.children if p.dep_ == "pobj"]
        if self.classes and any(self._of_class(p) for p in objects):
            return True
        if prep.head.ent_type_ == "PERSON" and prep.lower_ in _WHERE and any(map(self.is_place, objects)):
            return True  # a person is met, not a person in a place: "met the president in Paris"
        framed = self.rule.frame not in (None, REPORT)
        return (
            framed
            and prep.lower_ == "of"
            and (any(c.dep_ == "pcomp" for c in prep.children) or any(self.is_event(p) for p in objects))
        )

    def is_event(self, noun: Token) -> bool:
        """Whether ``noun`` names an event of the lexicon ("demanded the release of ..."): what the
        trigger embeds, not whom it acts on."""
        return self.lexicon is not None and bool(self.lexicon.rules_for(noun.lemma_, "NOUN"))

    def told(self, noun: Token) -> bool:
        """Whether ``noun`` names what is said, proposed or done (``data/object_classes.tsv``, class
        "told": "rejected the accusations", "claimed the bombing") rather than who or what it is done to."""
        return self.lexicon is not None and TOLD_CLASS in self.lexicon.classes_of(noun.lemma_)

    def proposal(self, noun: Token) -> bool:
        """Whether ``noun`` names what a party puts forward (a demand, offer or accusation): its "by"
        phrase is the party ("rejected accusations by the US": the US)."""
        return self.lexicon is not None and bool(self.lexicon.classes_of(noun.lemma_) & PROPOSALS)

    def is_place(self, noun: Token) -> bool:
        """Whether ``noun`` names a place: a named one, a noun of the object class "place", or a part
        of a place ("some parts of North Sinai")."""
        if noun.ent_type_ in _PLACE_ENTITIES:
            return True
        if self.lexicon is not None and PLACE_CLASS in self.lexicon.classes_of(noun.lemma_):
            return True
        return any(self.is_place(p) for p in _of_objects(noun))

    def of_class(self, noun: Token) -> bool:
        """Whether ``noun`` (or a modifier of it) belongs to the rule's object classes."""
        return self.lexicon is not None and self._of_class(noun)

    def _of_class(self, noun: Token) -> bool:
        assert self.lexicon is not None
        words = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod", "nmod"))]
        return any(self.lexicon.classes_of(w.lemma_) & self.classes for w in words)


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
    leave = frozenset(markers) - _NOUN_PREPOSITIONS
    entities = []
    for span, argument in zip(spans, arguments, strict=True):
        skip = objects.left_out(argument) if objects is not None else frozenset()
        extent = whole_phrase(argument, leave=leave, skip=skip, holding=span.root)
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
    leave = frozenset(markers) - _NOUN_PREPOSITIONS
    stops = {t.i for t in heads}
    taken = [(s.start, s.end) for s in actors]
    for marker in markers:
        for head in heads:
            for token in recipient_tokens(head, (marker,)):
                if marker == "obj" and objects is not None and objects.classes and objects.of_class(token):
                    continue  # "provided aid to": the aid is what is given, not to whom
                found = [
                    (word, extent)
                    for conjunct in (token, *token.conjuncts)
                    if conjunct.i >= token.i and _acted_on(word := _patient(conjunct, objects))
                    if objects is None or not objects.told(word) or _aimed(word)
                    if marker not in _PLACE_MARKERS or (objects is not None and objects.is_place(word))
                    if _free(extent := _phrase(word, leave, objects), stops, taken)
                ]
                if found:  # named by the words up to the noun: "the draft budget proposed by ..."
                    doc = token.doc
                    return tuple(
                        _entity(doc[start : word.i + 1], (start, end)) for word, (start, end) in found
                    )
    return ()


def purpose_recipients(
    heads: Sequence[Token], *, actors: Sequence[Span], lexicon: Lexicon
) -> tuple[Entity, ...]:
    """Whom an act of cooperation is for, told by a purpose clause of helping (``data/verb_classes.tsv``,
    class ``purpose``): "provided 6 million euros to support refugees in Syria", "launched an appeal
    for $80 million to provide help for flood victims". The phrase keeps the codes of an actor it names
    ("sent troops to help the Malian government"). A rift or conflict the clause would resolve is
    between its parties ("a mediation effort to resolve the rift between Qatar and its neighbours")."""
    objects = _Objects(_NO_RULE, lexicon)
    for verb in _purpose_verbs(heads, lexicon):
        between = [c for c in verb.children if c.dep_ == "dobj"]
        found = unresolved_recipients(heads=between, markers=("between",), actors=actors, objects=objects)
        found = found or unresolved_recipients(
            heads=[verb], markers=PURPOSE_MARKERS, actors=actors, objects=objects
        )
        if found:
            return tuple(_with_actor(entity, verb.doc) for entity in found)
    return ()


def _purpose_verbs(heads: Sequence[Token], lexicon: Lexicon) -> list[Token]:
    """The helping verbs of "to" clauses that hang on the event's words or their objects."""
    owners = [*heads, *(c for h in heads for c in h.children if c.dep_ in ("dobj", "prep", "pobj"))]
    owners += [p for o in owners if o.dep_ == "prep" for p in o.children if p.dep_ == "pobj"]
    return [
        verb
        for owner in owners
        for verb in owner.children
        if verb.dep_ in ("advcl", "xcomp", "acl", "relcl")
        and lexicon.verb_is(verb.lemma_, PURPOSE)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ]


def _with_actor(entity: Entity, doc: Doc) -> Entity:
    """``entity`` with the codes of the actor that heads its phrase ("the Malian government"), if any;
    not of one it only mentions ("people in Somalia" are no Somali government)."""
    phrase = (
        doc.char_span(entity.start, entity.end)
        if entity.start is not None and entity.end is not None
        else None
    )
    if phrase is None:
        return entity
    head = phrase.root
    for span in doc.spans.get(ACTORS_KEY, ()):
        actor: Entity | None = span._.entity
        root = span.root
        if actor is not None and (root.i == head.i or (root.head.i == head.i and root.dep_ in _INSIDE)):
            return dataclasses.replace(actor, text=entity.text, start=entity.start, end=entity.end)
    return entity


def _joint_parties(actor: Span, heads: Sequence[Token]) -> Entity | None:
    """For an event parties do with one another told of one phrase that joins them ("Japanese and
    Australian troops agreed to hold drills", "the navies of Chile and Peru signed"), that phrase,
    unresolved: the parties are each other's recipients though only one of them is a known actor."""
    stops = {t.i for t in heads}
    noun = _argument(actor.root, stops, ())
    while noun.dep_ == "conj" and noun.head.pos_ in _THINGS:  # "Zoellick and the Kuwaiti minister"
        noun = noun.head
    start, end = whole_phrase(noun)
    for conjunct in noun.conjuncts:
        if conjunct.i > noun.i:
            end = max(end, whole_phrase(conjunct)[1])
    doc = noun.doc
    # a coordination of parties, not one inside a name ("the Minister of Trade and Industry")
    joined = any(
        t.dep_ == "conj"
        and not _one_name(t, t.head)
        and any(w.ent_type_ in _PARTY_ENTITIES for w in t.subtree)
        for t in doc[start:end]
    )
    # "UK and EU negotiators": two named parties joined as modifiers of one noun
    names = [t for t in doc[start:end] if t.ent_iob_ == "B" and t.ent_type_ in _PARTY_ENTITIES]
    joined = joined or (len(names) > 1 and any(t.dep_ == "cc" for t in doc[start:end]))
    joined = joined and not any(start <= i < end for i in stops)
    if not joined or not (start <= actor.start and actor.end <= end):
        return None
    phrase = doc[start:end]
    return Entity(text=phrase.text, name=phrase.text, start=phrase.start_char, end=phrase.end_char)


def _aimed(noun: Token) -> bool:
    """Whether ``noun`` says whom or where it strikes ("the attack on the embassy", "the bombing in
    Kandahar"): such a phrase tells the event's target, though the noun names an act."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in _AIMED
        and any(_thing(p) for p in prep.children if p.dep_ == "pobj")
        for prep in noun.children
    )


def _one_name(a: Token, b: Token) -> bool:
    """Whether ``a`` and ``b`` lie in one named entity ("the Minister of Trade and Industry")."""
    low, high = sorted((a.i, b.i))
    words = a.doc[low : high + 1]
    return all(w.ent_type_ for w in words) and not any(w.ent_iob_ == "B" for w in words[1:])


def _phrase(word: Token, leave: frozenset[str], objects: _Objects | None) -> tuple[int, int]:
    start, end = whole_phrase(
        word, leave=leave, skip=objects.left_out(word) if objects is not None else frozenset()
    )
    if objects is not None and objects.told(word):
        # an act named with its target: "the attack on the embassy"
        for prep in word.children:
            aimed_at = [p for p in prep.children if p.dep_ == "pobj"]
            if prep.dep_ == "prep" and prep.lower_ in _AIMED and prep.i >= end and aimed_at:
                end = max(end, whole_phrase(aimed_at[0])[1])
    return start, end


def _patient(word: Token, objects: _Objects | None) -> Token:
    """For a noun that names an event ("demanded the release of the sailors"), who undergoes it: its
    "of" phrase, else the place it happens in ("agreed to a ceasefire in Yemen"); else the noun itself."""
    if objects is None or not objects.is_event(word):
        return word
    of = _of_objects(word)
    if of and _thing(of[0]):
        return of[0]
    if not _event_place_of(word, objects):  # "claimed the attack in Kandahar": the attack
        return word
    places = [
        p
        for prep in word.children
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_MARKERS
        for p in prep.children
        if p.dep_ == "pobj" and _thing(p) and objects.is_place(p)
    ]
    return places[0] if places else word


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
            and (head.lower_ not in markers or head.lower_ == "of")  # "hundreds of banks" stays whole
            and (head.head.pos_ in _NOUNS or (head.head.pos_ in _PARTS and head.lower_ == "of"))
            and head.head.i not in stops
            and not (objects is not None and head.lower_ == "of" and objects.is_event(head.head))
            and not (objects is not None and head.lower_ == "in" and _event_place_of(head.head, objects))
            and not (objects is not None and head.lower_ in ("by", "from") and objects.proposal(head.head))
        ):
            token = head.head
        else:
            return token


def _of_objects(noun: Token) -> list[Token]:
    """The nouns of ``noun``'s "of" phrases."""
    return [p for prep in noun.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]


def _event_place_of(noun: Token, objects: _Objects) -> bool:
    """Whether ``noun`` names the event the trigger is about (one of the rule's object classes, or any
    event for a rule without them, as a frame's), so that a place it happens "in" is the recipient
    itself ("declared a ceasefire in Yemen", "agreed to a ceasefire in Afghanistan"); not an event the
    rule's object only mentions ("claimed the attack in Kandahar")."""
    return objects.is_event(noun) and (not objects.classes or objects.of_class(noun))


def _acted_on(token: Token) -> bool:
    """Whether ``token`` heads a phrase that can be acted on: a thing, or a number or part of things
    ("four of the largest banks", "some of the hostages")."""
    if _thing(token):
        return True
    counted = token.pos_ in ("NUM", *_PARTS) or token.ent_type_ in ("CARDINAL", "QUANTITY")
    return counted and any(_thing(p) for p in _of_objects(token))


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
