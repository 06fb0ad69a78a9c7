"""The JSON API under ``/api``: events, dyads, actors, the network, places, articles, ingest, health,
and the world's country outlines for the map.

Every read is open; ingest needs the server's bearer token. Records are the event records of
``eventwire events --format jsonl`` (with mentions and counts).
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections import Counter
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.jsonl import parse_line
from eventwire.ingest.web import read_url
from eventwire.records import Article, Modality, to_dict
from eventwire.store import EventQuery, PairCount, Store
from eventwire.store.export import record
from eventwire.web import geo
from eventwire.web.backend import Backend, IngestResult, WebSettings

router = APIRouter(prefix="/api")
_bearer = HTTPBearer(auto_error=False, description="The server's EVENTWIRE_TOKEN.")
_MAX_OFFSET = 1_000_000
Code = Annotated[str, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\- ]+$")]
_DAY = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
Day = Annotated[
    str | None,
    Query(
        pattern=_DAY,
        description="A day, YYYY-MM-DD.",
        examples=["2024-06-18"],
        json_schema_extra={"format": "date"},
    ),
]
Period = Literal["week", "month"]
Record = dict[str, Any]


class Problem(BaseModel):
    """An error: what went wrong, for people; never a stack trace."""

    error: str
    status: int
    details: list[dict[str, Any]] | None = None


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": Problem} for code in codes}


class Health(BaseModel):
    status: Literal["ok"]


class Stats(BaseModel):
    articles: int
    events: int
    mentions: int
    quarantined: int


class EventsPage(BaseModel):
    total: int
    offset: int
    limit: int
    events: list[Record]


class PeriodCount(BaseModel):
    period: dt.date
    quad_class: int
    events: int
    mean_goldstein: float


class Timeline(BaseModel):
    by: Period
    counts: list[PeriodCount]


class Dyad(BaseModel):
    a: str
    b: str
    by: Period
    forward: list[PeriodCount] = Field(description="Events of A towards B.")
    backward: list[PeriodCount] = Field(description="Events of B towards A.")


class Edge(BaseModel):
    actor: str
    recipient: str
    events: int
    cooperative: int
    conflictual: int
    mean_goldstein: float


class Dyads(BaseModel):
    dyads: list[Edge]


class Actor(BaseModel):
    code: str
    as_actor: int
    as_recipient: int


class Actors(BaseModel):
    actors: list[Actor]


class Network(BaseModel):
    nodes: list[Actor]
    edges: list[Edge]


class PlaceOut(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    events: int
    mean_goldstein: float


class Places(BaseModel):
    places: list[PlaceOut]


class CountryProperties(BaseModel):
    name: str
    iso2: str | None
    iso3: str
    lat: float | None = Field(description="Latitude of a representative point of the country.")
    lon: float | None = Field(description="Longitude of a representative point of the country.")


class CountryGeometry(BaseModel):
    type: Literal["Polygon", "MultiPolygon"]
    coordinates: list[Any] = Field(description="GeoJSON rings of [longitude, latitude] positions.")


class Country(BaseModel):
    type: Literal["Feature"]
    id: str = Field(description="The ISO 3166-1 alpha-3 code.")
    properties: CountryProperties
    geometry: CountryGeometry | None = Field(description="The outline; null where none is known.")


class World(BaseModel):
    """The world's countries as a GeoJSON FeatureCollection (low resolution, Natural Earth derived)."""

    type: Literal["FeatureCollection"]
    features: list[Country]


class ArticleOut(BaseModel):
    id: str
    hash: str
    title: str | None
    url: str | None
    published: dt.date | None
    outlet: str
    words: int
    events: int
    text: str | None = None


class ArticlesPage(BaseModel):
    total: int
    offset: int
    limit: int
    articles: list[ArticleOut]


class ArticleWithEvents(BaseModel):
    article: ArticleOut
    events: list[Record]


class ArticleIn(BaseModel):
    """One article to ingest: its text, or the http(s) URL of a page or feed to fetch."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"anyOf": [{"required": ["text"]}, {"required": ["url"]}]}
    )

    text: str | None = Field(default=None, min_length=1, pattern=r"\S")
    url: str | None = Field(default=None, max_length=2048, pattern=r"^https?://[!-~]+$")
    id: str | None = Field(default=None, min_length=1, max_length=256)
    title: str | None = Field(default=None, max_length=2048)
    published: str | None = Field(default=None, pattern=_DAY, json_schema_extra={"format": "date"})

    @field_validator("published")
    @classmethod
    def _a_day(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)  # ValueError: not a day of the calendar
        return value

    @property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None

    @model_validator(mode="after")
    def _text_or_url(self) -> ArticleIn:
        if self.text is None and self.url is None:
            raise ValueError("give 'text' or 'url'")
        if self.text is not None and not self.text.strip():
            raise ValueError("'text' is blank")
        return self


class QuarantinedOut(BaseModel):
    source: str
    line: int | None
    kind: str
    reason: str


class Ingested(BaseModel):
    stored: int
    skipped: int
    events: int
    articles: list[str]
    quarantined: list[QuarantinedOut]


def backend(request: Request) -> Backend:
    found: Backend = request.app.state.backend
    return found


def settings(request: Request) -> WebSettings:
    found: WebSettings = request.app.state.settings
    return found


def require_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    config: Annotated[WebSettings, Depends(settings)],
) -> None:
    """Let a write through only with the server's bearer token (compared in constant time)."""
    if config.token is None:
        raise HTTPException(403, "writes are disabled: the server was started without EVENTWIRE_TOKEN")
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(401, "this needs a bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode(), config.token.encode()):
        raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})


Served = Annotated[Backend, Depends(backend)]
Config = Annotated[WebSettings, Depends(settings)]


@router.get("/health", response_model=Health, tags=["meta"])
def health() -> Health:
    """Whether the server is up."""
    return Health(status="ok")


@router.get("/stats", response_model=Stats, tags=["meta"])
def stats(store: Served) -> Stats:
    """How many articles, events, mentions and quarantined inputs the store holds."""
    counts = store.read(lambda s: s.counts())
    return Stats(
        articles=counts.articles,
        events=counts.events,
        mentions=counts.mentions,
        quarantined=counts.quarantined,
    )


@router.get("/events", response_model=EventsPage, responses=problem_responses(422), tags=["events"])
def events(
    store: Served,
    config: Config,
    actor: Code | None = None,
    recipient: Code | None = None,
    code: Annotated[str | None, Query(pattern=r"^\d{1,4}$", description="A CAMEO code or prefix.")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{1,2}$", description="A CAMEO root code.")] = None,
    plover: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    modality: Modality | None = None,
    since: Day = None,
    until: Day = None,
    text: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    limit: Annotated[int, Query(ge=0)] = 100,
    offset: Annotated[int, Query(ge=0, le=_MAX_OFFSET)] = 0,
) -> EventsPage:
    """Stored events matching the filters of ``eventwire events``, by day then id, a page at a time."""
    limit = min(limit, config.max_page)
    try:
        query = EventQuery(
            actor=actor,
            recipient=recipient,
            code=code,
            root=root,
            plover=plover,
            modality=modality,
            since=_day("since", since),
            until=_day("until", until),
            text=text,
            limit=offset + limit,
        )
    except EventwireError as exc:
        raise HTTPException(422, exc.message) from None

    def run(s: Store) -> EventsPage:
        found = [record(e) for i, e in enumerate(s.events(query)) if i >= offset]
        return EventsPage(total=s.count_events(query), offset=offset, limit=limit, events=found)

    return store.read(run)


@router.get(
    "/events/{event_id}", response_model=dict[str, Any], responses=problem_responses(404), tags=["events"]
)
def event(store: Served, event_id: Annotated[str, Path(max_length=64)]) -> Record:
    """One stored event's record, with its mentions and counts."""
    found = store.read(lambda s: s.event(event_id))
    if found is None:
        raise HTTPException(404, "no such event")
    return record(found)


@router.get("/timeline", response_model=Timeline, tags=["events"])
def timeline(store: Served, by: Period = "month") -> Timeline:
    """Events over time: counts and mean Goldstein per period and quad class."""
    rows = store.read(lambda s: s.timeline(period=by))
    return Timeline(by=by, counts=[PeriodCount(**to_dict(r)) for r in rows])


@router.get("/dyad", response_model=Dyad, responses=problem_responses(422), tags=["dyads"])
def dyad(store: Served, a: Code, b: Code, by: Period = "month") -> Dyad:
    """A dyad over time: counts and mean Goldstein by quad class, A towards B and B towards A."""
    a, b = a.strip().upper(), b.strip().upper()
    forward, backward = store.read(lambda s: (s.dyad(a, b, period=by), s.dyad(b, a, period=by)))
    return Dyad(
        a=a,
        b=b,
        by=by,
        forward=[PeriodCount(**to_dict(r)) for r in forward],
        backward=[PeriodCount(**to_dict(r)) for r in backward],
    )


@router.get("/dyads", response_model=Dyads, tags=["dyads"])
def dyads(store: Served, limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> Dyads:
    """The most active dyads (actor code towards recipient code), most events first."""
    return Dyads(dyads=_edges(store.read(lambda s: s.pairs()))[:limit])


@router.get("/actors", response_model=Actors, tags=["dyads"])
def actors(store: Served, limit: Annotated[int, Query(ge=1, le=10_000)] = 200) -> Actors:
    """Actor codes with how many events each acts in and receives, most events first."""
    return Actors(actors=_actors(store.read(lambda s: s.pairs()))[:limit])


@router.get("/network", response_model=Network, tags=["dyads"])
def network(store: Served, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Network:
    """Who acts on whom: the most active dyads as edges, and the actors they join as nodes."""
    edges = _edges(store.read(lambda s: s.pairs()))[:limit]
    counts = {a.code: a for a in _actors_of(edges)}
    return Network(
        nodes=sorted(counts.values(), key=lambda a: (-(a.as_actor + a.as_recipient), a.code)), edges=edges
    )


@router.get("/places", response_model=Places, tags=["events"])
def places(store: Served) -> Places:
    """Where events happened: events and mean Goldstein per place."""
    rows = store.read(lambda s: s.places())
    return Places(places=[PlaceOut(**to_dict(r)) for r in rows])


@router.get("/geo/world", response_model=World, tags=["events"])
def world() -> Response:
    """Country outlines and representative points for the map, from the installed countryinfo package."""
    return Response(
        geo.world_json(), media_type="application/json", headers={"Cache-Control": "public, max-age=86400"}
    )


@router.get("/articles", response_model=ArticlesPage, tags=["articles"])
def articles(
    store: Served,
    config: Config,
    limit: Annotated[int, Query(ge=0)] = 20,
    offset: Annotated[int, Query(ge=0, le=_MAX_OFFSET)] = 0,
) -> ArticlesPage:
    """Stored articles, latest stored first."""
    limit = min(limit, config.max_page)
    rows, counts = store.read(lambda s: (s.articles(limit=limit, offset=offset), s.counts()))
    return ArticlesPage(
        total=counts.articles,
        offset=offset,
        limit=limit,
        articles=[ArticleOut(**{**to_dict(r), "text": None}) for r in rows],
    )


@router.get(
    "/articles/{article_id:path}",
    response_model=ArticleWithEvents,
    responses=problem_responses(404),
    tags=["articles"],
)
def article(store: Served, article_id: Annotated[str, Path(max_length=256)]) -> ArticleWithEvents:
    """An article (by id or content hash) with its text and the events it reports."""

    def run(s: Store) -> ArticleWithEvents | None:
        found = s.article(article_id)
        if found is None:
            return None
        return ArticleWithEvents(
            article=ArticleOut(**to_dict(found)), events=[record(e) for e in s.article_events(found.hash)]
        )

    result = store.read(run)
    if result is None:
        raise HTTPException(404, "no such article")
    return result


_WRITE = {"dependencies": [Depends(require_token)], "responses": problem_responses(400, 401, 403, 413, 422)}


@router.post("/ingest", response_model=Ingested, tags=["ingest"], **_WRITE)  # type: ignore[arg-type]
def ingest(store: Served, config: Config, item: ArticleIn) -> Ingested:
    """Code and store one article: its text, or the page (or feed items) of a URL."""
    if item.text is None:
        assert item.url is not None
        if not config.fetch_urls:
            raise HTTPException(403, "this server does not fetch URLs")
        return _ingested(store.ingest(read_url(item.url, published=item.day)))
    article = Article(
        text=item.text,
        id=item.id or "",
        title=item.title,
        url=item.url,
        published=item.day,
        source=item.url or "api",
    )
    return _ingested(store.ingest([article]))


@router.post(
    "/ingest/jsonl",
    response_model=Ingested,
    tags=["ingest"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            "description": "One article per line: id, title, text, published, url (text required).",
        }
    },
    **_WRITE,  # type: ignore[arg-type]
)
async def ingest_jsonl(request: Request, store: Served) -> Ingested:
    """Code and store the articles of a JSON Lines body (bad lines are quarantined)."""
    body = await request.body()
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(422, "the body is not UTF-8 text") from None
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if not lines:
        raise HTTPException(422, "the body holds no JSON lines")
    items: list[Article | InputError] = []
    for lineno, line in lines:
        try:
            items.append(parse_line(line, source="api", lineno=lineno))
        except InputError as error:
            items.append(error)
    from starlette.concurrency import run_in_threadpool

    return _ingested(await run_in_threadpool(store.ingest, items))


def _day(name: str, value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise HTTPException(422, f"{name} is not a day of the calendar: {value!r}") from None


def _ingested(result: IngestResult) -> Ingested:
    return Ingested(
        stored=result.tally.stored,
        skipped=result.tally.skipped,
        events=result.tally.events,
        articles=result.articles,
        quarantined=[QuarantinedOut(**to_dict(q)) for q in result.quarantined],
    )


def _edges(pairs: list[PairCount]) -> list[Edge]:
    """Code-to-code edges from the stored side keys (a side of several codes counts for each)."""
    totals: dict[tuple[str, str], list[float]] = {}
    for pair in pairs:
        for actor in _coded(pair.actor):
            for recipient in _coded(pair.recipient):
                if actor == recipient:
                    continue
                total = totals.setdefault((actor, recipient), [0, 0, 0, 0.0])
                total[0] += pair.events
                total[1] += pair.cooperative
                total[2] += pair.conflictual
                total[3] += pair.mean_goldstein * pair.events
    edges = [
        Edge(
            actor=a,
            recipient=r,
            events=int(n),
            cooperative=int(coop),
            conflictual=int(conf),
            mean_goldstein=round(weighted / n, 4) if n else 0.0,
        )
        for (a, r), (n, coop, conf, weighted) in totals.items()
    ]
    return sorted(edges, key=lambda e: (-e.events, e.actor, e.recipient))


def _coded(side: str) -> list[str]:
    """The codes of a stored side key; entities known only by name (lower case there) are left out."""
    return [code for code in side.split() if code.isupper()]


def _actors(pairs: list[PairCount]) -> list[Actor]:
    acting: Counter[str] = Counter()
    receiving: Counter[str] = Counter()
    for pair in pairs:
        for code in _coded(pair.actor):
            acting[code] += pair.events
        for code in _coded(pair.recipient):
            receiving[code] += pair.events
    found = [
        Actor(code=c, as_actor=acting[c], as_recipient=receiving[c]) for c in acting.keys() | receiving.keys()
    ]
    return sorted(found, key=lambda a: (-(a.as_actor + a.as_recipient), a.code))


def _actors_of(edges: list[Edge]) -> list[Actor]:
    acting: Counter[str] = Counter()
    receiving: Counter[str] = Counter()
    for edge in edges:
        acting[edge.actor] += edge.events
        receiving[edge.recipient] += edge.events
    return [
        Actor(code=c, as_actor=acting[c], as_recipient=receiving[c]) for c in acting.keys() | receiving.keys()
    ]
