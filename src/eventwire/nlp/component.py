"""The ``eventwire`` spaCy component: actors, then events, on ``doc._.events``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding.lexicon import default_lexicon
from eventwire.nlp.actors import ActorRecognizer
from eventwire.nlp.events import EventExtractor
from eventwire.nlp.extensions import register_extensions


class EventwireComponent:
    """Runs the actor recognizer and the event extractor in turn."""

    def __init__(
        self, nlp: Language, *, actors_files: list[str], verbs_files: list[str] | None = None
    ) -> None:
        register_extensions()
        self.actors = ActorRecognizer(nlp, actors_files=actors_files)
        self.events = EventExtractor(nlp, lexicon=default_lexicon().with_patterns(verbs_files or []))

    def __call__(self, doc: Doc) -> Doc:
        return self.events(self.actors(doc))


@Language.factory(
    "eventwire",
    default_config={"actors_files": [], "verbs_files": []},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.events", "doc.spans"],
)
def make_eventwire(
    nlp: Language, name: str, actors_files: list[str], verbs_files: list[str]
) -> EventwireComponent:
    """Factory of the ``eventwire`` component."""
    return EventwireComponent(nlp, actors_files=actors_files, verbs_files=verbs_files)
