"""store: articles, events (one per happening, with its mentions) and quarantined inputs, kept for queries.

``open_store(target)`` opens a DuckDB file (the default, ``./eventwire.duckdb``) or a PostgreSQL
database (a ``postgresql://`` URL); both follow :class:`~eventwire.store.base.Store`.
"""

from __future__ import annotations

import os

from eventwire.store.base import (
    DyadCount,
    EventQuery,
    Mention,
    PairCount,
    PlaceCount,
    Quarantined,
    Store,
    StoreCounts,
    StoredArticle,
    StoredEvent,
)
from eventwire.store.dedup import DedupRule

__all__ = [
    "DEFAULT_STORE",
    "DedupRule",
    "DyadCount",
    "EventQuery",
    "Mention",
    "PairCount",
    "PlaceCount",
    "Quarantined",
    "Store",
    "StoreCounts",
    "StoredArticle",
    "StoredEvent",
    "open_store",
    "store_target",
]

DEFAULT_STORE = "eventwire.duckdb"
ENV_STORE = "EVENTWIRE_STORE"


def store_target(target: str | None = None) -> str:
    """The store to use: ``target``, else ``EVENTWIRE_STORE``, else ``./eventwire.duckdb``."""
    return target or os.environ.get(ENV_STORE) or DEFAULT_STORE


def open_store(target: str | None = None, *, rule: DedupRule | None = None) -> Store:
    """Open (creating if needed) the store a target names.

    Args:
        target: a DuckDB file path, ``:memory:``, or a ``postgresql://`` URL (default: see
            :func:`store_target`).
        rule: when events of different articles merge into one.

    Raises:
        StoreLockedError: the DuckDB file is held by another process.
        StoreError: the store cannot be opened.
    """
    name = store_target(target)
    if name.startswith(("postgresql://", "postgres://")):
        from eventwire.store.postgres import PostgresStore

        return PostgresStore(name, rule=rule)
    from eventwire.store.duckdb import DuckDBStore

    return DuckDBStore(name, rule=rule)
