"""Shared fixtures: the loaded pipeline, a parser, and access to ../shared gold data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from eventwire.api import Coder
from eventwire.config import DEFAULT_MODEL

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
