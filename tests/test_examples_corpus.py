"""Checks that the demo corpus in examples/demo/articles.jsonl is well formed."""

import datetime as dt
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "demo" / "articles.jsonl"
REQUIRED_KEYS = {"id", "title", "text", "published", "url"}
# Phrases of the seed example article: the demo texts must be our own writing, not copies of it.
SEED_PHRASES = (
    "budding bromance",
    "most isolated state",
    "comrade vladimir",
    "tete-a-tete",
    "sanction-starved",
    "bulletproof train",
    "enemy’s enemy",
)


def _lines() -> list[str]:
    return [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles() -> list[dict[str, object]]:
    return [json.loads(line) for line in _lines()]


def test_examples_every_line_is_a_json_object() -> None:
    for number, line in enumerate(_lines(), start=1):
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number} is not an object"


def test_examples_have_required_keys(articles: list[dict[str, object]]) -> None:
    for article in articles:
        assert set(article) == REQUIRED_KEYS, article.get("id")
        for key in ("id", "title", "text", "published"):
            assert isinstance(article[key], str), (article["id"], key)
            assert article[key], (article["id"], key)
        assert article["url"] is None


def test_examples_ids_are_unique(articles: list[dict[str, object]]) -> None:
    ids = [article["id"] for article in articles]
    assert len(ids) == len(set(ids))


def test_examples_published_is_iso_date(articles: list[dict[str, object]]) -> None:
    for article in articles:
        published = str(article["published"])
        assert dt.date.fromisoformat(published).isoformat() == published, article["id"]


def test_examples_published_is_on_or_after_the_id_date(articles: list[dict[str, object]]) -> None:
    for article in articles:
        event_day = dt.date.fromisoformat(str(article["id"])[:10])
        published = dt.date.fromisoformat(str(article["published"]))
        assert dt.timedelta(0) <= published - event_day <= dt.timedelta(days=7), article["id"]


def test_examples_corpus_size(articles: list[dict[str, object]]) -> None:
    assert 15 <= len(articles) <= 30


def test_examples_texts_are_long_enough(articles: list[dict[str, object]]) -> None:
    for article in articles:
        assert len(str(article["text"]).split()) >= 80, article["id"]


def test_examples_do_not_reuse_seed_phrases(articles: list[dict[str, object]]) -> None:
    for article in articles:
        text = f"{article['title']}\n{article['text']}".lower()
        for phrase in SEED_PHRASES:
            assert phrase not in text, (article["id"], phrase)
