"""The exception tree: every error survives pickling whole, as it must to cross from a worker process."""

from __future__ import annotations

import pickle

import pytest

from eventwire.errors import (
    ConfigError,
    DataError,
    EngineError,
    EventwireError,
    InputError,
    StoreLockedError,
)


@pytest.mark.parametrize(
    "error",
    [
        ConfigError("n_process must be at least 1"),
        EngineError("no scheduler at tcp://10.0.0.1:8786"),
        DataError("people.tsv", 12, "a date range ends before it starts"),
        DataError("triggers.tsv", None, "no header"),
        InputError("feed.jsonl", "not JSON", line=3),
        InputError("gone.txt", "no such file"),
        StoreLockedError("events.duckdb", "PID 41"),
    ],
)
def test_errors_pickle_whole(error: EventwireError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def test_error_messages_carry_their_code_and_place() -> None:
    assert str(DataError("people.tsv", 12, "bad date")) == "[E003] people.tsv:12: bad date"
    assert str(InputError("feed.jsonl", "not JSON", line=3)) == "[E100] feed.jsonl:3: not JSON"
