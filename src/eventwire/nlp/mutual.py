"""Events parties do with one another (``data/mutual_codes.tsv``): "Peru and Chile signed an
agreement" makes each the other's recipient. "India held talks with Nepal" stays India -> Nepal: an actor
is never listed among the recipients next to a party the text names."""

from __future__ import annotations

import functools

from eventwire.tables import bundled, read_table

__all__ = ["is_mutual", "mutual_codes"]

MUTUAL_TABLE = "mutual_codes.tsv"


@functools.cache
def mutual_codes() -> frozenset[str]:
    """The CAMEO codes of ``data/mutual_codes.tsv``: events parties do with one another."""
    return frozenset(row["code"] for _, row in read_table(bundled(MUTUAL_TABLE), ("code",)))


def is_mutual(code: str) -> bool:
    """Whether a CAMEO code is an event parties do with one another (the code or one it begins)."""
    return _listed(code, mutual_codes())


def _listed(code: str, codes: frozenset[str]) -> bool:
    return any(code[:n] in codes for n in range(3, len(code) + 1))
