"""One exception tree for eventwire; every message carries a code.

EventwireError
 ├── ConfigError        [E001] bad settings
 ├── ModelError         [E002] the spaCy model cannot be loaded
 ├── DataError          [E003] a bundled or user data file is malformed
 └── InputError         [E1xx] an input cannot be read (names the file and line)
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of all eventwire errors."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


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


class InputError(EventwireError):
    """An input could not be read; ``path`` and ``line`` say where."""

    code = "E100"

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason
