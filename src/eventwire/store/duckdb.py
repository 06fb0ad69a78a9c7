"""The embedded store: one DuckDB file (or ``:memory:``), written by one process at a time."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import StoreError, StoreLockedError
from eventwire.store.dedup import DedupRule
from eventwire.store.sql import Row, SqlStore

MEMORY = ":memory:"
_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


class DuckDBStore(SqlStore):
    """A store in a DuckDB file.

    Args:
        path: the file (created with its tables if absent), or ``:memory:``.
        rule: when events of different articles merge.

    Raises:
        StoreLockedError: another process has the file open.
        StoreError: the file cannot be opened as a DuckDB database.
    """

    def __init__(self, path: str | Path = MEMORY, *, rule: DedupRule | None = None) -> None:
        super().__init__(rule=rule)
        self.location = str(path)
        try:
            self._con = duckdb.connect(self.location)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                holder = _HOLDER.search(message)
                detail = f"process {holder[2]}, {holder[1]}" if holder else ""
                raise StoreLockedError(self.location, detail) from None
            raise StoreError(f"cannot open the store {self.location}: {message}") from None
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {self.location}: {exc}") from None
        self._connected()
        self._create()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(sql, list(params))

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._con.execute(sql, list(params)).fetchall()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.begin()
        try:
            yield
        except BaseException:
            self._con.rollback()
            raise
        self._con.commit()

    def _disconnect(self) -> None:
        self._con.close()
