"""Code the sentences of gold files through one coder and score them."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from eventwire.evaluate.gold import GoldFile, GoldSentence
from eventwire.evaluate.readers import read_gold
from eventwire.evaluate.scoring import FileScore, score
from eventwire.records import Article, Event


class ArticleCoder(Protocol):
    """What the evaluation needs of a coder (:class:`eventwire.api.Coder` is one)."""

    def code(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]: ...


def code_gold(gold: GoldFile, coder: ArticleCoder) -> list[list[Event]]:
    """The events coded in each gold item's text, in item order (one article per item)."""
    articles = (
        Article(
            text=item.text,
            id=f"{gold.name}#{item.id}",
            published=item.published if isinstance(item, GoldSentence) else None,
        )
        for item in gold.items
    )
    return [events for _, events in coder.code(articles)]


def evaluate_file(gold: GoldFile, coder: ArticleCoder) -> FileScore:
    """Code a gold file's items and score them; ``seconds`` is the time spent coding and scoring."""
    started = time.perf_counter()
    predictions = code_gold(gold, coder)
    return score(gold, predictions, seconds=time.perf_counter() - started)


def evaluate(
    paths: Sequence[str | Path], coder: ArticleCoder, *, limit: int | None = None
) -> list[FileScore]:
    """Read, code and score each gold file.

    Args:
        paths: gold files in any of the known formats (detected from name and content).
        coder: the loaded coder, used for all files.
        limit: score only the first ``limit`` items of each file.

    Returns:
        One score per file, in the order given.
    """
    return [evaluate_file(read_gold(path, limit=limit), coder) for path in paths]
