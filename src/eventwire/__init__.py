"""eventwire: who did what to whom, when, where and how certainly — coded from news text.

The public API::

    import eventwire
    events = eventwire.code_text(text, published="2024-06-18")
    for event in eventwire.code_articles(articles): ...
"""

from eventwire.api import Coder, code_articles, code_text
from eventwire.config import Settings
from eventwire.errors import EventwireError, InputError
from eventwire.records import Article, Entity, Event, EventDate, Place, to_dict

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Coder",
    "Entity",
    "Event",
    "EventDate",
    "EventwireError",
    "InputError",
    "Place",
    "Settings",
    "__version__",
    "code_articles",
    "code_text",
    "to_dict",
]
