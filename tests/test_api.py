"""The Python API of CONTRACT.md: code_text, code_articles and the spaCy component."""

from __future__ import annotations

import datetime as dt

import spacy

import eventwire
from eventwire.config import DEFAULT_MODEL
from eventwire.records import Article, Event, to_dict

TEXT = "Russia attacked Ukraine on Monday."


def test_api_code_text_returns_event_records() -> None:
    events = eventwire.code_text(TEXT, published="2024-06-18")
    assert events and all(isinstance(e, Event) for e in events)
    assert events[0].date.value == "2024-06-17"  # the Monday before publication
    assert events[0].article.published == dt.date(2024, 6, 18)


def test_api_code_articles_takes_records_and_dicts() -> None:
    articles = [Article(text=TEXT, id="a"), {"text": "China condemned the Philippines.", "id": "b"}]
    events = list(eventwire.code_articles(articles))
    assert {e.article.id for e in events} == {"a", "b"}


def test_api_records_serialise_to_the_contract_shape() -> None:
    record = to_dict(eventwire.code_text(TEXT, published="2024-06-18")[0])
    assert set(record) == {
        "id", "article", "sentence", "trigger", "actor", "recipient", "cameo", "plover",
        "modality", "attribution", "date", "location", "confidence",
    }  # fmt: skip
    assert set(record["actor"][0]) == {"text", "name", "country", "org", "sector", "cameo", "start", "end"}
    assert record["cameo"]["code"] == "190" and record["cameo"]["root"] == "19"
    assert record["article"]["published"] == "2024-06-18"


def test_api_spacy_component_puts_events_on_the_doc() -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("eventwire")
    doc = nlp.make_doc(TEXT)
    doc._.published = dt.date(2024, 6, 18)
    doc = nlp(doc)
    assert [(e.actor[0].country, e.recipient[0].country, e.cameo.code) for e in doc._.events] == [
        ("RUS", "UKR", "190")
    ]
    assert doc._.events[0].date.value == "2024-06-17"


def test_api_public_names_are_sorted() -> None:
    assert eventwire.__all__ == sorted(eventwire.__all__)


def test_api_code_articles_in_two_processes_gives_the_same_events() -> None:
    articles = [Article(text=TEXT, id=str(i)) for i in range(6)]
    one = [eventwire.to_dict(e) for e in eventwire.code_articles(articles)]
    two = list(eventwire.code_articles(articles, settings=eventwire.Settings(n_process=2, batch_size=2)))
    assert [eventwire.to_dict(e) for e in two] == one and len(one) == 6
