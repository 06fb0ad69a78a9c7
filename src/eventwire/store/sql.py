"""The store's logic in SQL shared by its back ends; each back end only connects and runs statements.

Statements use ``?`` placeholders and every value travels as a parameter.
"""

from __future__ import annotations

import abc
import hashlib
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from eventwire.records import Article, Event, Place
from eventwire.store import codec, dedup, schema
from eventwire.store.base import (
    DyadCount,
    EventQuery,
    Mention,
    PairCount,
    Period,
    PlaceCount,
    Quarantined,
    StoreCounts,
    StoredArticle,
    StoredEvent,
)
from eventwire.store.dedup import DedupRule

Row = tuple[Any, ...]
T = TypeVar("T")
PAGE = 1000
_CHUNK = 100  # rows (or keys) per statement
_ARTICLE_COLUMNS = ("hash", "id", "title", "url", "published", "source", "outlet", "words", "events")
_EVENT_ROW = (
    "id", "record", "actor_key", "recipient_key", "actor_codes", "recipient_codes", "code", "base_code", "root",
    "quad_class", "goldstein", "plover", "modality", "day", "earliest", "latest", "place_name", "place_country",
    "place_lat", "place_lon", "place_geonameid", "num_mentions", "num_sources", "num_articles",
)  # fmt: skip
_MENTION_ROW = (
    "article_hash", "id", "event_id", "article_id", "outlet", "sentence_index", "sentence_start",
    "sentence_end", "sentence", "modality", "confidence",
)  # fmt: skip
_DYAD_SQL = {
    period: f"""SELECT CAST(date_trunc('{period}', day) AS DATE) AS period, quad_class,
                       count(*), avg(goldstein)
                FROM events
                WHERE strpos(actor_codes, ?) > 0 AND strpos(recipient_codes, ?) > 0 AND day IS NOT NULL
                GROUP BY 1, 2 ORDER BY 1, 2"""
    for period in ("week", "month")
}
_TIMELINE_SQL = {
    period: f"""SELECT CAST(date_trunc('{period}', day) AS DATE) AS period, quad_class,
                       count(*), avg(goldstein)
                FROM events WHERE day IS NOT NULL
                GROUP BY 1, 2 ORDER BY 1, 2"""
    for period in ("week", "month")
}
_STORED_ARTICLE = "a.id, a.hash, a.title, a.url, a.published, a.source, a.outlet, a.words, a.events"
_SORT_DAY = "coalesce(day, DATE '9999-12-31')"  # undated events last
_EVENT_COLUMNS = f"id, record, num_mentions, num_sources, num_articles, {_SORT_DAY}"
_AFTER = f"({_SORT_DAY} > ? OR ({_SORT_DAY} = ? AND id > ?))"


def content_hash(text: str) -> str:
    """The key of an article: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def outlet(article: Article) -> str:
    """Where an article comes from, for counting sources: its URL's host, else the file it was read from."""
    if article.url:
        host = urllib.parse.urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    if article.source:
        path, sep, line = article.source.rpartition(":")
        return path if sep and line.isdigit() else article.source
    return article.id


class SqlStore(abc.ABC):
    """A store over a SQL connection; subclasses provide the connection (see :class:`~.base.Store`)."""

    location: str

    def __init__(self, *, rule: DedupRule | None = None) -> None:
        self.rule = rule or DedupRule()

    @abc.abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abc.abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    def _create(self) -> None:
        with self._transaction():
            for statement in schema.TABLES:
                self._run(statement)
            self._run(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                ("schema_version", schema.SCHEMA_VERSION),
            )

    def has_article(self, text_hash: str) -> bool:
        return bool(self._rows("SELECT 1 FROM articles WHERE hash = ?", (text_hash,)))

    def add_article(self, article: Article, events: Sequence[Event]) -> bool:
        key = content_hash(article.text)
        source = outlet(article)
        with self._transaction():
            if self.has_article(key):
                return False
            self._run(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({_marks(len(_ARTICLE_COLUMNS))})",
                (
                    key,
                    article.id,
                    article.title,
                    article.url,
                    article.published,
                    article.source,
                    source,
                    len(article.text.split()),
                    len(events),
                ),
            )
            self._run("INSERT INTO article_texts (hash, text) VALUES (?, ?)", (key, article.text))
            if not events:
                return True
            existing = self._existing([e.id for e in events])
            candidates = self._candidates(events) if self.rule.enabled else []
            targets = dedup.assign(events, candidates, self.rule)
            merged = {t for t in targets if t is not None}
            fresh: list[Row] = []
            for index, event in enumerate(events):
                if targets[index] is None and event.id in existing:
                    targets[index] = event.id  # the same event id stored already: one more mention of it
                    merged.add(event.id)
                elif targets[index] is None:
                    fresh.append(_event_row(event))
            self._insert_many("events", _EVENT_ROW, fresh)
            mentions = [
                _mention_row(e, str(t or e.id), key, article.id, source)
                for e, t in zip(events, targets, strict=True)
            ]
            self._insert_many("mentions", _MENTION_ROW, mentions)
            if merged:
                self._recount(sorted(merged))
        return True

    def _existing(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(ids, _CHUNK):
            rows = self._rows(f"SELECT id FROM events WHERE id IN ({_marks(len(chunk))})", chunk)
            found.update(str(r[0]) for r in rows)
        return found

    def _candidates(self, events: Sequence[Event]) -> list[dedup.Candidate]:
        """Stored events that share a dyad and base code with some of ``events``, near their dates."""
        spans = [self.rule.widen(span) for e in events if (span := dedup.interval(e)) is not None]
        if not spans:
            return []
        keys = sorted({dedup.merge_key(e) for e in events if dedup.interval(e) is not None})
        found: list[dedup.Candidate] = []
        for chunk in _chunks(keys, _CHUNK):
            match = " OR ".join("(actor_key = ? AND recipient_key = ? AND base_code = ?)" for _ in chunk)
            rows = self._rows(
                "SELECT id, actor_key, recipient_key, base_code, earliest, latest, place_name, place_country,"
                f" place_lat, place_lon, place_geonameid FROM events WHERE earliest <= ? AND latest >= ?"
                f" AND ({match})",
                [max(s[1] for s in spans), min(s[0] for s in spans), *(part for k in chunk for part in k)],
            )
            for (
                event_id,
                actor,
                recipient,
                base,
                earliest,
                latest,
                name,
                country,
                lat,
                lon,
                geonameid,
            ) in rows:
                place = Place(name, country, lat, lon, geonameid) if name is not None else None
                found.append(
                    dedup.Candidate(str(event_id), (actor, recipient, base), (earliest, latest), place)
                )
        return sorted(found, key=lambda c: c.id)

    def _insert_many(self, table: str, columns: tuple[str, ...], rows: list[Row]) -> None:
        for chunk in _chunks(rows, _CHUNK):
            values = ", ".join(f"({_marks(len(columns))})" for _ in chunk)
            self._run(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} ON CONFLICT DO NOTHING",
                [value for row in chunk for value in row],
            )

    def _recount(self, event_ids: list[str]) -> None:
        for chunk in _chunks(event_ids, _CHUNK):
            self._run(
                "UPDATE events SET num_mentions = c.n, num_articles = c.a, num_sources = c.s FROM ("
                "SELECT event_id, count(*) AS n, count(DISTINCT article_hash) AS a, count(DISTINCT outlet) AS s"
                f" FROM mentions WHERE event_id IN ({_marks(len(chunk))}) GROUP BY event_id) AS c"
                " WHERE events.id = c.event_id",
                chunk,
            )

    def quarantine(self, item: Quarantined) -> bool:
        key = hashlib.sha256(f"{item.source}\0{item.line}\0{item.reason}".encode()).hexdigest()
        with self._transaction():
            if self._rows("SELECT 1 FROM quarantine WHERE key = ?", (key,)):
                return False
            self._run(
                "INSERT INTO quarantine (key, source, line, kind, reason) VALUES (?, ?, ?, ?, ?)",
                (key, item.source, item.line, item.kind, item.reason),
            )
        return True

    def quarantined(self) -> list[Quarantined]:
        rows = self._rows("SELECT source, line, kind, reason FROM quarantine ORDER BY source, line, reason")
        return [Quarantined(source, line, kind, reason) for source, line, kind, reason in rows]

    def events(self, query: EventQuery | None = None) -> Iterator[StoredEvent]:
        query = query or EventQuery()
        where, params = _filters(query)
        limit = query.limit
        after: tuple[Any, str] | None = None
        sent = 0
        while limit is None or sent < limit:
            page = PAGE if limit is None else min(PAGE, limit - sent)
            clauses = list(where)
            args = list(params)
            if after is not None:
                clauses.append(_AFTER)
                args.extend([after[0], after[0], after[1]])
            sql = f"SELECT {_EVENT_COLUMNS} FROM events e"
            if clauses:
                sql += " WHERE " + " AND ".join(clauses)
            sql += f" ORDER BY {_SORT_DAY}, id LIMIT ?"
            rows = self._rows(sql, [*args, page])
            if not rows:
                return
            yield from self._stored(rows)
            sent += len(rows)
            after = (rows[-1][5], str(rows[-1][0]))
            if len(rows) < page:
                return

    def _stored(self, rows: list[Row]) -> list[StoredEvent]:
        """Stored events from rows of ``_EVENT_COLUMNS``, with their mentions."""
        if not rows:
            return []
        mentions = self._mentions([str(r[0]) for r in rows])
        return [
            StoredEvent(
                codec.loads(record),
                tuple(mentions.get(event_id, ())),
                num_mentions,
                num_sources,
                num_articles,
            )
            for event_id, record, num_mentions, num_sources, num_articles, _ in rows
        ]

    def count_events(self, query: EventQuery | None = None) -> int:
        where, params = _filters(query or EventQuery())
        sql = "SELECT count(*) FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
        ((count,),) = self._rows(sql, params)
        return int(count)

    def event(self, event_id: str) -> StoredEvent | None:
        rows = self._rows(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,))
        found = self._stored(rows)
        return found[0] if found else None

    def article(self, article_id: str) -> StoredArticle | None:
        rows = self._rows(
            f"SELECT {_STORED_ARTICLE}, t.text FROM articles a LEFT JOIN article_texts t ON t.hash = a.hash"
            " WHERE a.id = ? OR a.hash = ? ORDER BY a.ingested_at DESC, a.hash LIMIT 1",
            (article_id, article_id),
        )
        return StoredArticle(*rows[0]) if rows else None

    def articles(self, *, limit: int = 20, offset: int = 0) -> list[StoredArticle]:
        rows = self._rows(
            f"SELECT {_STORED_ARTICLE} FROM articles a ORDER BY a.ingested_at DESC, a.hash LIMIT ? OFFSET ?",
            (max(limit, 0), max(offset, 0)),
        )
        return [StoredArticle(*row) for row in rows]

    def article_events(self, text_hash: str) -> list[StoredEvent]:
        rows = self._rows(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE id IN"
            " (SELECT event_id FROM mentions WHERE article_hash = ?)"
            f" ORDER BY {_SORT_DAY}, id",
            (text_hash,),
        )
        return self._stored(rows)

    def timeline(self, *, period: Period = "month") -> list[DyadCount]:
        rows = self._rows(_TIMELINE_SQL[period])
        return [DyadCount(day, quad, count, round(float(mean), 4)) for day, quad, count, mean in rows]

    def pairs(self) -> list[PairCount]:
        rows = self._rows(
            "SELECT actor_key, recipient_key, count(*),"
            " sum(CASE WHEN quad_class <= 2 THEN 1 ELSE 0 END),"
            " sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END), avg(goldstein)"
            " FROM events GROUP BY actor_key, recipient_key ORDER BY 3 DESC, 1, 2"
        )
        return [
            PairCount(a, r, n, int(coop), int(conf), round(float(g), 4)) for a, r, n, coop, conf, g in rows
        ]

    def places(self) -> list[PlaceCount]:
        rows = self._rows(
            "SELECT place_name, place_country, place_lat, place_lon, count(*), avg(goldstein) FROM events"
            " WHERE place_name IS NOT NULL GROUP BY place_name, place_country, place_lat, place_lon"
            " ORDER BY 5 DESC, 1, 2"
        )
        return [
            PlaceCount(name, country, lat, lon, n, round(float(g), 4))
            for name, country, lat, lon, n, g in rows
        ]

    def _mentions(self, event_ids: list[str]) -> dict[str, list[Mention]]:
        marks = ", ".join("?" for _ in event_ids)
        rows = self._rows(
            "SELECT event_id, article_id, sentence_index, sentence_start, sentence_end, modality, confidence"
            f" FROM mentions WHERE event_id IN ({marks}) ORDER BY event_id, article_id, sentence_index, id",
            event_ids,
        )
        found: dict[str, list[Mention]] = {}
        for event_id, article, index, start, end, modality, confidence in rows:
            found.setdefault(event_id, []).append(Mention(article, index, start, end, modality, confidence))
        return found

    def dyad(self, actor: str, recipient: str, *, period: Period = "month") -> list[DyadCount]:
        rows = self._rows(_DYAD_SQL[period], (f" {actor} ", f" {recipient} "))
        return [DyadCount(day, quad, count, round(float(mean), 4)) for day, quad, count, mean in rows]

    def counts(self) -> StoreCounts:
        ((articles, events, mentions, quarantined),) = self._rows(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM mentions), (SELECT count(*) FROM quarantine)"
        )
        return StoreCounts(articles, events, mentions, quarantined)

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _event_row(event: Event) -> Row:
    span = dedup.interval(event)
    place = event.location
    actor, recipient, base = dedup.merge_key(event)
    return (
        event.id,
        codec.dumps(event),
        actor,
        recipient,
        dedup.codes(event.actor),
        dedup.codes(event.recipient),
        event.cameo.code,
        base,
        event.cameo.root,
        event.cameo.quad_class,
        event.cameo.goldstein,
        event.plover.event,
        event.modality,
        span[0] if span else None,
        span[0] if span else None,
        span[1] if span else None,
        place.name if place else None,
        place.country if place else None,
        place.lat if place else None,
        place.lon if place else None,
        place.geonameid if place else None,
        1,
        1,
        1,
    )


def _mention_row(event: Event, target: str, article_hash: str, article_id: str, source: str) -> Row:
    sentence = event.sentence
    return (
        article_hash,
        event.id,
        target,
        article_id,
        source,
        sentence.index,
        sentence.start,
        sentence.end,
        sentence.text,
        event.modality,
        event.confidence,
    )


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _filters(query: EventQuery) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, value: Any) -> None:
        clauses.append(clause)
        params.append(value)

    if query.actor:
        add("strpos(actor_codes, ?) > 0", f" {query.actor.strip().upper()} ")
    if query.recipient:
        add("strpos(recipient_codes, ?) > 0", f" {query.recipient.strip().upper()} ")
    if query.code:
        add("starts_with(code, ?)", query.code.strip())
    if query.root:
        add("root = ?", query.root.strip().zfill(2))
    if query.plover:
        add("plover = ?", query.plover.strip().upper())
    if query.modality:
        add("modality = ?", query.modality)
    if query.since:
        add("day >= ?", query.since)
    if query.until:
        add("day <= ?", query.until)
    if query.text:
        add(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND strpos(lower(m.sentence), ?) > 0)",
            query.text.strip().lower(),
        )
    return clauses, params
