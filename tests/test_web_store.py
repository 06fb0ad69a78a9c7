"""The store's read queries behind the web API, on both back ends."""

from __future__ import annotations

import datetime as dt

from eventwire.records import Article
from eventwire.store import DyadCount, EventQuery, PairCount, PlaceCount, Store
from tests.webkit import fill


def test_web_store_count_and_event(fresh_store: Store) -> None:
    fill(fresh_store)
    assert fresh_store.count_events() == 3
    assert fresh_store.count_events(EventQuery(actor="RUS", limit=0)) == 1
    raid = next(iter(fresh_store.events(EventQuery(actor="RUS"))))
    found = fresh_store.event(raid.event.id)
    assert found is not None and found.num_mentions == 2 and found.event == raid.event
    assert fresh_store.event("missing") is None


def test_web_store_articles_keep_their_text(fresh_store: Store) -> None:
    articles = fill(fresh_store)
    listed = fresh_store.articles(limit=10)
    assert {a.id for a in listed} == {a.id for a in articles.values()}
    assert all(a.text is None for a in listed)
    assert len(fresh_store.articles(limit=2, offset=3)) == 1
    again = articles["again"]
    stored = fresh_store.article(again.id)
    assert stored is not None
    assert (stored.text, stored.outlet, stored.published, stored.events) == (
        again.text,
        "two.example",
        again.published,
        1,
    )
    assert fresh_store.article(stored.hash) == stored
    assert fresh_store.article("missing") is None
    events = fresh_store.article_events(stored.hash)
    assert [e.event.article.id for e in events] == [articles["raid"].id]  # merged into the first report


def test_web_store_timeline_pairs_places(fresh_store: Store) -> None:
    fill(fresh_store)
    fresh_store.add_article(Article(text="Nothing happened."), [])
    assert fresh_store.timeline(period="month") == [
        DyadCount(dt.date(2024, 6, 1), 1, 1, 1.9),
        DyadCount(dt.date(2024, 6, 1), 4, 1, -10.0),
        DyadCount(dt.date(2024, 7, 1), 3, 1, -2.0),
    ]
    assert [d.period for d in fresh_store.timeline(period="week")] == [
        dt.date(2024, 6, 17),
        dt.date(2024, 6, 17),
        dt.date(2024, 7, 1),
    ]
    assert fresh_store.pairs() == [
        PairCount("FRA", "CHN", 1, 1, 0, 1.9),
        PairCount("IRN", "FRA", 1, 0, 1, -2.0),
        PairCount("RUS", "UKR", 1, 0, 1, -10.0),
    ]
    assert [(p.name, p.events) for p in fresh_store.places()] == [("Kyiv", 1), ("Paris", 1)]
    assert isinstance(fresh_store.places()[0], PlaceCount)
