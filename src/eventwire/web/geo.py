"""World country outlines for the map page, read from the installed ``countryinfo`` package.

``countryinfo`` ships one JSON file per country with its ISO codes, a representative point
(``latlng``) and, for most countries, a low-resolution GeoJSON outline (Natural Earth derived).
Nothing is fetched: the files are read from the package on first use and the GeoJSON
FeatureCollection built from them is kept in memory.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

_PRECISION = 3  # decimal places kept of each coordinate (about 100 m; the outlines are coarser)


@functools.cache
def world_json() -> bytes:
    """The GeoJSON FeatureCollection of the world's countries, serialised (built once per process)."""
    return json.dumps(world(), separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@functools.cache
def world() -> dict[str, Any]:
    """The countries as a GeoJSON FeatureCollection, one Feature per ISO 3166 alpha-3 code.

    Each Feature's ``id`` is the alpha-3 code; its properties are ``name``, ``iso2``, ``iso3`` and a
    representative point ``lat``/``lon`` (null when unknown); its geometry is a Polygon or
    MultiPolygon, or null for the few countries the package has no outline for.
    """
    features: dict[str, dict[str, Any]] = {}
    data = resources.files("countryinfo") / "data"
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        feature = _feature(info)
        if feature is not None and feature["id"] not in features:
            features[feature["id"]] = feature
    return {"type": "FeatureCollection", "features": [features[k] for k in sorted(features)]}


def _feature(info: dict[str, Any]) -> dict[str, Any] | None:
    iso = info.get("ISO") or {}
    iso3 = iso.get("alpha3")
    name = info.get("name")
    if not isinstance(iso3, str) or len(iso3) != 3 or not isinstance(name, str):
        return None
    geometry = _geometry(info.get("geoJSON") or {})
    point = _point(info.get("latlng"), geometry)
    return {
        "type": "Feature",
        "id": iso3,
        "properties": {
            "name": name,
            "iso2": iso.get("alpha2") if isinstance(iso.get("alpha2"), str) else None,
            "iso3": iso3,
            "lat": point[1] if point else None,
            "lon": point[0] if point else None,
        },
        "geometry": geometry,
    }


def _geometry(collection: dict[str, Any]) -> dict[str, Any] | None:
    polygons: list[Any] = []
    for feature in collection.get("features") or []:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons.append(geometry["coordinates"])
        elif geometry.get("type") == "MultiPolygon":
            polygons.extend(geometry["coordinates"])
    rounded = [[[_rounded(p) for p in ring] for ring in polygon] for polygon in polygons]
    if not rounded:
        return None
    if len(rounded) == 1:
        return {"type": "Polygon", "coordinates": rounded[0]}
    return {"type": "MultiPolygon", "coordinates": rounded}


def _rounded(position: list[float]) -> list[float]:
    return [round(float(position[0]), _PRECISION), round(float(position[1]), _PRECISION)]


def _point(latlng: Any, geometry: dict[str, Any] | None) -> tuple[float, float] | None:
    """(lon, lat): the package's point for the country, else the centroid of its largest ring."""
    if isinstance(latlng, list) and len(latlng) == 2 and all(isinstance(v, int | float) for v in latlng):
        return float(latlng[1]), float(latlng[0])
    if geometry is None:
        return None
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    rings = [polygon[0] for polygon in polygons if polygon and len(polygon[0]) >= 3]
    best: tuple[float, float, float] | None = None
    for ring in rings:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cx / (3 * area), cy / (3 * area))
    return None if best is None else (round(best[1], _PRECISION), round(best[2], _PRECISION))
