"""The event extractor: turns coded trigger candidates into :class:`~eventwire.records.Event` records."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.coding.cameo import CodeTable, default_table
from eventwire.coding.lexicon import Lexicon, TriggerRule, default_lexicon
from eventwire.coding.verb_patterns import describe_code
from eventwire.nlp.dates import date_phrases, fronted_date, resolve_event_date
from eventwire.nlp.lemmas import repair_lemmas
from eventwire.nlp.modality import ModalityCues, certainty, default_cues
from eventwire.nlp.pattern_match import discarded
from eventwire.nlp.places import Gazetteer, default_gazetteer, locate
from eventwire.nlp.recipients import event_recipients
from eventwire.nlp.roles import ActorIndex, document_of, is_passive
from eventwire.nlp.triggers import DEMAND, OBLIGATION, Candidate, TriggerFinder
from eventwire.records import (
    Article,
    ArticleRef,
    Entity,
    Event,
    EventDate,
    Sentence,
    Trigger,
    event_id,
)

# Nouns that refer back to an earlier meeting: "during their last tete-a-tete".
MEETING_NOUNS = frozenset(
    ["meeting", "summit", "talk", "visit", "trip", "tete", "encounter", "tete-a-tete", "get-together"]
)
EARLIER = frozenset(("last", "previous", "earlier", "recent", "prior"))
DATE_CLIMB = ("xcomp", "advcl", "conj", "acomp")
FUTURE = "future"  # the frame that codes an event told as intended
REFUSE = "refuse"  # the frame that codes an event its actor says it will not do
# Clauses that tell an event in passing, and how much less confidence that gives it: enough to make
# an event of the main clause the sentence's main event.
BACKGROUND = frozenset({"relcl", "acl", "advcl"})
BACKGROUND_WEIGHT = 0.5
AGENTLESS_WEIGHT = 0.45


class EventExtractor:
    """Codes the events of a doc whose actor spans are set; writes them to ``doc._.events``."""

    def __init__(
        self,
        nlp: Language,
        *,
        lexicon: Lexicon | None = None,
        codes: CodeTable | None = None,
        cues: ModalityCues | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.finder = TriggerFinder(self.lexicon)
        self.codes = codes or default_table()
        self.cues = cues or default_cues()
        self.gazetteer = gazetteer or default_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        article: Article = doc._.article or Article(text=doc.text, published=doc._.published)
        published: dt.date | None = doc._.published or article.published
        repair_lemmas(doc, self.lexicon)
        actors = ActorIndex(doc, self.lexicon)
        country_of = {i: s._.entity.country for i, s in actors.by_token.items() if s._.entity.country}
        events: list[Event] = []
        sents = list(doc.sents)
        dropped = discarded(sents, self.lexicon.patterns.discards) if self.lexicon.patterns else set()
        for index, sent in enumerate(sents):
            if index in dropped:  # a user discard phrase: "... YEARS LATER", a sports story
                continue
            phrases: list[Span] | None = None
            for candidate in sorted(self.finder.find(sent, actors), key=lambda c: c.trigger[0].i):
                phrases = date_phrases(sent) if phrases is None else phrases
                date = self._date(sent, candidate, published, events, phrases)
                events.append(self._event(article, index, sent, candidate, date, actors, country_of))
        doc._.events = events
        return doc

    def _event(
        self,
        article: Article,
        index: int,
        sent: Span,
        candidate: Candidate,
        date: EventDate,
        actors: ActorIndex,
        country_of: dict[int, str],
    ) -> Event:
        told = certainty(candidate.clause, self.cues)
        code, modality = candidate.code, told.modality
        fixed = candidate.rule.fixed  # a user pattern's code stands as written
        if not fixed and not candidate.statement and modality == "intended":
            # "will send aid" is an intent to give aid, "is poised to invade" a threat (frame_codes.tsv)
            code = self.lexicon.frame_code(FUTURE, code, fallback=False) or code
        elif (
            not fixed
            and not candidate.statement
            and modality == "negated"
            and self._refused(candidate.clause)
            and (refused := self.lexicon.frame_code(REFUSE, code, fallback=False)) is not None
        ):
            # "will not accept refugees", "cannot lift the ban": a refusal that is itself told as fact
            code, modality = refused, "asserted"
        actor_spans, recipient_spans = candidate.actor, candidate.recipient
        if not fixed and (demand := self._demanded(candidate, told.source, actors)) is not None:
            # "Russia said Sudan must return the helicopter": a demand by the speaker of the one who must act
            code, modality = self.lexicon.frame_code(DEMAND, code) or code, "asserted"
            actor_spans, recipient_spans = demand, candidate.actor
        attribution = _attribution(told.source, actors, article.text) if told.source is not None else None
        actor = tuple(_entity(s) for s in actor_spans)
        recipient = event_recipients(
            recipient_spans,
            words=candidate.trigger,
            clause=candidate.clause,
            rule=candidate.rule,
            code=code,
            actors=actor_spans,
            statement=candidate.statement,
            lexicon=self.lexicon,
            embedded=_embedded(candidate),
        )
        cameo, plover = describe_code(self.codes, code)
        # the trigger's words that follow one another: "called on", but "pushed" of "pushed Congress for"
        words = [candidate.trigger[0]]
        words += [w for w in candidate.trigger[1:] if w.i == words[0].i + 1]
        start, end = words[0].idx, max(t.idx + len(t.text) for t in words)
        trigger = Trigger(
            article.text[start:end], start, end
        )  # doc.text joins every token: use the article's
        text = sent.text.rstrip()
        confidence = (
            0.5 + 0.15 * candidate.direct + 0.15 * bool(recipient_spans) + 0.1 * (date.text is not None)
        )
        # an agentless event is weaker evidence than any with an actor, even one told in passing
        confidence -= 0.25 * candidate.statement + AGENTLESS_WEIGHT * (not actor)
        confidence -= BACKGROUND_WEIGHT * self._background(candidate.clause)
        return Event(
            id=event_id(article.id, start, code, _codes(actor), _codes(recipient)),
            article=ArticleRef.of(article),
            sentence=Sentence(index, text, sent.start_char, sent.start_char + len(text)),
            trigger=trigger,
            actor=actor,
            recipient=recipient,
            cameo=cameo,
            plover=plover,
            modality=modality,
            attribution=attribution,
            date=date,
            location=locate(candidate.clause, country_of, self.gazetteer),
            confidence=round(min(max(confidence, 0.05), 0.95), 2),
        )

    def _demanded(
        self, candidate: Candidate, speaker: Token | None, actors: ActorIndex
    ) -> tuple[Span, ...] | None:
        """The speaker's actors when a reported event is told as an obligation of another party, else None."""
        if candidate.statement or speaker is None or not candidate.actor:
            return None
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in candidate.clause.children):
            return None
        spans = actors.agents(speaker)
        if not spans or any(
            s.start <= a.start < s.end or a.start <= s.start < a.end for s in spans for a in candidate.actor
        ):
            return None
        return tuple(spans)

    def _background(self, clause: Token) -> bool:
        """Whether ``clause`` tells its event in passing, inside a relative or adverbial clause or a
        clause hanging on a noun ("..., which observers say undermines ...", "..., killing six"): a
        sentence's main event is the one its main clause tells. A document's participle is no
        background ("issued a statement calling on ...": the statement's words are the news), nor is
        a clause that tells who did what a passive without agent suffered ("two people were killed when
        ISIL attacked the embassy": the attack is the news)."""
        token = clause
        while token.head.i != token.i:
            head = token.head
            if token.dep_ in BACKGROUND and document_of(token, self.lexicon) is None:
                explains = token.dep_ == "advcl" and is_passive(head)
                if not (explains and not any(c.dep_ == "agent" for c in head.children)):
                    return True
            token = head
        return False

    def _refused(self, clause: Token) -> bool:
        """Whether ``clause`` is negated with a modal of its own: "will not", "cannot", "would not"."""
        children = list(clause.children)
        return any(c.dep_ == "neg" for c in children) and any(
            c.dep_ == "aux" and self.cues.get("aux", c.lower_) is not None for c in children
        )

    def _date(
        self,
        sent: Span,
        candidate: Candidate,
        published: dt.date | None,
        earlier: list[Event],
        phrases: list[Span],
    ) -> EventDate:
        """The event's date: a phrase in its clause or a clause above, an earlier meeting, else publication."""
        token: Token = candidate.clause
        while True:
            if (found := resolve_event_date(sent, token, published, phrases=phrases)) is not None:
                return found
            if (meeting := _earlier_meeting(token, earlier)) is not None:
                return meeting
            if token.dep_ not in DATE_CLIMB or token.head is token:
                break
            token = token.head
        if (fronted := fronted_date(sent, published, phrases=phrases)) is not None:
            return fronted
        if published is None:
            return EventDate()
        day = published.isoformat()
        return EventDate(day, "day", None, published, published)


def _earlier_meeting(token: Token, earlier: list[Event]) -> EventDate | None:
    """The date of the last meeting told before, for "during their last meeting"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("during", "at", "on", "in")):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            words = {t.lower_ for t in noun.subtree}
            if words & EARLIER and (words & MEETING_NOUNS or noun.lemma_ in MEETING_NOUNS):
                for event in reversed(earlier):
                    if event.cameo.root == "04" and event.date.text is not None:
                        return event.date
    return None


def _entity(span: Span) -> Entity:
    """The resolved entity of an actor span; an unresolved agent ("gunmen") carries only its text."""
    entity: Entity | None = span._.entity
    if entity is None:
        return Entity(text=span.text, name=span.text, start=span.start_char, end=span.end_char)
    return entity


def _codes(entities: tuple[Entity, ...]) -> str:
    return ",".join(e.cameo or e.country or e.org or e.name for e in entities)


def _attribution(source: Token, actors: ActorIndex, text: str) -> Entity:
    spans = actors.phrase(source)
    if spans:
        return _entity(spans[0])
    words = sorted(source.subtree, key=lambda t: t.i)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    words_text = text[start:end]
    return Entity(text=words_text, name=words_text, start=start, end=end)


def _embedded(candidate: Candidate) -> tuple[tuple[Token, ...], TriggerRule] | None:
    """The words and rule of the event a frame embeds ("considering sending aid to ..."), if any."""
    inner = candidate.embedded
    if inner is None:
        return None
    words = (inner.token,) if inner.light is None else (inner.token, inner.light)
    return words, inner.rule
