"""Shared fixtures: the loaded pipeline, a parser, and access to ../shared gold data."""

from __future__ import annotations

import os
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from eventwire.api import Coder
from eventwire.config import DEFAULT_MODEL
from eventwire.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
SEED = "examples/000_cdd18ab23a6776e7.txt"


def shared_file(relative: str) -> Path:
    """A file under ../shared; skips the test when absent, but fails in CI, where it must be there."""
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is absent (the read-only ../shared folder beside the clone)"
        if os.environ.get("CI") == "true" or os.environ.get("EVENTWIRE_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def parser() -> Language:
    """The bare spaCy model, for tests of functions over parsed sentences."""
    return spacy.load(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The whole eventwire pipeline, loaded once."""
    return Coder()


POSTGRES_ENV = "EVENTWIRE_TEST_POSTGRES"


@pytest.fixture(params=["duckdb", "postgres"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store's target: a DuckDB file, or a PostgreSQL schema of its own.

    PostgreSQL runs when ``EVENTWIRE_TEST_POSTGRES`` holds a URL; otherwise that case skips with a
    reason, except in CI (``CI=true``), where it must run.
    """
    if request.param == "duckdb":
        yield str(tmp_path / "store.duckdb")
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        message = f"{POSTGRES_ENV} names no PostgreSQL database (.ci/run starts one)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    import psycopg
    from psycopg import sql

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options={urllib.parse.quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def fresh_store(store_target: str) -> Iterator[Store]:
    """An empty store on each back end (see ``store_target``), closed after the test."""
    store = open_store(store_target)
    yield store
    store.close()
