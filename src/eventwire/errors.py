"""One exception tree for eventwire; every message carries a code.

EventwireError
 ├── ConfigError        [E001] bad settings
 ├── ModelError         [E002] the spaCy model cannot be loaded
 ├── DataError          [E003] a bundled or user data file is malformed
 ├── InputError         [E1xx] an input cannot be read (names the file and line)
 ├── StoreError         [E200] the store cannot be opened or written
 │    └── StoreLockedError  [E201] another process holds the store's file
 └── EngineError        [E300] a coding engine failed (a Dask scheduler unreachable, a partition lost)
"""

from __future__ import annotations

from typing import Any


class EventwireError(Exception):
    """Base of all eventwire errors."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message
        self._init_args: tuple[Any, ...] = (message,)
        self._init_kwargs: dict[str, Any] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from the constructor's own arguments, so an error raised in a worker process
        # reaches the parent whole (Exception pickles ``args``, which holds only the message)
        return (_rebuild, (type(self), self._init_args, self._init_kwargs), self.__dict__)


def _rebuild(cls: type[EventwireError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> EventwireError:
    return cls(*args, **kwargs)


class ConfigError(EventwireError):
    code = "E001"


class ModelError(EventwireError):
    code = "E002"


class DataError(EventwireError):
    """A data file (lexicon, actor list, code table) is malformed."""

    code = "E003"

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason
        self._init_args = (path, line, reason)


class InputError(EventwireError):
    """An input could not be read; ``path`` and ``line`` say where."""

    code = "E100"

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason
        self._init_args, self._init_kwargs = (path, reason), {"line": line}


class StoreError(EventwireError):
    """The store cannot be opened, read or written."""

    code = "E200"


class StoreLockedError(StoreError):
    """Another process holds the store's file (DuckDB admits one writing process per file)."""

    code = "E201"

    def __init__(self, path: str, detail: str = "") -> None:
        holder = f" ({detail})" if detail else ""
        super().__init__(
            f"the store {path} is in use by another process{holder}; wait for it to finish, "
            "or use another --store"
        )
        self.path = path
        self._init_args = (path, detail)


class EngineError(EventwireError):
    """A coding engine cannot run: its cluster cannot be reached, or a partition could not be coded."""

    code = "E300"
