"""The JSON API: every endpoint on both store back ends, tokens, body limits and errors."""

from __future__ import annotations

import http.server
import itertools
import json
import logging
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.records import Article
from eventwire.store import Store
from eventwire.web import Backend, WebSettings, create_app, geo
from eventwire.web.api import World
from tests.storekit import StandInEngine
from tests.webkit import TOKEN, auth, fill, stand_in_app


@pytest.fixture
def filled(fresh_store: Store) -> dict[str, Article]:
    return fill(fresh_store)


@pytest.fixture
def client(fresh_store: Store, filled: dict[str, Article]) -> Iterator[TestClient]:
    with TestClient(stand_in_app(fresh_store)) as client:
        yield client


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_web_api_health_and_stats(client: TestClient) -> None:
    assert get(client, "/api/health") == {"status": "ok"}
    assert get(client, "/api/stats") == {"articles": 4, "events": 3, "mentions": 4, "quarantined": 1}


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({}, ["190", "042", "112"]),
        ({"actor": "rus"}, ["190"]),
        ({"recipient": "FRA"}, ["112"]),
        ({"root": "4"}, ["042"]),
        ({"code": "11"}, ["112"]),
        ({"plover": "consult"}, ["042"]),
        ({"modality": "alleged"}, ["112"]),
        ({"since": "2024-06-18", "until": "2024-06-30"}, ["042"]),
        ({"text": "spying"}, ["112"]),
        ({"limit": 2}, ["190", "042"]),
        ({"limit": 2, "offset": 2}, ["112"]),
    ],
)
def test_web_api_events_filter_and_page(client: TestClient, params: dict[str, Any], codes: list[str]) -> None:
    page = get(client, "/api/events", **params)
    assert [e["cameo"]["code"] for e in page["events"]] == codes
    unpaged = {k: v for k, v in params.items() if k not in ("limit", "offset")}
    assert page["total"] == len(get(client, "/api/events", **unpaged)["events"])


def test_web_api_event_has_mentions_and_counts(client: TestClient) -> None:
    raid = get(client, "/api/events", actor="RUS")["events"][0]
    found = get(client, f"/api/events/{raid['id']}")
    assert found["num_mentions"] == 2 and found["num_articles"] == 2 and found["num_sources"] == 2
    assert [m["modality"] for m in found["mentions"]] == ["asserted", "alleged"]
    assert found["location"]["name"] == "Kyiv"
    missing = client.get("/api/events/0000")
    assert missing.status_code == 404 and missing.json() == {"error": "no such event", "status": 404}


def test_web_api_timeline_and_dyad(client: TestClient) -> None:
    timeline = get(client, "/api/timeline")["counts"]
    assert [(c["period"], c["quad_class"], c["events"]) for c in timeline] == [
        ("2024-06-01", 1, 1),
        ("2024-06-01", 4, 1),
        ("2024-07-01", 3, 1),
    ]
    dyad = get(client, "/api/dyad", a="fra", b="IRN", by="week")
    assert (dyad["a"], dyad["b"], dyad["by"], dyad["forward"]) == ("FRA", "IRN", "week", [])
    assert dyad["backward"] == [
        {"period": "2024-07-01", "quad_class": 3, "events": 1, "mean_goldstein": -2.0}
    ]


def test_web_api_dyads_actors_network(client: TestClient) -> None:
    dyads = get(client, "/api/dyads")["dyads"]
    assert [(d["actor"], d["recipient"], d["events"]) for d in dyads] == [
        ("FRA", "CHN", 1),
        ("IRN", "FRA", 1),
        ("RUS", "UKR", 1),
    ]
    assert dyads[2]["conflictual"] == 1 and dyads[0]["cooperative"] == 1
    actors = {a["code"]: (a["as_actor"], a["as_recipient"]) for a in get(client, "/api/actors")["actors"]}
    assert actors == {"FRA": (1, 1), "CHN": (0, 1), "IRN": (1, 0), "RUS": (1, 0), "UKR": (0, 1)}
    network = get(client, "/api/network", limit=2)
    assert len(network["edges"]) == 2
    assert {n["code"] for n in network["nodes"]} == {"FRA", "CHN", "IRN"}


def test_web_api_places(client: TestClient) -> None:
    places = get(client, "/api/places")["places"]
    assert [(p["name"], p["events"]) for p in places] == [("Kyiv", 1), ("Paris", 1)]
    assert places[0]["lat"] == pytest.approx(50.45)


def test_web_api_geo_world_is_local_geojson(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Country outlines from the installed countryinfo package: no network, read once, valid GeoJSON."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the geo route must not reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    response = client.get("/api/geo/world")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    world = World.model_validate(response.json())
    assert world.type == "FeatureCollection"
    by_code = {f.id: f for f in world.features}
    assert len(by_code) == len(world.features) > 200
    outlined = [f for f in world.features if f.geometry is not None]
    assert len(outlined) > 150
    for code, name in [("UKR", "Ukraine"), ("RUS", "Russia"), ("FRA", "France"), ("USA", "United States")]:
        country = by_code[code]
        assert country.properties.name == name and country.properties.iso3 == code
        assert country.geometry is not None and country.geometry.type in {"Polygon", "MultiPolygon"}
    for feature in outlined:
        assert feature.geometry is not None
        polygons = (
            [feature.geometry.coordinates]
            if feature.geometry.type == "Polygon"
            else feature.geometry.coordinates
        )
        for ring in (ring for polygon in polygons for ring in polygon):
            assert len(ring) >= 4 and ring[0] == ring[-1], feature.id
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring), feature.id
    # Kyiv lies inside Ukraine's outline and not France's, near Ukraine's representative point
    assert _inside((30.52, 50.45), by_code["UKR"]) and not _inside((30.52, 50.45), by_code["FRA"])
    assert _inside((2.35, 48.85), by_code["FRA"])
    ukraine = by_code["UKR"].properties
    assert ukraine.lat is not None and ukraine.lon is not None
    assert abs(ukraine.lat - 50.45) < 5 and abs(ukraine.lon - 30.52) < 5
    # built once per process and served from memory
    assert geo.world_json.cache_info().currsize == 1
    again = client.get("/api/geo/world")
    assert again.content == response.content and geo.world_json.cache_info().hits >= 1


def _inside(point: tuple[float, float], country: Any) -> bool:
    """Whether (lon, lat) is inside the outer ring of one of the country's polygons (ray casting)."""
    x, y = point
    geometry = country.geometry
    polygons = [geometry.coordinates] if geometry.type == "Polygon" else geometry.coordinates
    for ring in (polygon[0] for polygon in polygons):
        crossings = sum(
            1
            for (x0, y0), (x1, y1) in itertools.pairwise(ring)
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        )
        if crossings % 2:
            return True
    return False


def test_web_api_articles_and_article(client: TestClient, filled: dict[str, Article]) -> None:
    page = get(client, "/api/articles", limit=10)
    assert page["total"] == 4
    assert {a["id"] for a in page["articles"]} == {a.id for a in filled.values()}
    assert all(a["text"] is None for a in page["articles"])
    again = filled["again"]
    found = get(client, f"/api/articles/{again.id}")
    assert found["article"]["text"] == again.text
    assert found["article"]["outlet"] == "two.example"
    assert [e["cameo"]["code"] for e in found["events"]] == ["190"]  # merged into the raid's event
    by_hash = get(client, f"/api/articles/{found['article']['hash']}")
    assert by_hash["article"]["id"] == again.id
    assert client.get("/api/articles/nothing-here").status_code == 404


def test_web_api_ingest_text(client: TestClient) -> None:
    body = {
        "text": "Russia shelled Ukraine <script>alert(1)</script>.",
        "id": "hostile",
        "published": "2024-06-20",
    }
    response = client.post("/api/ingest", json=body, headers=auth())
    assert response.status_code == 200, response.text
    assert response.json() == {
        "stored": 1,
        "skipped": 0,
        "events": 1,
        "articles": ["hostile"],
        "quarantined": [],
    }
    again = client.post("/api/ingest", json=body, headers=auth()).json()
    assert (again["stored"], again["skipped"]) == (0, 1)
    stored = get(client, "/api/articles/hostile")
    assert stored["article"]["text"] == body["text"]
    assert stored["article"]["published"] == "2024-06-20"


def test_web_api_ingest_jsonl_quarantines_bad_lines(client: TestClient) -> None:
    lines = [
        json.dumps({"id": "one", "text": "Russia attacked Ukraine again today."}),
        "{not json",
        json.dumps({"id": "two", "text": "France hosted China in Paris."}),
    ]
    response = client.post(
        "/api/ingest/jsonl",
        content="\n".join(lines).encode(),
        headers={**auth(), "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["stored"], result["articles"]) == (2, ["one", "two"])
    assert [(q["source"], q["line"], q["kind"]) for q in result["quarantined"]] == [("api", 2, "unreadable")]
    assert get(client, "/api/stats")["quarantined"] == 2


@pytest.fixture
def page_server() -> Iterator[str]:
    """A page on a local HTTP server (the URL ingest fetches)."""
    page = (
        b"<html><head><title>Raid on Kyiv</title></head><body><article><p>"
        + b"Russia attacked Ukraine near Kyiv on Monday, officials said. " * 5
        + b"</p></article></body></html>"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/raid.html"
    server.shutdown()
    server.server_close()


def test_web_api_ingest_url(client: TestClient, page_server: str) -> None:
    response = client.post("/api/ingest", json={"url": page_server}, headers=auth())
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["stored"], result["events"], result["quarantined"]) == (1, 1, [])
    stored = get(client, "/api/articles", limit=1)["articles"][0]
    assert stored["url"] == page_server and stored["outlet"] == "127.0.0.1"


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        ({}, 401, "this needs a bearer token"),
        ({"Authorization": "Bearer wrong-token"}, 401, "wrong token"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 401, "wrong token"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "this needs a bearer token"),
        ({"Authorization": "Bearer"}, 401, "this needs a bearer token"),
    ],
)
def test_web_api_writes_need_the_token(
    client: TestClient, caplog: pytest.LogCaptureFixture, headers: dict[str, str], status: int, message: str
) -> None:
    caplog.set_level(logging.DEBUG)
    for path, kwargs in (
        ("/api/ingest", {"json": {"text": "Russia attacked Ukraine."}}),
        ("/api/ingest/jsonl", {"content": b'{"text": "Russia attacked Ukraine."}'}),
    ):
        response = client.post(path, headers=headers, **kwargs)  # type: ignore[arg-type]
        assert (response.status_code, response.json()["error"]) == (status, message)
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert get(client, "/api/stats")["articles"] == 4
    assert TOKEN not in caplog.text


def test_web_api_without_token_reads_only(fresh_store: Store) -> None:
    with TestClient(create_app(Backend(fresh_store, engine=StandInEngine()), WebSettings())) as client:
        response = client.post("/api/ingest", json={"text": "Russia attacked Ukraine."}, headers=auth())
        assert response.status_code == 403
        assert "EVENTWIRE_TOKEN" in response.json()["error"]
        assert get(client, "/api/health") == {"status": "ok"}


def test_web_api_settings_hide_the_token() -> None:
    assert TOKEN not in repr(WebSettings(token=TOKEN))


@pytest.mark.parametrize("chunked", [False, True])
def test_web_api_refuses_oversized_bodies(fresh_store: Store, chunked: bool) -> None:
    app = stand_in_app(fresh_store, max_body=1000)
    body = json.dumps({"text": "Russia attacked Ukraine. " * 100}).encode()
    content: Any = iter([body[:500], body[500:]]) if chunked else body
    with TestClient(app) as client:
        response = client.post(
            "/api/ingest", content=content, headers={**auth(), "Content-Type": "application/json"}
        )
        assert response.status_code == 413
        assert response.json() == {"error": "the request body is over 1000 bytes", "status": 413}
        assert get(client, "/api/stats")["articles"] == 0


@pytest.mark.parametrize(
    ("content", "content_type", "where"),
    [
        (b"{not json", "application/json", ["body", "1"]),
        (b'{"text": 42}', "application/json", ["body", "text"]),
        (b'{"text": "Russia attacked.", "extra": 1}', "application/json", ["body", "extra"]),
        (b"{}", "application/json", ["body"]),
        (b'{"text": "   "}', "application/json", ["body"]),
        (b'{"url": "file:///etc/passwd"}', "application/json", ["body", "url"]),
        (b'{"text": "Russia attacked.", "published": "June"}', "application/json", ["body", "published"]),
        (b"[1, 2]", "application/json", ["body"]),
    ],
)
def test_web_api_rejects_malformed_bodies(
    client: TestClient, content: bytes, content_type: str, where: list[str]
) -> None:
    response = client.post("/api/ingest", content=content, headers={**auth(), "Content-Type": content_type})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert (problem["error"], problem["status"]) == ("invalid request", 422)
    assert any(d["where"][: len(where)] == where for d in problem["details"]), problem


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe\x00garbage", "the body is not UTF-8 text"), (b"\n \n", "the body holds no JSON lines")],
)
def test_web_api_rejects_malformed_jsonl(client: TestClient, content: bytes, message: str) -> None:
    response = client.post("/api/ingest/jsonl", content=content, headers=auth())
    assert response.status_code == 422
    assert response.json()["error"] == message


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"since": "yesterday"}),
        ("/api/events", {"since": "2024-07-01", "until": "2024-06-01"}),
        ("/api/events", {"limit": -1}),
        ("/api/events", {"modality": "rumoured"}),
        ("/api/events", {"actor": "RUS'; DROP TABLE events; --"}),
        ("/api/dyad", {"a": "RUS"}),
        ("/api/timeline", {"by": "year"}),
    ],
)
def test_web_api_rejects_bad_queries(client: TestClient, path: str, params: dict[str, Any]) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.json()["status"] == 422
    assert get(client, "/api/stats")["events"] == 3


def test_web_api_hides_internal_errors(fresh_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(fresh_store, "counts", broken)
    with TestClient(stand_in_app(fresh_store), raise_server_exceptions=False) as client:
        response = client.get("/api/stats")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error (logged on the server)", "status": 500}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_web_api_sends_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.text.replace('<script src="', "")


@pytest.mark.parametrize("url", ["http://\u0100", "http://\x7f", "http://a b"])
def test_web_api_refuses_urls_it_cannot_fetch(client: TestClient, url: str) -> None:
    response = client.post("/api/ingest", json={"url": url}, headers=auth())
    assert response.status_code == 422
    assert response.json()["details"][0]["where"] == ["body", "url"]


def test_web_api_fetching_can_be_turned_off(fresh_store: Store) -> None:
    with TestClient(stand_in_app(fresh_store, fetch_urls=False)) as client:
        response = client.post("/api/ingest", json={"url": "http://127.0.0.1:9/page"}, headers=auth())
    assert response.status_code == 403
    assert response.json()["error"] == "this server does not fetch URLs"
