"""The server store: a PostgreSQL database (``postgresql://user@host/db``), through psycopg 3."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
from psycopg import sql as pgsql

from eventwire.errors import ConfigError, StoreError
from eventwire.store.dedup import DedupRule
from eventwire.store.sql import Row, SqlStore

SCHEMES = ("postgresql://", "postgres://")
_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def is_postgres_url(target: str) -> bool:
    """Whether a store target names a PostgreSQL database."""
    return target.startswith(SCHEMES)


class PostgresStore(SqlStore):
    """A store in a PostgreSQL database.

    Args:
        url: a ``postgresql://`` connection URL.
        schema: a schema of the database to keep the tables in (created if absent); default: the
            connection's search path.
        rule: when events of different articles merge.

    Raises:
        StoreError: the database cannot be reached.
    """

    def __init__(self, url: str, *, schema: str | None = None, rule: DedupRule | None = None) -> None:
        super().__init__(rule=rule)
        self.location = _redacted(url)
        if schema is not None and not _SCHEMA_NAME.fullmatch(schema):
            raise ConfigError(f"not a plain schema name: {schema!r}")
        try:
            self._con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the store {self.location}: {exc}") from None
        self._connected()
        if schema is not None:
            name = pgsql.Identifier(schema)
            self._con.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(name))
            self._con.execute(pgsql.SQL("SET search_path TO {}").format(name))
        self._create()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(_placeholders(sql), list(params))

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._con.execute(_placeholders(sql), list(params)).fetchall()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._con.transaction():
            yield

    def drop_schema(self, schema: str) -> None:
        """Drop a schema and everything in it (for tests that made one)."""
        self._con.execute(pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(pgsql.Identifier(schema)))

    def _disconnect(self) -> None:
        self._con.close()


def _placeholders(statement: str) -> Any:
    # The shared statements use "?" and contain no literal "?" or "%"; psycopg wants "%s".
    return statement.replace("?", "%s")


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
