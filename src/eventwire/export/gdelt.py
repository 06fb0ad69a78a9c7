"""Events as GDELT 2.0 event rows: 61 tab-separated columns, one row per actor-recipient dyad.

GDELT has one actor and one recipient per row, so an event with two actors and one recipient gives two
rows, and an event without a recipient gives rows with empty ``Actor2`` columns. A party is never its
own recipient: a mutual event ("Canada and Mexico signed an agreement", each actor the other's
recipient) gives the rows Canada-Mexico and Mexico-Canada. A recipient known only by its words ("the
draft resolution") has an empty code and its words, upper-cased, as its name. Fields eventwire does
not know (ethnic and religion codes, actor geography, tone) are left empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from typing import TextIO

from eventwire.records import Entity, Event, Place

GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code",
    "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
    "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
)  # fmt: skip

GEO_COUNTRY = "1"  # GDELT geographic resolutions: country, and a city or landmark outside the US
GEO_CITY = "4"

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ID_DIGITS = 15


def write(events: Iterable[Event], out: TextIO, *, header: bool = False) -> int:
    """Write GDELT 2.0 event rows, tab-separated.

    Args:
        events: the events to write.
        out: a text stream.
        header: write the column names first (GDELT's own files have no header).

    Returns:
        The number of rows written, the header not counted.
    """
    if header:
        out.write("\t".join(GDELT_EVENT_COLUMNS) + "\n")
    count = 0
    for event in events:
        for fields in rows(event):
            out.write("\t".join(_clean(value) for value in fields.values()) + "\n")
            count += 1
    return count


def rows(event: Event) -> list[dict[str, str]]:
    """The GDELT rows of one event, one per actor-recipient dyad: column name -> text, in column order."""
    actors: list[Entity | None] = list(event.actor) or [None]
    recipients: list[Entity | None] = list(event.recipient) or [None]
    base = global_event_id(event.id)
    shared = {
        **_date_fields(event.date.value),
        "IsRootEvent": "1" if event.sentence.index == 0 else "0",
        "EventCode": event.cameo.code,
        "EventBaseCode": event.cameo.code[:3],
        "EventRootCode": event.cameo.root,
        "QuadClass": str(event.cameo.quad_class),
        "GoldsteinScale": _number(event.cameo.goldstein),
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        **_geo_fields("ActionGeo", event.location),
        "DATEADDED": _date_added(event.article.published),
        "SOURCEURL": event.article.url or event.article.id,
    }
    pairs = [(a, r) for a in actors for r in recipients if not _same_party(a, r)]
    result = []
    for index, (actor, recipient) in enumerate(pairs or [(a, None) for a in actors]):
        fields = dict.fromkeys(GDELT_EVENT_COLUMNS, "")
        fields.update(shared)
        fields.update(_actor_fields("Actor1", actor))
        fields.update(_actor_fields("Actor2", recipient))
        fields["GLOBALEVENTID"] = str(base + index)
        result.append(fields)
    return result


def _same_party(actor: Entity | None, recipient: Entity | None) -> bool:
    """Whether a dyad would join a party to itself: an event parties do with one another ("Canada and
    Mexico signed an agreement") lists each actor as a recipient too, and gives only the dyads between
    different parties."""
    if actor is None or recipient is None:
        return False
    codes = (actor.name, actor.cameo, actor.country, actor.org)
    return codes == (recipient.name, recipient.cameo, recipient.country, recipient.org)


def global_event_id(event_id: str) -> int:
    """A deterministic integer from an event id: its first 15 hex digits (hashed first if not hex)."""
    digits = event_id[:_ID_DIGITS].lower()
    if len(digits) < _ID_DIGITS or not all(c in "0123456789abcdef" for c in digits):
        digits = hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:_ID_DIGITS]
    return int(digits, 16)


def _actor_fields(prefix: str, entity: Entity | None) -> dict[str, str]:
    if entity is None:
        return {}
    code = entity.cameo or ""
    types: list[str] = []
    if entity.country and code.startswith(entity.country):
        rest = code[len(entity.country) :]
        types = [rest[i : i + 3] for i in range(0, len(rest), 3)][:3]
    fields = {
        f"{prefix}Code": code,
        f"{prefix}Name": entity.name.upper(),
        f"{prefix}CountryCode": entity.country or "",
        f"{prefix}KnownGroupCode": entity.org or "",
    }
    for number, type_code in enumerate(types, start=1):
        fields[f"{prefix}Type{number}Code"] = type_code
    return fields


def _geo_fields(prefix: str, place: Place | None) -> dict[str, str]:
    if place is None:
        return {}
    has_point = place.lat is not None and place.lon is not None
    if has_point:
        geo_type = GEO_CITY
    elif place.country:
        geo_type = GEO_COUNTRY
    else:
        geo_type = ""
    if place.geonameid is not None:
        feature = str(place.geonameid)
    elif geo_type == GEO_COUNTRY:
        feature = place.country or ""  # GDELT's country-level feature id is the country code
    else:
        feature = ""
    return {
        f"{prefix}_Type": geo_type,
        f"{prefix}_FullName": place.name,
        f"{prefix}_CountryCode": place.country or "",
        f"{prefix}_Lat": _number(place.lat),
        f"{prefix}_Long": _number(place.lon),
        f"{prefix}_FeatureID": feature,
    }


def _date_fields(value: str | None) -> dict[str, str]:
    match = _DATE.fullmatch(value or "")
    if match is None:
        return {}
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return {}
    # GDELT's approximation: ((month - 1) * 30 + day) / 365 keeps the fraction below 1.
    fraction = ((date.month - 1) * 30 + date.day) / 365
    return {
        "SQLDATE": date.strftime("%Y%m%d"),
        "MonthYear": date.strftime("%Y%m"),
        "Year": f"{date.year:04d}",
        "FractionDate": f"{date.year + fraction:.4f}",
    }


def _date_added(published: dt.date | None) -> str:
    return published.strftime("%Y%m%d000000") if published else ""


def _number(value: float | None) -> str:
    """A float without trailing noise: 1.9 -> "1.9", -10.0 -> "-10.0", 39.0194444 -> "39.019444"."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _clean(text: str) -> str:
    """GDELT has no quoting: tabs and line breaks inside a field become spaces."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
