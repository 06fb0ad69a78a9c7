"""Who acts and who is acted on: actor and recipient spans found in the dependency parse."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from eventwire.nlp.extensions import ACTORS_KEY

SUBJECTS = ("nsubj", "csubj")
MODIFIERS = ("poss", "compound", "amod", "nmod")
# Verbs whose passive raises the subject of the clause they embed: "X is suspected to have shipped".
RAISING = frozenset(
    [
        "suspect",
        "think",
        "believe",
        "say",
        "report",
        "expect",
        "know",
        "allege",
        "understand",
        "rumour",
        "rumor",
        "see",
        "claim",
    ]
)
# Verbs whose object is the subject of the clause they embed: "persuade Moscow to hand over".
OBJECT_CONTROL = frozenset(
    ["persuade", "urge", "ask", "force", "allow", "order", "tell", "invite", "encourage", "press", "convince"]
)
# Verbs that lend their subject to a noun event: "hold talks", "impose sanctions", "launch an attack".
LIGHT_VERBS = frozenset(
    [
        "hold",
        "conduct",
        "launch",
        "carry",
        "impose",
        "sign",
        "make",
        "pay",
        "begin",
        "start",
        "stage",
        "announce",
        "give",
        "provide",
        "order",
        "mount",
        "resume",
        "continue",
        "wage",
        "host",
        "attend",
        "join",
        "end",
        "complete",
        "undertake",
        "plan",
    ]
)


class ActorIndex:
    """Looks up the actor spans of a doc by token."""

    def __init__(self, doc: Doc) -> None:
        self.by_token: dict[int, Span] = {}
        for span in doc.spans.get(ACTORS_KEY, []):
            for i in range(span.start, span.end):
                self.by_token[i] = span

    def at(self, token: Token) -> Span | None:
        return self.by_token.get(token.i)

    def phrase(self, token: Token, *, deep: bool = True) -> list[Span]:
        """The actors named by the noun phrase headed by ``token`` (its conjuncts included)."""
        found: list[Span] = []
        for head in (token, *token.conjuncts):
            if head.i < token.i and token.dep_ == "conj":
                continue
            found.extend(self._one(head, deep=deep))
        return _unique(found)

    def _one(self, token: Token, *, deep: bool) -> list[Span]:
        if (span := self.at(token)) is not None:
            return [span]
        found = [s for c in token.children if c.dep_ in MODIFIERS and (s := self.at(c)) is not None]
        if found or not deep:
            return found
        for child in token.children:
            if child.dep_ == "appos":
                found.extend(self._one(child, deep=False))
            elif child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                for pobj in _pobjs(child):
                    found.extend(self._one(pobj, deep=False))
        return _unique(found)


def _unique(spans: Iterable[Span]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    out: list[Span] = []
    for span in spans:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            out.append(span)
    return out


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subject_token(verb: Token) -> tuple[Token | None, bool]:
    """The token that names who does ``verb``, and whether it was found in the verb's own clause.

    Follows control and raising: "X vowed to help" (X helps), "X is suspected to have shipped",
    "persuade X to hand over", "X embarked ..., travelling ... to visit".
    """
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head, True
            return child, True
    if is_passive(verb):
        for child in verb.children:
            if child.dep_ == "agent":
                pobjs = _pobjs(child)
                return (pobjs[0] if pobjs else None), True
    if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acomp") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "ccomp":
            return None, False
        if verb.dep_ == "xcomp" and head.lemma_ in OBJECT_CONTROL:
            for child in head.children:
                if child.dep_ == "dobj":
                    return child, False
        if verb.dep_ == "xcomp" and head.lemma_ in RAISING:
            for child in head.children:
                if child.dep_ == "nsubjpass":
                    return child, False
        subject, _ = subject_token(head)
        return subject, False
    return None, False


def agent_of_noun(noun: Token) -> tuple[Token | None, Token | None]:
    """Who does a noun event (its possessor, a "by" phrase, or the subject of a light verb)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child, None
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            pobjs = _pobjs(child)
            if pobjs:
                return pobjs[0], None
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head.lemma_ in LIGHT_VERBS:
        subject, _ = subject_token(head)
        return subject, head
    return None, None


def prep_objects(token: Token, marker: str) -> list[Token]:
    """Objects of the prepositions ``marker`` attached to ``token``."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == marker:
            out.extend(_pobjs(child))
    return out


def recipient_tokens(
    trigger: Token, markers: Iterable[str], *, extra_heads: Iterable[Token] = ()
) -> list[Token]:
    """Candidate recipient tokens of a trigger, in the order of its lexicon markers."""
    heads = [trigger, *extra_heads]
    passive = trigger.pos_ in ("VERB", "AUX") and is_passive(trigger)
    out: list[Token] = []
    for marker in markers:
        for head in heads:
            if marker == "obj":
                deps = ("nsubjpass",) if passive and head is trigger else ("dobj",)
                out.extend(c for c in head.children if c.dep_ in deps)
            elif marker == "dative":
                for child in head.children:
                    if child.dep_ == "dative":
                        out.extend(_pobjs(child) if child.pos_ == "ADP" else [child])
            else:
                out.extend(prep_objects(head, marker))
                for obj in (c for c in head.children if c.dep_ == "dobj"):
                    out.extend(prep_objects(obj, marker))
    return out


def direct_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "dobj":
            return child
    return None
