"""The accuracy baseline: floors per gold file and metric, pinned with the gold file's sha256.

The baseline is a JSON file::

    {"files": {"<gold file name>": {"format": str, "sha256": str, "items": int,
                                   "floors": {"<metric>": float, ...}}, ...},
     "lowered": [{"date": "YYYY-MM-DD", "reason": str, "changes": [str, ...]}, ...]}

:func:`gate` lists what falls short of it; :func:`raise_floors` moves floors up to the figures reached
(down only when allowed, with a reason that is recorded under ``lowered``).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluate.scoring import FileScore

# Figures are compared at this many decimals, so a floor pinned at a reached value is met again.
DECIMALS = 3
# The headline figures that get floors. Precision and recall are reported but not pinned: one trades
# against the other as the coder finds more events, and only their balance (F1) must not fall.
PINNED = ("accuracy", ".f1", ".hit_rate")


def pinned(metric: str) -> bool:
    """Whether ``--update-baseline`` pins a floor for this metric."""
    return metric.endswith(PINNED)


def floor_of(value: float) -> float:
    """A figure rounded down to ``DECIMALS`` places: the floor it pins."""
    scale = float(10**DECIMALS)
    return math.floor(round(value * scale, 6)) / scale


def load_baseline(path: str | Path) -> dict[str, Any]:
    """Read a baseline file; an absent file is an empty baseline."""
    path = Path(path)
    if not path.exists():
        return {"files": {}, "lowered": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read the baseline ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise InputError(str(path), "a baseline is a JSON object with a 'files' object")
    data.setdefault("lowered", [])
    return data


def dump_baseline(baseline: dict[str, Any]) -> str:
    """The baseline as JSON text (sorted, indented, ending in a newline)."""
    return json.dumps(baseline, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def gate(scores: Sequence[FileScore], baseline: dict[str, Any]) -> list[str]:
    """What falls short of the baseline, one line each (empty: the gate passes)."""
    problems: list[str] = []
    for result in scores:
        entry = baseline["files"].get(result.name)
        if entry is None:
            problems.append(f"{result.name}: no floors in the baseline (pin them with --update-baseline)")
            continue
        if entry.get("sha256") != result.sha256:
            problems.append(
                f"{result.name}: gold file changed (sha256 {result.sha256[:12]}, "
                f"baseline {str(entry.get('sha256'))[:12]}); re-pin with --update-baseline --allow-lower"
            )
            continue
        for metric, floor in sorted(entry.get("floors", {}).items()):
            value = result.metrics.get(metric)
            if value is None:
                problems.append(f"{result.name}: {metric} was not measured (floor {floor:.3f})")
            elif floor_of(value) < floor:
                problems.append(f"{result.name}: {metric} {value:.3f} is below its floor {floor:.3f}")
    return problems


def raise_floors(
    scores: Sequence[FileScore],
    baseline: dict[str, Any],
    *,
    allow_lower: bool = False,
    reason: str | None = None,
    today: dt.date | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """A new baseline with floors at the headline figures reached (F1, accuracy, hit rate).

    Floors only rise, unless ``allow_lower`` (which needs a ``reason``): then they move to the figures
    reached, and a changed gold file is re-pinned; the changes and the reason are recorded.

    Returns:
        The new baseline and what was refused (a floor that would fall, a changed gold file).
    """
    if allow_lower and not (reason and reason.strip()):
        raise ValueError("lowering floors needs a reason")
    updated = copy.deepcopy(baseline)
    refused: list[str] = []
    lowered: list[str] = []
    for result in scores:
        entry = updated["files"].get(result.name)
        if entry is not None and entry.get("sha256") != result.sha256:
            if not allow_lower:
                refused.append(f"{result.name}: gold file changed; re-pin with --allow-lower --reason")
                continue
            lowered.append(f"{result.name}: re-pinned on sha256 {result.sha256[:12]}")
            entry = None
        floors: dict[str, float] = dict(entry["floors"]) if entry else {}
        for metric, value in sorted(result.metrics.items()):
            if not pinned(metric):
                continue
            reached, old = floor_of(value), floors.get(metric)
            if old is None or reached >= old:
                floors[metric] = reached
            elif allow_lower:
                floors[metric] = reached
                lowered.append(f"{result.name}: {metric} {old:.3f} -> {reached:.3f}")
            else:
                refused.append(f"{result.name}: {metric} {value:.3f} is below its floor {old:.3f} (kept)")
        updated["files"][result.name] = {
            "format": result.format,
            "sha256": result.sha256,
            "items": result.items,
            "floors": floors,
        }
    if lowered:
        day = (today or dt.date.today()).isoformat()
        updated["lowered"] = [*updated["lowered"], {"date": day, "reason": reason, "changes": lowered}]
    return updated, refused
