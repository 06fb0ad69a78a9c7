"""The store's logic in SQL shared by its back ends; each back end only connects and runs statements.

Statements use ``?`` placeholders and every value travels as a parameter.
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import urllib.parse
import weakref
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

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
PAGE = 1000
_T, _I, _F, _D = "TEXT", "INTEGER", "DOUBLE PRECISION", "DATE"
_NUMBERS = (_I, _F, "BIGINT")  # array columns whose values :func:`_typed` converts
_ARTICLE_COLUMNS = (
    ("hash", _T), ("id", _T), ("title", _T), ("url", _T), ("published", _D), ("source", _T), ("outlet", _T),
    ("words", _I), ("events", _I),
)  # fmt: skip
_TEXT_COLUMNS = (("hash", _T), ("text", _T))
_EVENT_ROW = (
    ("id", _T), ("record", _T), ("actor_key", _T), ("recipient_key", _T), ("actor_codes", _T),
    ("recipient_codes", _T), ("code", _T), ("base_code", _T), ("root", _T), ("quad_class", _I),
    ("goldstein", _F), ("plover", _T), ("modality", _T), ("day", _D), ("earliest", _D), ("latest", _D),
    ("place_name", _T), ("place_country", _T), ("place_lat", _F), ("place_lon", _F),
    ("place_geonameid", "BIGINT"), ("num_mentions", _I), ("num_sources", _I), ("num_articles", _I),
)  # fmt: skip
_MENTION_ROW = (
    ("article_hash", _T), ("id", _T), ("event_id", _T), ("article_id", _T), ("outlet", _T),
    ("sentence_index", _I), ("sentence_start", _I), ("sentence_end", _I), ("sentence", _T),
    ("modality", _T), ("confidence", _F),
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


_OPEN: weakref.WeakSet[SqlStore] = weakref.WeakSet()


def open_stores() -> int:
    """How many stores this process has open (a worker must not be forked while one is)."""
    return len(_OPEN)


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
    def _disconnect(self) -> None: ...

    def _connected(self) -> None:
        """Called by a back end once its connection is open."""
        _OPEN.add(self)

    def close(self) -> None:
        _OPEN.discard(self)
        self._disconnect()

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
        return self.add_articles([(article, events)])[0]

    def add_articles(self, batch: Sequence[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Store articles with their events in one transaction, as ``add_article`` one by one would.

        Each article is merged against the events stored before it, those of the articles before it
        in ``batch`` included; a text stored already (or earlier in ``batch``) is passed over.
        Returns, for each article, whether it was stored.
        """
        if not batch:
            return []
        keys = [content_hash(article.text) for article, _ in batch]
        with self._transaction():
            seen = self._present("articles", "hash", keys)
            stored: list[bool] = []
            todo: list[tuple[str, Article, Sequence[Event]]] = []
            for key, (article, events) in zip(keys, batch, strict=True):
                stored.append(key not in seen)
                if key not in seen:
                    seen.add(key)
                    todo.append((key, article, events))
            if todo:
                self._write(todo)
        return stored

    def _write(self, todo: list[tuple[str, Article, Sequence[Event]]]) -> None:
        everything = [event for _, _, events in todo for event in events]
        merge_keys = [dedup.merge_key(e) for e in everything]  # computed once: each is needed thrice
        existing = self._present("events", "id", list(dict.fromkeys(e.id for e in everything)))
        pool = self._candidates(everything, merge_keys) if self.rule.enabled else {}
        done = 0  # events of the articles before this one in ``todo``
        articles: list[Row] = []
        texts: list[Row] = []
        fresh: list[Row] = []
        mentions: dict[tuple[str, str], Row] = {}
        merged: set[str] = set()
        for key, article, events in todo:
            source = outlet(article)
            articles.append(
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
                )
            )
            texts.append((key, article.text))
            if not events:
                continue
            keys = merge_keys[done : done + len(events)]
            done += len(events)
            candidates = sorted((c for k in set(keys) for c in pool.get(k, ())), key=lambda c: c.id)
            targets = dedup.assign(events, candidates, self.rule, keys)
            merged.update(t for t in targets if t is not None)
            added: list[tuple[Event, tuple[str, str, str]]] = []
            for index, event in enumerate(events):
                if targets[index] is None and event.id in existing:
                    targets[index] = event.id  # the same event id stored already: one more mention of it
                    merged.add(event.id)
                elif targets[index] is None:
                    added.append((event, keys[index]))
            for event, merge_key in added:
                if event.id not in existing:  # a repeated id within one article is stored once
                    existing.add(event.id)
                    fresh.append(_event_row(event, merge_key))
                    if (candidate := _candidate(event, merge_key)) is not None:
                        pool.setdefault(candidate.key, []).append(candidate)
            for event, target in zip(events, targets, strict=True):
                row = _mention_row(event, str(target or event.id), key, article.id, source)
                mentions.setdefault((key, event.id), row)
        self._insert_many("articles", _ARTICLE_COLUMNS, articles)
        self._insert_many("article_texts", _TEXT_COLUMNS, texts)
        self._insert_many("events", _EVENT_ROW, fresh)
        self._insert_many("mentions", _MENTION_ROW, list(mentions.values()))
        if merged:
            self._recount(sorted(merged))

    def _present(self, table: str, column: str, values: list[str]) -> set[str]:
        """Which of ``values`` the ``column`` of ``table`` holds."""
        if not values:
            return set()
        rows = self._rows(
            f"SELECT {column} FROM {table} WHERE {column} IN (SELECT unnest(CAST(? AS TEXT[])))", [values]
        )
        return {str(r[0]) for r in rows}

    def _candidates(
        self, events: Sequence[Event], merge_keys: Sequence[tuple[str, str, str]]
    ) -> dict[tuple[str, str, str], list[dedup.Candidate]]:
        """Stored events that share a dyad and base code with some of ``events``, near their dates.

        ``merge_keys`` are the events' :func:`~.dedup.merge_key`, in the same order.
        """
        spans: list[tuple[dt.date, dt.date]] = []
        dated: set[tuple[str, str, str]] = set()
        for event, merge_key in zip(events, merge_keys, strict=True):
            if (span := dedup.interval(event)) is not None:
                spans.append(self.rule.widen(span))
                dated.add(merge_key)
        if not spans:
            return {}
        keys = sorted(dated)
        rows = self._rows(
            "SELECT e.id, e.actor_key, e.recipient_key, e.base_code, e.earliest, e.latest, e.place_name,"
            " e.place_country, e.place_lat, e.place_lon, e.place_geonameid FROM events e JOIN ("
            "SELECT unnest(CAST(? AS TEXT[])) AS a, unnest(CAST(? AS TEXT[])) AS r,"
            " unnest(CAST(? AS TEXT[])) AS b) k"
            " ON e.actor_key = k.a AND e.recipient_key = k.r AND e.base_code = k.b"
            " WHERE e.earliest <= ? AND e.latest >= ?",
            [
                [k[0] for k in keys],
                [k[1] for k in keys],
                [k[2] for k in keys],
                max(s[1] for s in spans),
                min(s[0] for s in spans),
            ],
        )
        found: dict[tuple[str, str, str], list[dedup.Candidate]] = {}
        for event_id, actor, recipient, base, earliest, latest, name, country, lat, lon, geonameid in rows:
            place = Place(name, country, lat, lon, geonameid) if name is not None else None
            key = (actor, recipient, base)
            found.setdefault(key, []).append(dedup.Candidate(str(event_id), key, (earliest, latest), place))
        return found

    def _insert_many(self, table: str, columns: tuple[tuple[str, str], ...], rows: list[Row]) -> None:
        """Insert new rows (none stored yet, none twice) in one statement, each column passed as one array."""
        if not rows:
            return
        names = ", ".join(name for name, _ in columns)
        values = ", ".join(f"unnest(CAST(? AS {kind}[]))" for _, kind in columns)
        params = [
            [_typed(value, kind) for value in column] if kind in _NUMBERS else list(column)
            for (_, kind), column in zip(columns, zip(*rows, strict=True), strict=True)
        ]
        self._run(f"INSERT INTO {table} ({names}) SELECT {values}", params)

    def _recount(self, event_ids: list[str]) -> None:
        self._run(
            "UPDATE events SET num_mentions = c.n, num_articles = c.a, num_sources = c.s FROM ("
            "SELECT event_id, count(*) AS n, count(DISTINCT article_hash) AS a, count(DISTINCT outlet) AS s"
            " FROM mentions WHERE event_id IN (SELECT unnest(CAST(? AS TEXT[]))) GROUP BY event_id) AS c"
            " WHERE events.id = c.event_id",
            [event_ids],
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


def _event_row(event: Event, merge_key: tuple[str, str, str]) -> Row:
    span = dedup.interval(event)
    place = event.location
    actor, recipient, base = merge_key
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


def _candidate(event: Event, merge_key: tuple[str, str, str]) -> dedup.Candidate | None:
    """A newly stored event as later articles see it (as :meth:`SqlStore._candidates` reads it back)."""
    span = dedup.interval(event)
    if span is None:
        return None
    place = event.location
    if place is not None:
        place = Place(place.name, place.country, place.lat, place.lon, place.geonameid)
    return dedup.Candidate(event.id, merge_key, span, place)


def _typed(value: Any, kind: str) -> Any:
    """A value as its column's array wants it: one Python type per array (PostgreSQL needs that)."""
    if value is None:
        return None
    if kind == _F:
        return float(value)
    if kind in (_I, "BIGINT"):
        return int(value)
    return value


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
