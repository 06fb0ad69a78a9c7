"""How far an actor mention reaches: from the words that resolve it to its whole noun phrase.

The recognizer resolves an actor from a few words (``Iraqi air force``, ``Taliban``); the mention in
the text is the noun phrase around them, with its determiner and modifiers (``the Iraqi air force``,
``several Boko Haram fighters``, ``reinforced British troops``) and an acronym given in parentheses
after it (``the Nigerian Air Force (NAF)``). The extension follows the dependency parse and never
reaches into a neighbouring actor.

:func:`whole_phrase` reaches further, for the phrase an event acts on: the noun phrase with its place,
part and owner phrases and participles (``an arms depot of the Syrian army``, ``the draft budget
proposed by the ministry``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["noun_phrase", "whole_phrase"]

# Dependents before a noun that belong to its phrase: articles, possessors, adjectives, numbers (and
# the words that join or mark them: ``Nigerian and British``, ``Libya 's``, ``rebel-held``).
_LEFT = frozenset(
    {
        "det",
        "predet",
        "poss",
        "amod",
        "compound",
        "nummod",
        "quantmod",
        "nmod",
        "advmod",
        "case",
        "cc",
        "conj",
    }
)
_REACH = 8  # tokens a phrase may reach before the actor
_MAX_ACRONYM = 8  # letters of an acronym in parentheses
_ENTITY_LABELS = frozenset({"ORG", "NORP", "GPE"})  # named entities an actor may stand inside


def noun_phrase(
    doc: Doc, start: int, end: int, *, after: int = 0, before: int | None = None
) -> tuple[int, int]:
    """The tokens ``start``..``end`` of an actor mention, widened to its noun phrase.

    Args:
        doc: the parsed doc.
        start, end: the tokens the actor was resolved from.
        after: the first token the phrase may take (the end of the actor before it).
        before: the token the phrase must stop at (the start of the actor after it).

    Returns:
        The new start and end.
    """
    limit = len(doc) if before is None else before
    if not doc.has_annotation("DEP"):
        return start, end
    end = _head_noun(doc, start, end, limit)
    end = max(end, _named_entity_end(doc, start, end, limit))
    start = _left_edge(doc, start, end, after)
    if end + 2 < limit and doc[end].text == "(" and doc[end + 2].text == ")":
        word = doc[end + 1].text
        if word.isupper() and word.isalpha() and 2 <= len(word) <= _MAX_ACRONYM:
            end += 3
    return start, end


def _left_edge(doc: Doc, start: int, end: int, after: int) -> int:
    """The first token of the phrase: the furthest start from which every added token depends, by a
    phrase-internal relation, on a token of the phrase."""
    best = start
    for i in range(start - 1, max(after, start - _REACH) - 1, -1):
        token = doc[i]
        if token.dep_ not in _LEFT and not _joining(token):
            break
        if token.dep_ in ("advmod", "npadvmod") and token.head.pos_ not in ("ADJ", "ADV", "VERB"):
            break  # "heavily armed", "cash-starved", not "even Putin"
        opens = not _joining(token) and token.dep_ not in ("case", "cc")
        if opens and all(i <= t.head.i < end and t.head.i != t.i for t in doc[i:start]):
            best = i
    return best


def _joining(token: Token) -> bool:
    return token.tag_ == "HYPH" or token.text in ("’", "'", "'s", "’s")


def _head_noun(doc: Doc, start: int, end: int, limit: int) -> int:
    """Past a name to the plural noun it modifies: ``Taliban suicide bombers``, ``ISIL fighters``."""
    head = Span(doc, start, end).root.head
    if not (end <= head.i < limit and head.tag_ == "NNS" and head.pos_ == "NOUN"):
        return end
    if all(start <= t.head.i <= head.i and t.dep_ in ("compound", "amod") for t in doc[end : head.i]):
        return head.i + 1
    return end


def _named_entity_end(doc: Doc, start: int, end: int, limit: int) -> int:
    """The end of an organisation's name the actor's words begin (``Department of Education``)."""
    ent = _entity_at(doc, start)
    if ent is None or ent.label_ not in _ENTITY_LABELS or ent.end > limit or ent.start < start - 1:
        return end
    last = ent.end
    while last > end and (doc[last - 1].tag_ == "POS" or _joining(doc[last - 1])):
        last -= 1  # the possessive ending is not part of the name (North Korea's)
    return last


def _entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity holding token ``i``, from the tokens' IOB tags (``doc.ents`` rebuilds every span)."""
    if not doc[i].ent_type_:
        return None
    start = i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[i].ent_type_)


# Dependents of a noun that leave its phrase: other conjuncts and what joins them, clauses of their own.
_OUTSIDE = frozenset({"conj", "cc", "preconj", "punct", "advcl", "parataxis", "ccomp", "mark", "relcl"})
_TIMES = frozenset({"DATE", "TIME"})
# Prepositions that attach a place, a part or an owner to a noun ("a base in Kandahar", "a depot of the
# army", "an offer from the government"); others introduce what the noun is about ("a request for
# talks", "comments on the deal") and are left out of the phrase.
ATTACHING = frozenset({"of", "in", "at", "near", "from", "by", "inside", "outside", "within", "with", "to"})


def whole_phrase(
    head: Token,
    *,
    leave: frozenset[str] = frozenset(),
    skip: frozenset[int] = frozenset(),
    holding: Token | None = None,
) -> tuple[int, int]:
    """The tokens of the noun phrase headed by ``head``: its determiner, modifiers, possessor,
    apposition, participle ("proposed by the council") and place, part or owner phrases; without the
    other conjuncts of a coordination, a relative, infinitive or "that" clause, what the noun is about
    ("a request for talks"), a date ("on Monday") or punctuation at its edges. The phrases it holds are
    cut by the same rules.

    Args:
        head: the phrase's noun.
        leave: prepositions left out whatever they attach (those the verb takes: "told X about").
        skip: indexes of dependents of ``head`` left out (a phrase the parser hung on the noun that
            belongs to the verb: "accused the commander of war crimes").
        holding: a token the phrase must hold (the actor it was reached from): the dependent it lies
            in is kept whatever it is.

    Returns:
        The start and end token indexes.
    """
    start, end = _extent(head, leave, holding, top=True, skip=skip)
    doc = head.doc
    end = _before_date(doc, head.i, end)
    while start < head.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    while end - 1 > head.i and doc[end - 1].is_punct and doc[end - 1].text not in (")", "]"):
        end -= 1
    if end < len(doc) and doc[end].text == ")" and "(" in (t.text for t in doc[start:end]):
        end += 1  # the parser hangs the closing bracket of "(CAR)" on the noun
    return start, end


def _extent(
    token: Token,
    leave: frozenset[str],
    holding: Token | None,
    *,
    top: bool,
    skip: frozenset[int] = frozenset(),
) -> tuple[int, int]:
    """The first and last token + 1 of ``token`` and the dependents that belong to its phrase."""
    start, end = token.i, token.i + 1
    for child in token.children:
        held = holding is not None and child.left_edge.i <= holding.i <= child.right_edge.i
        if child.i in skip and not held:
            continue
        if held and holding is not None:  # the actor's dependent, up to a relative clause after a comma
            first, last = child.left_edge.i, _before_aside(child, holding)
        elif _inside(child, leave, top=top):
            first, last = _extent(child, leave, None, top=False)
            if child.dep_ == "acl" and (first, last) == (child.i, child.i + 1):
                continue  # a participle left without its phrases ("known as ...") is left out
        else:
            continue
        start, end = min(start, first), max(end, last)
    return start, end


def _before_aside(token: Token, holding: Token) -> int:
    """The end of ``token``'s subtree, cut before a relative clause after ``holding`` that a comma sets
    off ("talks with the government, which it calls a puppet")."""
    doc = token.doc
    end = token.right_edge.i + 1
    for word in token.subtree:
        start = word.left_edge.i
        if word.dep_ == "relcl" and start > holding.i + 1 and doc[start - 1].text == ",":
            end = min(end, start - 1)
    return end


def _inside(child: Token, leave: frozenset[str], *, top: bool) -> bool:
    """Whether a dependent belongs to the phrase (see :func:`whole_phrase`); conjuncts belong inside
    a phrase ("people in Somalia and Kenya"), not at its top, where each is a phrase of its own."""
    if child.dep_ in ("conj", "cc", "punct"):
        return not top
    if child.dep_ in _OUTSIDE or child.ent_type_ in _TIMES:
        return False
    if child.dep_ == "prep":
        if child.ent_iob_ == "I":  # inside a name: "the Association for the Defence of Human Rights"
            return True
        if child.lower_ not in ATTACHING or child.lower_ in leave:
            return False
        return not any(t.ent_type_ in _TIMES for t in child.children if t.dep_ == "pobj")
    if child.dep_ == "appos":  # "his counterpart, Michel Aoun", "(SIMI)", not "al-Shabab, a group ..."
        return child.head.pos_ != "PROPN" or (
            child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text == "("
        )
    if child.dep_ == "acl":  # a participle belongs, an infinitive or a "that" clause does not
        return child.tag_ in ("VBN", "VBG") and not any(c.dep_ in ("aux", "mark") for c in child.children)
    return True


def _before_date(doc: Doc, head: int, end: int) -> int:
    """The end of a phrase cut before a date phrase that closes it ("positions in Gaza on Tuesday night")."""
    for token in doc[head + 1 : end]:
        date = token.ent_type_ in _TIMES and token.ent_iob_ == "B"
        if date and all(t.ent_type_ in _TIMES or t.is_punct for t in doc[token.i : end]):
            start = token.i - 1 if doc[token.i - 1].dep_ == "prep" else token.i
            return max(start, head + 1)
    return end
