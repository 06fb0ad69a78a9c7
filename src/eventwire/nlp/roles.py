"""Who acts and who is acted on: actor and recipient spans found in the dependency parse.

Which verbs are light, raising or object-control verbs, and which nouns can act without being in the
actor tables, is data (``data/verb_classes.tsv``, class ``agent`` of ``data/object_classes.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from eventwire.coding.lexicon import Lexicon
from eventwire.nlp.extensions import ACTORS_KEY

SUBJECTS = ("nsubj", "csubj")
MODIFIERS = ("poss", "compound", "amod", "nmod")
# Named-entity labels of a subject that may act though the actor tables do not resolve it.
AGENT_LABELS = frozenset(("PERSON", "ORG", "NORP", "GPE"))
AGENT_CLASS = "agent"
NOT_AGENTS = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"))
PARTITIVE_CLASS = "partitive"  # "hundreds of prisoners", "some of the troops": the "of" phrase acts
# Prepositions of time and cause: a noun event in their phrase is no event of the verb they hang on.
CIRCUMSTANCE = frozenset(
    {
        "after",
        "before",
        "during",
        "amid",
        "amidst",
        "despite",
        "following",
        "since",
        "until",
        "because",
        "over",
    }
)
DOCUMENT_CLASS = "document"  # "issued a statement calling on ...": the issuer acts
# Pronouns that, as the subject of a reported clause, usually stand for the speaker.
PERSONAL = frozenset(("it", "they", "he", "she", "we"))
THAT = "that"  # the recipient marker of the subject of a clause the trigger takes


class ActorIndex:
    """Looks up the actor spans of a doc by token."""

    def __init__(self, doc: Doc, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon
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

    def agents(self, token: Token) -> list[Span]:
        """The actors of ``token``'s phrase, else the phrase itself when it names someone who can act.

        A name (a proper noun, a person, organisation or group the parser recognises) or a noun of
        the ``agent`` class ("gunmen", "hackers") acts even when no actor table resolves it; its
        entity then carries only its text.
        """
        if found := self.phrase(token):
            return found
        partitive = self.lexicon is not None and PARTITIVE_CLASS in self.lexicon.classes_of(token.lemma_)
        if partitive or token.pos_ == "NUM":  # "hundreds of prisoners", "some of the troops"
            for pobj in (p for prep in token.children if prep.lower_ == "of" for p in _pobjs(prep)):
                if found := self.agents(pobj):
                    return found
        heads = [h for h in (token, *token.conjuncts) if not (h.i < token.i and token.dep_ == "conj")]
        return _unique(span for h in heads if (span := self._unresolved(h)) is not None)

    def _unresolved(self, token: Token) -> Span | None:
        if token.pos_ in ("PRON", "DET", "NUM") or token.ent_type_ in NOT_AGENTS:
            return None
        left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "nummod", "poss")]
        named = token.pos_ == "PROPN" or token.ent_type_ in AGENT_LABELS
        named = named or any(c.ent_type_ in AGENT_LABELS for c in left)  # "Iraqi Kurds", "Russian aircraft"
        agent = self.lexicon is not None and AGENT_CLASS in self.lexicon.classes_of(token.lemma_)
        if not (named or agent):
            return None
        start = min((c.left_edge.i for c in left), default=token.i)
        end = token.i + 1
        while (
            end < len(token.doc)
            and token.doc[end].dep_ in ("compound", "flat")
            and token.doc[end].head == token
        ):
            end += 1
        return token.doc[start:end]

    def _one(self, token: Token, *, deep: bool) -> list[Span]:
        if (span := self.at(token)) is not None:
            return _unique([span, *self._listed_with(token, span)])
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

    def _listed_with(self, token: Token, span: Span) -> list[Span]:
        """The other parties of a list inside an actor's phrase: "the ambassadors of A, B and C" is one
        actor span for A; B's and C's ambassadors are actors too."""
        found: list[Span] = []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
                for pobj in _pobjs(prep):
                    if span.start <= pobj.i < span.end:
                        found.extend(s for c in pobj.conjuncts if (s := self.at(c)) is not None)
        return found


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


def subject_token(verb: Token, lexicon: Lexicon) -> tuple[Token | None, bool]:
    """The token that names who does ``verb``, and whether it was found in the verb's own clause.

    Follows control and raising: "X vowed to help" (X helps), "X is suspected to have shipped",
    "persuade X to hand over", "X embarked ..., travelling ... to visit".
    """
    # the parser sometimes hangs the subject on an auxiliary: "X however have opposed"
    auxiliaries = [g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children]
    for child in (*verb.children, *auxiliaries):
        if child.dep_ in SUBJECTS:
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head, True
            return _antecedent(child, verb), True
    if headline_clause(verb):
        return verb.head, True
    if (author := _author(verb, lexicon)) is not None:
        return author
    if is_passive(verb):
        for child in verb.children:
            if child.dep_ == "agent":
                pobjs = _pobjs(child)
                return (pobjs[0] if pobjs else None), True
    if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acomp") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "ccomp" or (verb.dep_ == "conj" and is_passive(head) != is_passive(verb)):
            return None, False
        if verb.dep_ == "xcomp" and lexicon.verb_is(head.lemma_, "object_control"):
            for child in head.children:
                if child.dep_ == "dobj":
                    return child, False
        if verb.dep_ == "xcomp" and lexicon.verb_is(head.lemma_, "raising"):
            for child in head.children:
                if child.dep_ == "nsubjpass":
                    return child, False
        if head.pos_ == "ADJ" and head.dep_ == "acomp":  # "is willing to withdraw", "ready to help"
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return None, False
        subject, _ = subject_token(head, lexicon)
        return subject, False
    return None, False


def document_of(verb: Token, lexicon: Lexicon) -> Token | None:
    """The document whose words a participle tells: the noun it hangs on ("a statement calling on"),
    or the object of the verb it hangs on ("sent a letter to the WHO, threatening to ..."); else None."""
    if verb.tag_ != "VBG":
        return None
    if verb.dep_ == "acl" and DOCUMENT_CLASS in lexicon.classes_of(verb.head.lemma_):
        return verb.head
    if verb.dep_ == "advcl":
        return next(
            (
                c
                for c in verb.head.children
                if c.dep_ == "dobj" and DOCUMENT_CLASS in lexicon.classes_of(c.lemma_)
            ),
            None,
        )
    return None


def _author(verb: Token, lexicon: Lexicon) -> tuple[Token | None, bool] | None:
    """For a participle that tells what a document says ("issued a statement calling on the council",
    "put out a report accusing the army"), who wrote it: the document's possessor, else the subject of
    the verb that issued it. None when ``verb`` is no such participle."""
    document = document_of(verb, lexicon)
    if document is None:
        return None
    for child in document.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child, False
    if document.dep_ == "dobj" and document.head.pos_ in ("VERB", "AUX"):
        return subject_token(document.head, lexicon)[0], False
    return None


def addressees(verb: Token, lexicon: Lexicon) -> list[Token]:
    """For a participle that tells what a document says, whom the document went to ("sent a letter to
    the WHO threatening to cut funding": the WHO); none for any other verb."""
    document = document_of(verb, lexicon)
    if document is None:
        return []
    found = prep_objects(document, "to")
    if document.dep_ == "dobj":
        found += prep_objects(document.head, "to")
        found += [c for c in document.head.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    return found


def headline_clause(verb: Token) -> bool:
    """Whether the parser read a whole clause as a noun with a participle ("The army carried out ...").

    The sentence's root is then the subject noun and the verb hangs on it as ``acl``; a full sentence
    that is only a noun and a past participle is rare in news, so the noun is read as the subject.
    """
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and head.i < verb.i
        and not any(c.dep_ == "agent" for c in verb.children)
        and not any(t.dep_ == "acl" and t.head == head and t.i < verb.i for t in head.children)
    )


def _antecedent(subject: Token, verb: Token) -> Token:
    """For a pronoun subject of a reported clause, the speaker ("Syria says it will not accept")."""
    if subject.pos_ != "PRON" or subject.lower_ not in PERSONAL:
        return subject
    token = verb
    while token.dep_ in ("ccomp", "xcomp", "conj", "advcl") and token.head is not token:
        token = token.head
        speaker = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.pos_ != "PRON":
            return speaker
    return subject


def agent_of_noun(noun: Token, lexicon: Lexicon, actors: ActorIndex) -> tuple[Token | None, Token | None]:
    """Who does a noun event, and the light verb that lent it, if any.

    The possessor ("Putin's visit"), a "by" phrase ("the shelling of Kharkiv by Russian forces"), an
    actor modifier ("Russian shelling", "US sanctions"), or the subject of a light verb ("hold talks",
    "launch strikes", "go on strike", "engage in talks").
    """
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":  # "their assault": the light verb's subject
            return child, None
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            pobjs = _pobjs(child)
            if pobjs:
                return pobjs[0], None
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and actors.at(child) is not None:
            return child, None
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        if head.lower_ in CIRCUMSTANCE:  # "imposed a curfew after clashes": the clashes are not imposed
            return None, None
        head = head.head
    elif noun.dep_ not in ("dobj", "nsubjpass", "conj") or head.pos_ not in ("VERB", "AUX"):
        return None, None
    if noun.dep_ == "conj":
        return agent_of_noun(noun.head, lexicon, actors) if noun.head.pos_ == "NOUN" else (None, None)
    if lexicon.verb_is(head.lemma_, "light"):
        subject, _ = subject_token(head, lexicon)
        return subject, head
    return None, None


def prep_objects(token: Token, marker: str) -> list[Token]:
    """Objects of the prepositions ``marker`` attached to ``token``."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == marker:
            out.extend(_pobjs(child))
    return out


def _clause_subjects(token: Token) -> list[Token]:
    """The subjects of the clauses ``token`` takes ("concern that the talks could fail": the talks)."""
    return [
        subject
        for clause in token.children
        if clause.dep_ in ("ccomp", "acl") and clause.pos_ in ("VERB", "AUX")
        for subject in clause.children
        if subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ != "PRON"
    ]


def recipient_tokens(
    trigger: Token, markers: Iterable[str], *, extra_heads: Iterable[Token] = ()
) -> list[Token]:
    """Candidate recipient tokens of a trigger, in the order of its lexicon markers (``that``: the
    subject of the clause the trigger or its object takes, "voiced doubt that the plan will work")."""
    heads = [trigger, *extra_heads]
    passive = trigger.pos_ in ("VERB", "AUX") and is_passive(trigger)
    out: list[Token] = []
    for marker in markers:
        for head in heads:
            if marker == "obj":
                deps = ("nsubjpass",) if passive and head is trigger else ("dobj",)
                found = [c for c in head.children if c.dep_ in deps]
                if not found and passive and head is trigger and trigger.dep_ == "conj":
                    # "the fishermen, held for months, have been freed": the subject they share
                    found = [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                out.extend(found)
            elif marker == THAT:
                for owner in (head, *(c for c in head.children if c.dep_ == "dobj")):
                    out.extend(_clause_subjects(owner))
            elif marker == "dative":
                for child in head.children:
                    if child.dep_ == "dative":
                        out.extend(_pobjs(child) if child.pos_ == "ADP" else [child])
            else:
                out.extend(prep_objects(head, marker))
                for obj in (c for c in head.children if c.dep_ == "dobj"):
                    for noun in object_nouns(obj):
                        out.extend(prep_objects(noun, marker))
                if marker != "for":  # what the act is for: "mobilized troops for an assault against X"
                    for noun in prep_objects(head, "for"):
                        out.extend(prep_objects(noun, marker))
    return out


def object_nouns(obj: Token, depth: int = 2) -> list[Token]:
    """A direct object and the words inside it that a trigger's preposition may hang on: the nouns
    of its "of"/"in" phrases, its conjuncts and its participles ("lifted sanctions imposed on Eritrea", "provided
    3 million euros in funding to Lebanon", "returned dozens of artifacts to the embassy")."""
    found = [obj]
    if depth == 0:
        return found
    for child in obj.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            found.append(child)
        elif child.dep_ == "conj":  # "sent vehicles and a team of paratroopers to Lebanon"
            found.extend(object_nouns(child, depth - 1))
        elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in _pobjs(child):
                found.extend(object_nouns(pobj, depth - 1))
    return found


def direct_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "dobj":
            return child
    return None
