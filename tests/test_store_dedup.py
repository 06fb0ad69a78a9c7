"""One event per happening: reports of the same event in different articles merge into mentions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from eventwire.errors import ConfigError
from eventwire.records import Article, Entity, EventDate, Place, Plover, to_dict
from eventwire.store import DedupRule, EventQuery, Store, codec, open_store
from eventwire.store.sql import SqlStore
from tests.storekit import KYIV, PARIS, UKRAINE, article, make_event

JUNE_17 = dt.date(2024, 6, 17)


def stored(store: Store) -> list[tuple[int, int, int, list[str]]]:
    return [
        (s.num_mentions, s.num_sources, s.num_articles, [m.article for m in s.mentions])
        for s in store.events(EventQuery())
    ]


def test_store_dedup_merges_reports_from_different_articles(fresh_store: Store) -> None:
    first = article("Russia attacked Ukraine on Monday.", url="https://one.example/a")
    second = article("Russian shelling hit Ukraine on Monday.", url="https://two.example/b")
    third = article("Russia struck Ukraine again on Monday.", url="https://one.example/c")
    fresh_store.add_article(first, [make_event(first, day=JUNE_17, place=KYIV)])
    fresh_store.add_article(second, [make_event(second, day=JUNE_17, place=UKRAINE, modality="alleged")])
    fresh_store.add_article(third, [make_event(third, day=dt.date(2024, 6, 18))])
    (event,) = list(fresh_store.events())
    assert event.event.article.id == first.id  # the record of the first report
    assert (event.num_mentions, event.num_sources, event.num_articles) == (3, 2, 3)
    assert sorted(m.article for m in event.mentions) == sorted([first.id, second.id, third.id])
    modalities = {m.article: m.modality for m in event.mentions}
    assert modalities[second.id] == "alleged"
    assert fresh_store.counts().mentions == 3


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"actor": "FRA"}, "another actor"),
        ({"recipient": "CHN"}, "another recipient"),
        ({"code": "112"}, "another base code"),
        ({"day": dt.date(2024, 6, 20)}, "three days apart"),
        ({"place": PARIS}, "an incompatible place"),
    ],
)
def test_store_dedup_keeps_different_happenings_apart(
    fresh_store: Store, change: dict[str, Any], why: str
) -> None:
    first = article("Russia attacked Ukraine on Monday.", url="https://one.example/a")
    fresh_store.add_article(first, [make_event(first, day=JUNE_17, place=KYIV)])
    second = article("Another report of something.", url="https://two.example/b")
    fresh_store.add_article(second, [make_event(second, **{"day": JUNE_17, "place": KYIV, **change})])
    assert len(stored(fresh_store)) == 2, why


def test_store_dedup_undated_events_never_merge(fresh_store: Store) -> None:
    for host in ("one", "two"):
        item = Article(text=f"An undated report from {host}.", url=f"https://{host}.example/a")
        fresh_store.add_article(item, [make_event(item)])
    assert [s[0] for s in stored(fresh_store)] == [1, 1]


def test_store_dedup_base_code_matches_subcodes(fresh_store: Store) -> None:
    first = article("France visited Ukraine.", url="https://one.example/a")
    second = article("The French visit to Ukraine.", url="https://two.example/b")
    fresh_store.add_article(first, [make_event(first, actor="FRA", code="042", day=JUNE_17)])
    fresh_store.add_article(second, [make_event(second, actor="FRA", code="0421", day=JUNE_17)])
    assert [s[0] for s in stored(fresh_store)] == [2]


def test_store_dedup_same_article_events_stay_apart(fresh_store: Store) -> None:
    one = article("Russia attacked Ukraine. Russia attacked Ukraine again.")
    events = [make_event(one, day=JUNE_17), make_event(one, day=JUNE_17, offset=25)]
    fresh_store.add_article(one, events)
    assert [s[0] for s in stored(fresh_store)] == [1, 1]


def test_store_dedup_window_and_switch_are_options(store_target: str) -> None:
    wide = open_store(store_target, rule=DedupRule(window_days=3))
    try:
        first = article("Russia attacked Ukraine on Monday.", url="https://one.example/a")
        later = article("Russia attacked Ukraine on Thursday.", url="https://two.example/b")
        wide.add_article(first, [make_event(first, day=JUNE_17)])
        wide.add_article(later, [make_event(later, day=dt.date(2024, 6, 20))])
        assert [s[0] for s in stored(wide)] == [2]
    finally:
        wide.close()


def test_store_dedup_disabled_stores_every_report(fresh_store: Store, store_target: str) -> None:
    fresh_store.close()
    plain = open_store(store_target, rule=DedupRule(enabled=False))
    try:
        for host in ("one", "two"):
            item = article(f"Russia attacked Ukraine, says {host}.", url=f"https://{host}.example/a")
            plain.add_article(item, [make_event(item, day=JUNE_17)])
        assert [s[0] for s in stored(plain)] == [1, 1]
    finally:
        plain.close()


@pytest.mark.parametrize(
    ("one", "other", "same_place", "expected"),
    [
        (KYIV, UKRAINE, False, True),
        (KYIV, Place("kyiv", "UKR"), False, True),
        (KYIV, PARIS, False, False),
        (KYIV, None, False, True),
        (KYIV, None, True, False),
        (KYIV, UKRAINE, True, False),
        (Place("Lviv", "UKR", 49.8, 24.0, 702550), KYIV, False, False),
    ],
)
def test_store_dedup_places(one: Place, other: Place | None, same_place: bool, expected: bool) -> None:
    assert DedupRule(same_place=same_place).places_match(one, other) is expected


def test_store_dedup_rule_is_validated() -> None:
    assert DedupRule.from_mapping({"window_days": 2}).window_days == 2
    with pytest.raises(ConfigError, match="unknown dedup option"):
        DedupRule.from_mapping({"window": 2})
    with pytest.raises(ConfigError, match="window_days"):
        DedupRule(window_days=-1)


def _corpus() -> list[tuple[Article, list[Any]]]:
    """Articles whose events merge across articles, repeat ids, lack dates, and repeat a text."""
    actors, codes = ["RUS", "UKR", "FRA"], ["190", "042", "0421", "043"]
    days: list[dt.date | None] = [dt.date(2024, 6, d) for d in (15, 16, 17, 19)] + [None]
    places: list[Place | None] = [KYIV, UKRAINE, PARIS, None]
    items: list[tuple[Article, list[Any]]] = []
    k = 7
    for n in range(36):
        host = ("one", "two", "three")[n % 3]
        text = f"Russia attacked Ukraine again, report {n} of {host}."
        item = Article(text, id="shared" if n % 11 == 0 else "", url=f"https://{host}.example/{n}")
        events = []
        for _ in range((n * 5) % 4 + (n % 5 == 0)):
            k = (k * 1103515245 + 12345) % 2**31
            actor, recipient = actors[k % 3], actors[(k // 3) % 3]
            if actor == recipient:
                recipient = "IRN"
            events.append(
                make_event(
                    item,
                    actor=actor,
                    recipient=recipient,
                    code=codes[(k // 9) % 4],
                    day=days[(k // 36) % 5],
                    place=places[(k // 180) % 4],
                    offset=(k // 720) % 2,  # the same offset, code and dyad twice: one id twice
                )
            )
        items.append((item, events))
    items.insert(20, (Article(items[4][0].text, url="https://copy.example/4"), items[4][1]))
    return items


def _snapshot(store: Store) -> tuple[Any, ...]:
    articles = sorted(store.articles(limit=1000), key=lambda a: a.hash)
    return store.counts(), articles, list(store.events(EventQuery()))


def _clear(store: Store) -> None:
    assert isinstance(store, SqlStore)
    with store._transaction():
        for table in ("articles", "article_texts", "events", "mentions"):
            store._run(f"DELETE FROM {table}")


@pytest.mark.parametrize("rule", [DedupRule(), DedupRule(window_days=3, same_place=True)])
def test_store_add_articles_equals_one_by_one(store_target: str, rule: DedupRule) -> None:
    corpus = _corpus()
    store = open_store(store_target, rule=rule)
    try:
        first = [store.add_article(a, e) for a, e in corpus[:5]]
        one_by_one = first + [store.add_article(a, e) for a, e in corpus[5:]]
        expected = _snapshot(store)
        assert expected[0].events < expected[0].mentions  # some reports merged
        assert one_by_one.count(False) == 1  # the repeated text
        for size in (1, 7, len(corpus)):
            _clear(store)
            done = [store.add_article(a, e) for a, e in corpus[:5]]
            for start in range(5, len(corpus), size):
                done += store.add_articles(corpus[start : start + size])
            assert done == one_by_one
            assert _snapshot(store) == expected
        assert store.add_articles(corpus) == [False] * len(corpus)
        assert store.add_articles([]) == []
        assert _snapshot(store) == expected
    finally:
        store.close()


def test_store_codec_dumps_is_the_json_of_to_dict() -> None:
    item = article("Russia attacked Ukraine on Monday.")
    plain = make_event(item, day=JUNE_17, place=KYIV)
    full = dataclasses.replace(
        plain,
        attribution=Entity("the ministry", "Ministry", country="UKR", org=None, sector="GOV", start=1, end=3),
        plover=Plover("ASSAULT", "military", ("civilians", "élite")),
        date=EventDate("2024-06", "month", "in June", dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
    )
    for event in (plain, full, make_event(item)):
        assert codec.dumps(event) == json.dumps(to_dict(event), ensure_ascii=False, sort_keys=True)
        assert codec.loads(codec.dumps(event)) == event


def test_store_dedup_merges_reports_that_word_an_unresolved_target_differently(fresh_store: Store) -> None:
    """A target known only by its words has no code: its wording does not split one happening."""
    first = article("Russia attacked the old fortress on Monday.", url="https://one.example/a")
    second = article("Russia shelled a hilltop citadel on Monday.", url="https://two.example/b")
    for report, words in ((first, "the old fortress"), (second, "a hilltop citadel")):
        unresolved = Entity(words, words, None, None, None, None, 0, len(words))
        event = dataclasses.replace(make_event(report, day=JUNE_17, place=KYIV), recipient=(unresolved,))
        fresh_store.add_article(report, [event])
    assert [counts[:3] for counts in stored(fresh_store)] == [(2, 2, 2)]
