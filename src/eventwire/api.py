"""The Python API: code texts and articles into event records."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.config import Settings
from eventwire.errors import InputError
from eventwire.nlp.extensions import register_extensions
from eventwire.nlp.pipeline import build_pipeline
from eventwire.records import Article, Event


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A publication date from a date or an ISO ``YYYY-MM-DD`` string."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise ValueError(f"not a date (want YYYY-MM-DD): {value!r}") from exc


def as_article(item: Article | Mapping[str, Any]) -> Article:
    """An Article from an Article or a dict with ``text`` (and ``id``, ``title``, ``url``, ``published``)."""
    if isinstance(item, Article):
        return item
    text = item.get("text")
    if not isinstance(text, str):
        raise InputError("<article>", "an article needs a 'text' string")
    return Article(
        text=text,
        id=str(item.get("id") or ""),
        title=item.get("title"),
        url=item.get("url"),
        published=as_date(item.get("published")),
    )


class Coder:
    """A loaded pipeline that codes articles; load once, use for many articles."""

    def __init__(self, settings: Settings | None = None) -> None:
        register_extensions()
        self.settings = settings or Settings.from_env()
        self.nlp: Language = build_pipeline(self.settings)

    def make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.article = article
        doc._.published = article.published
        return doc

    def code(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code each article; yields it with its events, in input order."""
        docs = (self.make_doc(a) for a in articles)
        for doc in self.nlp.pipe(
            docs, batch_size=self.settings.batch_size, n_process=self.settings.n_process
        ):
            yield doc._.article, list(doc._.events or [])


def _coder(settings: Settings | None) -> Coder:
    return cached_coder(settings or Settings.from_env())


@functools.lru_cache(maxsize=4)
def cached_coder(settings: Settings) -> Coder:
    """A Coder for ``settings``, loaded once per process."""
    return Coder(settings)


def code_text(
    text: str, *, published: dt.date | str | None = None, settings: Settings | None = None
) -> list[Event]:
    """Code one article text into events.

    Args:
        text: the article text.
        published: publication date; relative dates in the text resolve against it.
        settings: model and options (defaults from the environment).

    Returns:
        The article's events, in text order.
    """
    article = Article(text=text, published=as_date(published))
    return [e for _, events in _coder(settings).code([article]) for e in events]


def code_articles(
    articles: Iterable[Article | Mapping[str, Any]], *, settings: Settings | None = None
) -> Iterator[Event]:
    """Code many articles (Article records or dicts with ``text``); yields their events.

    With ``settings.n_process`` above 1 the articles are coded in that many worker processes.
    """
    from eventwire.dist.local import LocalEngine

    engine = LocalEngine(settings or Settings.from_env())
    for _, events in engine.code(as_article(a) for a in articles):
        yield from events
