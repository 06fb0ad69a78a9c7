"""How far an actor mention reaches: from the words that resolve it to its whole noun phrase.

The recognizer resolves an actor from a few words (``Iraqi air force``, ``Taliban``); the mention in
the text is the noun phrase around them, with its determiner and modifiers (``the Iraqi air force``,
``several Boko Haram fighters``, ``reinforced British troops``) and an acronym given in parentheses
after it (``the Nigerian Air Force (NAF)``). The extension follows the dependency parse and never
reaches into a neighbouring actor.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["noun_phrase"]

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
