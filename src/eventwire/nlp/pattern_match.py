"""Match user verb patterns (:mod:`eventwire.coding.verb_patterns`) against a parsed sentence.

A pattern's words after the verb are looked for from the verb rightwards, those before it from the
verb leftwards, the nearest first; words joined in the pattern must be next to each other in the
sentence. A word matches a token by its text, as PETRARCH does ("effort" is not "efforts"), or a run
of tokens written together ("peace-keeping", "didn't"). ``+`` and ``$`` match an actor span starting (rightwards) or ending
(leftwards) there, ``%`` an actor span with actors joined to it ("Arnor and Gondor"), ``^`` any word
(what follows it may come after more words).

Of the patterns that match, the most specific wins (the most words and markers), then the one that
found a target, then the earlier one: PETRARCH's longest match.

Who acts and who is acted on (:func:`pattern_events`): the source is the actor at the pattern's ``$``,
else the verb's subject (or the first actor inside it); the target the actor at ``+``, else a passive
verb's subject, else, as in PETRARCH, the first actor after the verb in its phrase ("welcomed the
resumption of ties with Osgiliath"), with the actors joined to it. A target that is the verb's own subject ("noted that Mordor regretted") leaves the source to the
clause above. A code told both ways ("arrived in": 032, and 033 from host to visitor) gives the event
back too. A compound subject at ``%`` acts together on the target; with no target ("Arnor and
Gondor agreed") the event goes each way between its members. A compound at ``%`` after the verb is
the target ("agrees with Arnor and Gondor").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventwire.coding.lexicon import Lexicon
from eventwire.coding.verb_patterns import (
    ANY,
    COMPOUND,
    NO_EVENT,
    SOURCE,
    TARGET,
    Discard,
    Term,
    VerbPattern,
    choices,
)
from eventwire.nlp.roles import ActorIndex, is_passive, subject_token

# Clauses whose subject tells what a clause below it says ("X noted that Y regretted").
TELLING = ("ccomp", "xcomp", "advcl", "conj")


@dataclasses.dataclass(frozen=True, slots=True)
class PatternMatch:
    """A pattern found around a verb: the tokens its words took and the actors at its markers."""

    pattern: VerbPattern
    words: tuple[Token, ...] = ()
    target: tuple[Span, ...] = ()
    source: tuple[Span, ...] = ()
    compound: tuple[Span, ...] = ()

    @property
    def rank(self) -> tuple[int, bool]:
        return self.pattern.specificity, bool(self.target)


@dataclasses.dataclass(frozen=True, slots=True)
class PatternEvent:
    """One event a pattern codes: the code, who acts and who is acted on (either may be empty)."""

    code: str
    actor: tuple[Span, ...]
    recipient: tuple[Span, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class PatternEvents:
    """The events of a verb's best pattern, with the verb's subject and whether the source is it."""

    match: PatternMatch
    events: tuple[PatternEvent, ...]
    subject: Token | None
    direct: bool


@dataclasses.dataclass(frozen=True, slots=True)
class _Found:
    words: tuple[Token, ...] = ()
    slots: tuple[tuple[str, tuple[Span, ...]], ...] = ()

    def __add__(self, other: _Found) -> _Found:
        return _Found(self.words + other.words, self.slots + other.slots)


def best_match(
    verb: Token, sent: Span, patterns: Sequence[VerbPattern], actors: ActorIndex
) -> PatternMatch | None:
    """The pattern that codes ``verb``: the most specific that matches, else None (``patterns``
    come the most specific first)."""
    best: PatternMatch | None = None
    for pattern in patterns:
        if best is not None and pattern.specificity < best.pattern.specificity:
            break
        match = _match(verb, sent, pattern, actors)
        if match is not None and (best is None or match.rank > best.rank):
            best = match
    return best


def pattern_events(
    verb: Token, sent: Span, patterns: Sequence[VerbPattern], actors: ActorIndex, lexicon: Lexicon
) -> PatternEvents | None:
    """The events the best of ``patterns`` codes at ``verb``; None when it codes ``---``."""
    match = best_match(verb, sent, patterns, actors)
    if match is None or match.pattern.code == NO_EVENT:
        return None
    code, back = match.pattern.code, match.pattern.reverse
    subject, direct = subject_token(verb, lexicon)
    actor = match.source or (_within(subject, actors) if subject is not None else ())
    if match.target and set(match.target) & set(actor) and not match.source:
        actor, direct = _teller(verb, actors, lexicon), False
    target = match.target or _patient(verb, actors, actor) or first_actors(verb, actors, exclude=actor)
    members = match.compound
    if members and (not actor or set(actor) <= set(members)):
        target = tuple(t for t in target if t not in members)
        if not target:
            pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
            events = [
                e
                for a, b in pairs
                for e in (PatternEvent(code, (a,), (b,)), PatternEvent(back or code, (b,), (a,)))
            ]
            return PatternEvents(match, tuple(events), subject, direct)
        actor = members
    elif members:
        target = members
    target = tuple(t for t in target if t not in actor)
    events = [PatternEvent(code, actor, target)]
    if back is not None and actor and target:
        events.append(PatternEvent(back, target, actor))
    return PatternEvents(match, tuple(events), subject, direct)


def first_actors(verb: Token, actors: ActorIndex, *, exclude: Sequence[Span] = ()) -> tuple[Span, ...]:
    """The first actor after ``verb`` in its phrase, with the actors joined to it (see :func:`_beyond`)."""
    for token in verb.subtree:
        span = actors.at(token)
        if token.i <= verb.i or span is None or span in exclude or _beyond(token, verb):
            continue
        if found := tuple(s for s in coordinated(span, actors) if s not in exclude):
            return found
    return ()


def _within(token: Token, actors: ActorIndex) -> tuple[Span, ...]:
    """The actors of the phrase ``token`` heads, else the first actors inside it ("the resumption of
    ties between Arnor and Gondor")."""
    if found := actors.agents(token):
        return tuple(found)
    for word in token.subtree:
        if (span := actors.at(word)) is not None:
            return coordinated(span, actors)
    return ()


def _patient(verb: Token, actors: ActorIndex, actor: Sequence[Span]) -> tuple[Span, ...]:
    """The actors a passive verb's subject names ("Eriador was opposed by Osgiliath"), if any."""
    if not is_passive(verb):
        return ()
    spans = [s for c in verb.children if c.dep_ == "nsubjpass" for s in actors.agents(c)]
    return tuple(s for s in spans if s not in actor)


def _beyond(token: Token, verb: Token) -> bool:
    """Whether ``token`` hangs on ``verb`` through a clause of its own: a verb joined to it by "and"
    ("condemned the attack and promised aid to ..."), or a clause that a conjunction subordinates
    ("postponed their meeting after a hafling was seen in Mordor")."""
    while token.i != verb.i and token.head.i != token.i:
        if token.head.i == verb.i and token.pos_ in ("VERB", "AUX") and _own_clause(token):
            return True
        token = token.head
    return False


def _own_clause(clause: Token) -> bool:
    subordinate = clause.dep_ == "advcl" and any(c.dep_ == "mark" for c in clause.children)
    return clause.dep_ == "conj" or subordinate


def _teller(verb: Token, actors: ActorIndex, lexicon: Lexicon) -> tuple[Span, ...]:
    """The actors of the clause above ``verb`` that tells of it ("X noted that Y regretted": X)."""
    head = verb.head
    if verb.dep_ not in TELLING or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return ()
    subject, _ = subject_token(head, lexicon)
    return tuple(actors.agents(subject)) if subject is not None else ()


def discarded(sents: Sequence[Span], discards: Sequence[Discard]) -> set[int]:
    """The indices of the sentences a discard phrase takes out (all of them for an article-wide one)."""
    hits: dict[int, Discard] = {}
    for index, sent in enumerate(sents):
        words = [t.lower_ for t in sent]
        for discard in discards:
            size = len(discard.words)
            if any(tuple(words[i : i + size]) == discard.words for i in range(len(words) - size + 1)):
                hits[index] = discard
                break
    if any(d.scope == "article" for d in hits.values()):
        return set(range(len(sents)))
    return set(hits)


def _match(verb: Token, sent: Span, pattern: VerbPattern, actors: ActorIndex) -> PatternMatch | None:
    after = _side(pattern.after, verb.i + 1, sent, actors, step=1)
    if after is None:
        return None
    before = _side(pattern.before[::-1], verb.i - 1, sent, actors, step=-1)
    if before is None:
        return None
    slots: dict[str, tuple[Span, ...]] = {}
    for marker, spans in (before + after).slots:
        slots.setdefault(marker, spans)
    return PatternMatch(
        pattern,
        before.words + after.words,
        slots.get(TARGET, ()),
        slots.get(SOURCE, ()),
        slots.get(COMPOUND, ()),
    )


def _side(
    terms: tuple[Term, ...],
    start: int,
    sent: Span,
    actors: ActorIndex,
    *,
    step: int,
    failed: set[tuple[int, int]] | None = None,
) -> _Found | None:
    """The first way, nearest first, to match ``terms`` (ordered from the verb outwards) from ``start``
    in direction ``step``; ``failed`` remembers (terms left, position) that cannot match."""
    if not terms:
        return _Found()
    failed = set() if failed is None else failed
    if (len(terms), start) in failed:
        return None
    term, rest = terms[0], terms[1:]
    stop = sent.end if step > 0 else sent.start - 1
    for position in [start] if term.tight else range(start, stop, step):
        if not sent.start <= position < sent.end:
            break
        if (here := _term(term, position, sent, actors, step=step)) is not None:
            more = _side(rest, here[1], sent, actors, step=step, failed=failed)
            if more is not None:
                return here[0] + more
    failed.add((len(terms), start))
    return None


def _term(term: Term, at: int, sent: Span, actors: ActorIndex, *, step: int) -> tuple[_Found, int] | None:
    """What ``term`` finds at token ``at`` and the next position to look at, or None."""
    if term.text == ANY:
        return _Found(), at + step
    if not term.marker:
        for words in choices(term.text):
            if taken := _sequence(words, at, sent, step=step):
                return _Found(words=tuple(taken)), taken[-1].i + step
        return None
    span = actors.at(sent.doc[at])
    if span is None or (span.start if step > 0 else span.end - 1) != at:
        return None
    spans = coordinated(span, actors)
    if term.text == COMPOUND and len(spans) < 2:
        return None
    following = max(s.end for s in spans) if step > 0 else min(s.start for s in spans) - 1
    return _Found(slots=((term.text, spans),)), following


def coordinated(span: Span, actors: ActorIndex) -> tuple[Span, ...]:
    """The actor ``span`` and the actors joined to it by "and" ("Arnor, Gondor and Rohan")."""
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    members = actors.phrase(head)
    return tuple(members) if span in members else (span,)


def _sequence(words: tuple[str, ...], at: int, sent: Span, *, step: int) -> list[Token]:
    """The tokens from ``at`` that spell ``words`` one after the other, else []."""
    taken: list[Token] = []
    for word in words if step > 0 else reversed(words):
        if not sent.start <= at < sent.end or not (found := _word(word, at, sent, step=step)):
            return []
        taken += found
        at = found[-1].i + step
    return taken


def _word(word: str, at: int, sent: Span, *, step: int) -> list[Token]:
    """The tokens from ``at`` (rightwards or leftwards) that spell ``word``."""
    token = sent.doc[at]
    if token.lower_ == word:
        return [token]
    taken: list[Token] = []
    text = ""
    position = at
    while sent.start <= position < sent.end and len(text) < len(word):
        token = sent.doc[position]
        if taken and (taken[-1] if step > 0 else token).whitespace_:
            return []
        text = text + token.lower_ if step > 0 else token.lower_ + text
        taken.append(token)
        position += step
    return taken if text == word and len(taken) > 1 else []
