"""The tables of a store, in SQL that DuckDB and PostgreSQL both read.

- ``articles``: one row per article text, keyed by the SHA-256 of the text, so an article read again
  (from the same file, another file or a feed) is stored once.
- ``events``: one row per happening; ``record`` is the JSON event record of its first report; the
  other columns are what queries filter and merge on (``actor_codes``/``recipient_codes`` hold every
  code of a side between spaces, so `` RUS `` finds Russia however it acted).
- ``mentions``: every report of an event: the article, the sentence and its offsets, modality and
  confidence; ``outlet`` (a URL's host, or the file read) counts sources.
- ``quarantine``: inputs that were not coded, with the reason.
- ``article_texts``: the text of each article, by the same key, for reading it with its events
  (articles stored before this table existed have no row).
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

TABLES: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS articles (
        hash TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        title TEXT,
        url TEXT,
        published DATE,
        source TEXT,
        outlet TEXT NOT NULL,
        words INTEGER NOT NULL,
        events INTEGER NOT NULL,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        actor_key TEXT NOT NULL,
        recipient_key TEXT NOT NULL,
        actor_codes TEXT NOT NULL,
        recipient_codes TEXT NOT NULL,
        code TEXT NOT NULL,
        base_code TEXT NOT NULL,
        root TEXT NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein DOUBLE PRECISION NOT NULL,
        plover TEXT NOT NULL,
        modality TEXT NOT NULL,
        day DATE,
        earliest DATE,
        latest DATE,
        place_name TEXT,
        place_country TEXT,
        place_lat DOUBLE PRECISION,
        place_lon DOUBLE PRECISION,
        place_geonameid BIGINT,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS mentions (
        article_hash TEXT NOT NULL,
        id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        modality TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (article_hash, id)
    )""",
    """CREATE TABLE IF NOT EXISTS quarantine (
        key TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        line INTEGER,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        added_at TIMESTAMP DEFAULT current_timestamp
    )""",
    """CREATE TABLE IF NOT EXISTS article_texts (
        hash TEXT PRIMARY KEY,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS events_dyad ON events (actor_key, recipient_key, base_code)",
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id)",
)
