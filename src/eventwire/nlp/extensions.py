"""Custom attributes on spaCy objects, registered once.

- ``Doc._.article``: the :class:`~eventwire.records.Article` the doc was made from (or None).
- ``Doc._.published``: the publication date that relative dates resolve against (or None).
- ``Doc._.events``: the coded :class:`~eventwire.records.Event` records (a list).
- ``Span._.entity``: the resolved :class:`~eventwire.records.Entity` of an actor span.

Actor spans live in ``doc.spans[ACTORS_KEY]``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

ACTORS_KEY = "eventwire_actors"


def register_extensions() -> None:
    """Register eventwire's extensions; safe to call more than once."""
    for name in ("article", "published", "events"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("entity"):
        Span.set_extension("entity", default=None)
