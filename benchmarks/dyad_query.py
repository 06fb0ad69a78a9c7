"""Time a dyad query over 10 million synthetic events stored in DuckDB.

The events are made in SQL (``generate_series``) straight into a store's ``events`` table: 40
countries as actors and recipients, a spread of CAMEO codes and four years of days. Prints how long
the store took to answer ``dyad A B`` (monthly counts by quad class with mean Goldstein).

    .venv/bin/python benchmarks/dyad_query.py [--events 10000000] [--runs 5] [--store PATH]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from eventwire.store.duckdb import DuckDBStore

COUNTRIES = [
    "RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "IND", "PAK", "TUR", "SAU", "EGY",
    "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "ZAF", "ETH", "KEN", "SYR", "IRQ", "AFG", "POL", "ITA",
    "ESP", "CAN", "AUS", "IDN", "PHL", "VNM", "THA", "ARG", "COL", "VEN", "CUB", "QAT",
]  # fmt: skip
CODES = [
    ("190", "19", 4, -10.0),
    ("042", "04", 1, 1.9),
    ("112", "11", 3, -2.0),
    ("057", "05", 1, 8.0),
    ("072", "07", 2, 7.4),
]

FILL = """
INSERT INTO events
SELECT 'e' || i::VARCHAR, '{}', a, r, ' ' || a || ' ', ' ' || r || ' ',
       list_extract($codes, k), list_extract($codes, k), list_extract($roots, k),
       list_extract($quads, k), list_extract($goldstein, k), 'X', 'asserted',
       DATE '2021-01-01' + CAST(i % 1460 AS INTEGER), NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, 1, 1
FROM (
    SELECT i,
           list_extract($countries, CAST(hash(i) % 40 AS INTEGER) + 1) AS a,
           list_extract($countries, CAST(hash(i * 7 + 3) % 40 AS INTEGER) + 1) AS r,
           CAST(hash(i * 13 + 5) % 5 AS INTEGER) + 1 AS k
    FROM generate_series(1, $events) AS t(i)
)
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="a DuckDB file to make (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.store or Path(folder) / "dyad.duckdb"
        store = DuckDBStore(path)
        con = store._con  # the benchmark fills the table in bulk, behind the store's back
        params = {
            "codes": [c[0] for c in CODES],
            "roots": [c[1] for c in CODES],
            "quads": [c[2] for c in CODES],
            "goldstein": [c[3] for c in CODES],
            "countries": COUNTRIES,
            "events": args.events,
        }
        started = time.perf_counter()
        con.execute(FILL, params)
        con.execute("CHECKPOINT")
        filled = time.perf_counter() - started
        count = store.counts().events
        print(f"events stored: {count:,} (made in {filled:.1f} s)")
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            rows = store.dyad("RUS", "UKR", period="month")
            times.append(time.perf_counter() - started)
        store.close()
    total = sum(r.events for r in rows)
    print(f"dyad RUS UKR: {len(rows)} month x quad-class rows, {total:,} events")
    print(
        f"dyad query time: median {statistics.median(times):.3f} s, best {min(times):.3f} s over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
