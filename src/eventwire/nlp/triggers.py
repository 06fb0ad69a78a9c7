"""Find event triggers in a sentence and code them with the lexicon, with their actors and recipients.

Verbs are read first, then nouns that no verb has taken as its object. A verb or noun with a frame
(``vowed to``, ``demanded``, ``threatened``, ``refused``, ``accused ... of``) is coded by the event it
embeds — an infinitive or ``that`` clause, a ``for``/``of`` phrase, or a noun object that is itself
a trigger ("demanded the release of", "threatened sanctions") — which it consumes.

Statements: a neutral verb of saying (frame ``report``: say, tell, state, announce) is attribution,
not an event. When the clause it governs holds a coded event ("X said Y attacked Z"), that event is
the record, with X as its attribution, and no 01 statement is added. The statement is kept as a
record of its own only when what it reports holds no coded event, or when it is addressed to a party
("told Washington that ..."), which makes speaker and addressee a dyad of their own. Verbs of speech
that are acts in their own right (accuse, warn, deny, urge, praise, promise) are coded by their own
rows whatever they embed.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from eventwire.coding.lexicon import Lexicon, TriggerRule
from eventwire.coding.verb_patterns import VerbPattern
from eventwire.nlp.pattern_match import PatternMatch, pattern_events
from eventwire.nlp.roles import (
    ActorIndex,
    addressees,
    agent_of_noun,
    direct_object,
    is_passive,
    recipient_tokens,
    subject_token,
)
from eventwire.nlp.stances import stated_stance

REPORT = "report"
DEMAND = "demand"  # the frame of a reported obligation of another party ("said Iran must stop")
OBLIGATION = frozenset(("must", "should"))
# Prepositions whose object tells what a trigger acts on ("accused X of war crimes", "a ban on parties").
WHEN = frozenset({"DATE", "TIME"})  # entities that only say when
OBJECT_PREPS = ("of", "for", "on", "upon", "with", "over", "about", "into", "against", "as")
# Prepositions whose object may be the event a frame embeds ("called for talks", "agreed to a truce").
EMBEDDING_PREPS = ("for", "of", "to", "on", "upon", "against", "from", "into")
VERBS = ("VERB", "AUX")
# Where a user pattern's event looks for the phrase it acts on when no actor is its target.
PATTERN_RECIPIENT = ("obj", "dative", "with", "to", "against", "toward", "on", "into", "in", "at", "for")


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger coded by the lexicon, before modality, date and place are added."""

    trigger: tuple[Token, ...]  # the trigger's words (a verb and its particle)
    clause: Token  # the verb whose clause carries the event's modality and date
    code: str
    actor: tuple[Span, ...]
    recipient: tuple[Span, ...]
    direct: bool  # the actor was found in the trigger's own clause
    rule: TriggerRule
    embedded: Embedded | None = None  # the event a frame embeds ("considering sending aid")

    @property
    def statement(self) -> bool:
        """Whether this is a neutral statement ("X said ..."), weaker evidence than an event."""
        return self.rule.frame == REPORT


@dataclasses.dataclass(frozen=True, slots=True)
class Embedded:
    """The event a frame embeds: its token, the rule that codes it, and the light verb it hangs on."""

    token: Token
    rule: TriggerRule
    light: Token | None = None


def _particle(verb: Token, wanted: str | None) -> Token | None:
    """The verb's particle ``wanted`` (any particle when None): a particle, the word right after the
    verb, or a preposition after the verb's object ("pushed Congress for reforms"), unless it only
    says when ("called the ambassador on Monday")."""
    obj = direct_object(verb)
    for child in verb.children:
        if child.dep_ == "prt" and (wanted is None or child.lower_ == wanted):
            return child
        if wanted is not None and child.i == verb.i + 1 and child.lower_ == wanted:
            return child
        if (
            wanted is not None
            and obj is not None
            and child.dep_ == "prep"
            and child.lower_ == wanted
            and child.i > obj.i
            and any(p.dep_ == "pobj" and p.ent_type_ not in WHEN for p in child.children)
        ):
            return child
    return None


# Object classes of what a party puts forward: whoever rejects or accepts it answers that party.
PROPOSALS = frozenset({"demand", "invitation", "accusation"})


def _markers(verb: Token, rule: TriggerRule) -> tuple[str, ...]:
    """The rule's recipient markers; for a verb whose particle the parser read as a preposition
    ("called on the council": "on" with "the council" as its object), the object is that preposition's."""
    particle = (
        _particle(verb, rule.particle) if rule.particle is not None and "obj" in rule.recipient else None
    )
    if particle is None or particle.dep_ != "prep":
        return rule.recipient
    return tuple(m for r in rule.recipient for m in ((r, particle.lower_) if r == "obj" else (r,)))


def _preps(token: Token, markers: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in markers]


def object_classes(token: Token, lexicon: Lexicon) -> frozenset[str]:
    """The classes of what ``token`` acts on: its object, its ``of``/``for``/``on`` phrases, their
    modifiers, and the object's own ``of``/``as`` phrases.

    A noun trigger's own modifiers count too ("humanitarian aid", "hunger strike").
    """
    words: list[Token] = []
    if (obj := direct_object(token)) is not None:
        words.append(obj)
    elif token.pos_ in VERBS and is_passive(token):
        words.extend(c for c in token.children if c.dep_ == "nsubjpass")
    for prep in _preps(token, OBJECT_PREPS):
        words.extend(c for c in prep.children if c.dep_ == "pobj")
    classes: set[str] = set()
    if token.pos_ not in VERBS:
        classes |= _modifier_classes(token, lexicon)
    for word in [w for obj in words for w in (obj, *obj.conjuncts)]:
        classes |= lexicon.classes_of(word.lemma_) | _modifier_classes(word, lexicon)
        for prep in _preps(word, ("of", "as")):  # "held the families as human shields"
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                classes |= lexicon.classes_of(pobj.lemma_) | _modifier_classes(pobj, lexicon)
    return frozenset(classes)


def _modifier_classes(word: Token, lexicon: Lexicon) -> set[str]:
    classes: set[str] = set()
    for child in word.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            classes |= lexicon.classes_of(child.lemma_)
    return classes


def _fits(rule: TriggerRule, classes: frozenset[str]) -> bool:
    if not rule.object_classes:
        return True
    if rule.object_negated:
        return not classes.intersection(rule.object_classes)
    return classes.issuperset(rule.object_classes)


def choose_rule(
    token: Token, rules: tuple[TriggerRule, ...], lexicon: Lexicon, *, framed: bool = False
) -> TriggerRule | None:
    """The most specific rule whose particle, object classes and frame fit ``token``.

    ``framed``: ``token`` embeds a coded event, so a frame rule is preferred to a plain one; otherwise
    plain rules come first and a frame rule is the default ("rejected the changes": a plain rejection).
    """
    classes = object_classes(token, lexicon)

    def order(rule: TriggerRule) -> tuple[bool, bool]:  # a verb's own particle first: "called on" is no call
        return rule.particle is None, (rule.frame is None) if framed else (rule.frame is not None)

    for rule in sorted(rules, key=order):
        if rule.particle is not None and _particle(token, rule.particle) is None:
            continue
        if not _fits(rule, classes):
            continue
        return rule
    return None


class TriggerFinder:
    """Finds coded event candidates in sentences."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def find(self, sent: Span, actors: ActorIndex) -> list[Candidate]:
        """The sentence's events, statements that only report another event left out."""
        consumed: set[int] = set()
        found: list[Candidate] = []
        patterns = self.lexicon.patterns
        for token in sent:
            if token.i in consumed or token.pos_ != "VERB" or token.dep_ == "amod":
                continue
            if patterns and (own := patterns.patterns(token.lower_, token.lemma_)):
                found += self._patterned(token, sent, own, actors, consumed)
                continue
            if (candidate := self._verb(token, actors, consumed)) is not None:
                found.append(candidate)
        for token in sent:
            if token.i in consumed or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if token.pos_ == "PROPN" and actors.at(token) is not None:
                continue  # a word of a name: "the North Atlantic Treaty Organisation"
            if (candidate := self._noun(token, actors, consumed)) is not None:
                found.append(candidate)
        events = [c for c in found if not c.statement]
        return [c for c in found if not c.statement or _addressed(c) or not _reports(c, events)]

    def _patterned(
        self,
        verb: Token,
        sent: Span,
        patterns: tuple[VerbPattern, ...],
        actors: ActorIndex,
        consumed: set[int],
    ) -> list[Candidate]:
        """The events of a verb the user's patterns list (:func:`pattern_events`); the pattern's words
        after the verb are taken, as a verb's object is."""
        coded = pattern_events(verb, sent, patterns, actors, self.lexicon)
        if coded is None:
            return []
        consumed.update(_taken(verb, coded.match))
        if (obj := direct_object(verb)) is not None:
            consumed.add(obj.i)
        rule = TriggerRule(verb.lemma_.lower(), None, "VERB", "", recipient=PATTERN_RECIPIENT, fixed=True)
        return [
            Candidate(
                (verb,),
                verb,
                e.code,
                e.actor,
                e.recipient,
                coded.direct,
                dataclasses.replace(rule, cameo=e.code),
            )
            for e in coded.events
            if e.actor or (e.recipient and _agentless(verb, coded.subject))
        ]

    def _recipient(self, heads: list[Token], markers: tuple[str, ...], actors: ActorIndex) -> list[Span]:
        """The first resolved actor at the trigger's recipient markers, else the first unresolved agent."""
        tokens = [t for marker in markers for head in heads for t in recipient_tokens(head, (marker,))]
        tokens = [p for t in tokens for p in (*self._proposers(t), t)]
        for token in tokens:
            if spans := actors.phrase(token):
                return spans
        for token in tokens:
            if spans := actors.agents(token):
                return spans
        return []

    def _proposers(self, token: Token) -> list[Token]:
        """Who put forward what ``token`` names, when it is a demand, offer or accusation: its possessor,
        modifier or "by"/"from" phrase ("rejected accusations by the US", "accepted the demands of the
        protesters", "spurned a government offer"): the party a rejection or acceptance answers."""
        if not self.lexicon.classes_of(token.lemma_) & PROPOSALS:
            return []
        return [
            *(c for c in token.children if c.dep_ in ("poss", "compound", "nmod") and c.pos_ != "PRON"),
            *(
                p
                for c in token.children
                if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                for p in c.children
                if p.dep_ == "pobj"
            ),
        ]

    def _rules(self, token: Token, *, embedded: bool) -> tuple[TriggerRule, ...]:
        """The rules of ``token``: frames and its own rows, or, embedded in a frame, rows without frame."""
        pos = "VERB" if token.pos_ in VERBS else "NOUN"
        rules = self.lexicon.rules_for(token.lemma_, pos)
        if embedded:
            return tuple(r for r in rules if r.frame is None)
        return tuple(r for r in rules if not r.embedded_only)

    def _embedded(self, head: Token, rules: tuple[TriggerRule, ...]) -> Embedded | None:
        """The coded event that the frame word ``head`` embeds, if any.

        A ``that`` clause counts when its subject is the frame's own ("vowed that it would help"), or
        when the frame takes the clause's subject as its recipient ("demanded that Israel withdraw").
        """
        asks = any("clause" in r.recipient for r in rules if r.frame is not None)
        clauses = ("xcomp", "ccomp", "acl") if head.pos_ not in VERBS else ("xcomp", "ccomp")
        verbs = [
            c
            for c in head.children
            if c.dep_ in clauses and c.pos_ in VERBS and (asks or c.dep_ != "ccomp" or _same_subject(head, c))
        ]
        verbs += [p for prep in _preps(head, EMBEDDING_PREPS) for p in prep.children if p.dep_ == "pcomp"]
        nouns = [c for c in head.children if c.dep_ == "dobj"]
        nouns += [p for prep in _preps(head, EMBEDDING_PREPS) for p in prep.children if p.dep_ == "pobj"]
        for token in verbs:
            own = self._rules(token, embedded=True)
            if own and (rule := choose_rule(token, own, self.lexicon)) is not None:
                return Embedded(token, rule)
            obj = direct_object(token) if self.lexicon.verb_is(token.lemma_, "light") else None
            if obj is not None and (found := self._embedded_noun(obj, token)) is not None:
                return found
        for token in nouns:
            if (found := self._embedded_noun(token, None)) is not None:
                return found
        return None

    def _embedded_noun(self, token: Token, light: Token | None) -> Embedded | None:
        if token.pos_ not in ("NOUN", "PROPN") or not (rules := self._rules(token, embedded=True)):
            return None
        rule = choose_rule(token, rules, self.lexicon)
        return Embedded(token, rule, light) if rule is not None else None

    def _verb(self, verb: Token, actors: ActorIndex, consumed: set[int]) -> Candidate | None:
        rules = self._rules(verb, embedded=False)
        if not rules:
            return None
        framing = any(r.frame not in (None, REPORT) for r in rules)
        embedded = self._embedded(verb, rules) if framing else None
        rule = choose_rule(verb, rules, self.lexicon, framed=embedded is not None)
        if rule is None:
            return None
        if rule.frame in (None, REPORT):
            embedded = None
        stance = stated_stance(verb) if rule.frame == REPORT else None
        if stance is not None:  # "said it is skeptical of the plan": coded by the stance it states
            rule = stance.rule
        code = rule.cameo
        particle = _particle(verb, rule.particle) if rule.particle is not None else None
        # a particle the parser read as a clause of its own carries the object: "let free the prisoners"
        carrier = [particle] if particle is not None and particle.dep_ not in ("prt", "prep") else []
        recipient = self._recipient([stance.word if stance else verb, *carrier], _markers(verb, rule), actors)
        subject, direct = subject_token(verb, self.lexicon)
        actor = actors.agents(subject) if subject is not None else []
        if (
            not actor
            and subject is not None
            and subject.dep_ == "nsubj"
            and self.lexicon.rules_for(subject.lemma_, "NOUN")
        ):
            # "a car bombing by the Islamic State group killed 75 people": who did the act that killed
            agent, _ = agent_of_noun(subject, self.lexicon, actors)
            actor = actors.agents(agent) if agent is not None else []
        if not recipient:  # "sent a letter to the WHO threatening to ...": the letter's addressee
            recipient = next(
                (found for t in addressees(verb, self.lexicon) if (found := actors.agents(t))), []
            )
        if rule.frame == REPORT and actor and (obliged := self._obliged(verb, actors, actor)):
            # "France said Iran must stop": a demand, even when what Iran must do is no coded event
            rule = dataclasses.replace(
                rule, frame=DEMAND, cameo=self.lexicon.frame_code(DEMAND, None) or code
            )
            code, recipient = rule.cameo, obliged
        if embedded is not None:
            code = self.lexicon.frame_code(rule.frame or "", embedded.rule.cameo) or code
            recipient = [r for r in recipient if r not in actor] or self._embedded_recipient(embedded, actors)
            consumed.update(t.i for t in (embedded.token, embedded.light) if t is not None)
        recipient = [r for r in recipient if r not in actor]
        if not actor and rule.frame != REPORT and _agentless(verb, subject):
            recipient = recipient or self._patient(verb, actors)
            if not recipient:
                return None
        elif not actor:
            return None
        if rule.needs_recipient and not recipient:
            return None
        if rule.frame != REPORT:
            for head in (verb, embedded.token if embedded else None, embedded.light if embedded else None):
                if head is not None and (obj := direct_object(head)) is not None:
                    consumed.add(obj.i)
        if rule.object_classes and not rule.object_negated:  # "went on strike": the class's noun is taken
            consumed.update(
                p.i for prep in _preps(verb, OBJECT_PREPS) for p in prep.children if p.dep_ == "pobj"
            )
        words = [stance.word if stance else verb]
        if particle is not None:
            words.append(particle)
        return Candidate(tuple(words), verb, code, tuple(actor), tuple(recipient), direct, rule, embedded)

    def _obliged(self, verb: Token, actors: ActorIndex, speaker: list[Span]) -> list[Span]:
        """The party a reported clause says must or should act ("said Iran must stop"), not the speaker."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in VERBS):
            if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in clause.children):
                continue
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ != "PRON" and (spans := actors.agents(subject)):
                return [s for s in spans if s not in speaker]
        return []

    def _patient(self, verb: Token, actors: ActorIndex) -> list[Span]:
        """Who undergoes an event told without its agent: the subject of a passive, else the object."""
        deps = ("nsubjpass",) if is_passive(verb) else ("dobj",)
        return [s for c in verb.children if c.dep_ in deps for s in actors.agents(c)]

    def _embedded_recipient(self, embedded: Embedded, actors: ActorIndex) -> list[Span]:
        token = embedded.token
        if token.dep_ == "ccomp":  # "demanded that Israel withdraw": who is to act
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and (spans := actors.agents(subject)):
                return spans
        heads = [token] if embedded.light is None else [token, embedded.light]
        return self._recipient(heads, embedded.rule.recipient, actors)

    def _noun(self, noun: Token, actors: ActorIndex, consumed: set[int]) -> Candidate | None:
        rules = self._rules(noun, embedded=False)
        if not rules:
            return None
        framing = any(r.frame not in (None, REPORT) for r in rules)
        embedded = self._embedded(noun, rules) if framing else None
        rule = choose_rule(noun, rules, self.lexicon, framed=embedded is not None)
        if rule is None or rule.frame == REPORT:
            return None
        agent, light = agent_of_noun(noun, self.lexicon, actors)
        actor = actors.agents(agent) if agent is not None else []
        heads = [noun] if light is None else [noun, light]
        code = rule.cameo
        recipient = self._recipient(heads, rule.recipient, actors)
        if embedded is not None and rule.frame is not None:
            code = self.lexicon.frame_code(rule.frame, embedded.rule.cameo) or code
            recipient = [r for r in recipient if r not in actor] or self._embedded_recipient(embedded, actors)
            consumed.update(t.i for t in (embedded.token, embedded.light) if t is not None)
        recipient = [r for r in recipient if r not in actor]
        if not actor or (rule.needs_recipient and not recipient):
            return None
        clause = light if light is not None else noun
        found = (noun,), clause, code, tuple(actor), tuple(recipient), light is None, rule, embedded
        return Candidate(*found)


def _taken(verb: Token, match: PatternMatch) -> set[int]:
    """What a pattern's words after the verb take from the sentence: them, and the words between
    them and the verb in the parse ("vowed to wage war": "war" and "wage")."""
    taken: set[int] = set()
    for word in (w for w in match.words if w.i > verb.i):
        token = word
        while token.i != verb.i and verb.is_ancestor(token):
            taken.add(token.i)
            token = token.head
    return taken


def _agentless(verb: Token, subject: Token | None) -> bool:
    """Whether ``verb`` is told without anyone doing it: a passive without "by", or a thing as subject.

    "Three soldiers were killed", "a car bomb killed three soldiers": the event is coded with no actor
    when who underwent it is known; a pronoun subject or a clause whose subject is elsewhere is not.
    """
    if subject is None:
        return is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children)
    by_thing = subject.dep_ == "pobj" and subject.head.dep_ == "agent"  # "killed by a roadside bomb"
    return subject.pos_ == "NOUN" and subject.ent_type_ == "" and (subject.dep_ == "nsubj" or by_thing)


def _reports(statement: Candidate, events: list[Candidate]) -> bool:
    """Whether ``statement``'s verb governs one of ``events`` ("X said Y attacked Z")."""
    verb = statement.clause
    return any(
        e.clause == verb or verb.is_ancestor(e.clause) or verb.is_ancestor(e.trigger[0]) for e in events
    )


def _addressed(statement: Candidate) -> bool:
    """Whether a statement is addressed to a party: a state or an organisation ("told Washington")."""
    return any(
        (entity := span._.entity) is not None and bool(entity.country or entity.org)
        for span in statement.recipient
    )


def _same_subject(frame: Token, clause: Token) -> bool:
    """Whether ``clause`` has the subject of ``frame``, or a pronoun that may stand for it."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return True
    if subject.pos_ == "PRON":
        return True
    own = next((c for c in frame.children if c.dep_ == "nsubj"), None)
    return own is not None and own.lower_ == subject.lower_
