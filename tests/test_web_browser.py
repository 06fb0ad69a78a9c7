"""The dashboard in Debian's Chromium, driven by Playwright, against a live server on 127.0.0.1.

The store is filled by coding a few short hand-written articles with the real pipeline. Each page's
screenshot goes to test-output/web/.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.api import Coder
from eventwire.records import Article
from eventwire.store import open_store
from eventwire.web import Backend, WebSettings, create_app
from tests.webkit import CHROMIUM_FLAGS, OUTPUT, TOKEN, auth, chromium, live_server

playwright_api = pytest.importorskip("playwright.sync_api")
Page = playwright_api.Page
expect = playwright_api.expect

ARTICLES = [
    Article(
        id="kyiv-shelling",
        title="Russian forces shell Kyiv",
        text="Russian forces shelled Kyiv on Monday, Ukrainian officials said. "
        "Russia also accused Ukraine of attacking a border village.",
        published=dt.date(2024, 3, 4),
    ),
    Article(
        id="paris-talks",
        title="Zelensky meets Macron in Paris",
        text="Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Paris on Friday. "
        "France pledged new military aid to Ukraine.",
        published=dt.date(2024, 2, 16),
    ),
    Article(
        id="kharkiv-attack",
        title="Fighting near Kharkiv",
        text="Russian troops attacked Ukrainian positions near Kharkiv on Tuesday. "
        "Ukraine said Russian forces may attack Odesa next week.",
        published=dt.date(2024, 4, 9),
    ),
]
HOSTILE = (
    "Russia allegedly bombed a hospital in Ukraine. <script>window.__pwned = 1</script> "
    '<img src=x onerror="window.__pwned = 2"> Officials said Ukraine condemned Russia.'
)


class CoderEngine:
    def __init__(self, coder: Coder) -> None:
        self.coder = coder

    def code(self, articles: object) -> Iterator[tuple[Article, list[object]]]:
        return self.coder.code(articles)  # type: ignore[arg-type, return-value]


@pytest.fixture(scope="module")
def server(coder: Coder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = open_store(str(tmp_path_factory.mktemp("web") / "store.duckdb"))
    backend = Backend(store, engine=CoderEngine(coder))  # type: ignore[arg-type]
    result = backend.ingest(ARTICLES)
    assert result.tally.stored == 3 and result.tally.events >= 5
    with live_server(create_app(backend, WebSettings(token=TOKEN))) as url:
        yield url
    backend.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium()
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_FLAGS, chromium_sandbox=False
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[Page]:
    """A page that may reach only the test server; page errors and other requests fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    outside: list[str] = []
    errors: list[str] = []

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(server) or url.startswith("data:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    opened: Page = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield opened
    context.close()
    assert outside == [], f"the page tried to reach other hosts: {outside}"
    assert errors == [], f"errors in the page: {errors}"


def shot(page: Page, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def ready(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=15_000)


def test_web_browser_overview_to_dyad_to_event_to_article(page: Page, server: str) -> None:
    page.goto(server + "/")
    ready(page)
    expect(page.locator("#counts")).to_contain_text("3 articles")
    expect(page.locator("#timeline .main-svg").first).to_be_visible()
    legend = {t.strip() for t in page.locator("#timeline .legendtext").all_text_contents()}
    assert (
        {"Verbal cooperation", "Material conflict"}
        <= legend
        <= {
            "Verbal cooperation",
            "Material cooperation",
            "Verbal conflict",
            "Material conflict",
        }
    )
    expect(page.locator(".article-row")).to_have_count(3)
    shot(page, "overview")

    page.locator("a.dyad-link", has_text=re.compile(r"^RUS → UKR$")).click()
    page.wait_for_url(re.compile(r"/dyad\?a=RUS&b=UKR"))
    ready(page)
    expect(page.locator("#title")).to_have_text("RUS ↔ UKR")
    expect(page.locator("#chart-forward .main-svg").first).to_be_visible()
    accusation = page.locator(".event-row", has_text="Accuse of aggression")
    expect(accusation).to_have_count(1)
    shot(page, "dyad")

    accusation.locator("a.event-link").click()
    page.wait_for_url(re.compile(r"/event\?id="))
    ready(page)
    expect(page.locator("#event-summary")).to_contain_text("Accuse of aggression")
    expect(page.locator("#event-summary")).to_contain_text("Verbal conflict")
    expect(page.locator("#event-sentence")).to_have_text(
        "Russia also accused Ukraine of attacking a border village."
    )
    shot(page, "event")

    page.get_by_role("link", name="Read it in the article").click()
    page.wait_for_url(re.compile(r"/article\?id=kyiv-shelling"))
    ready(page)
    expect(page.locator("#title")).to_have_text("Russian forces shell Kyiv")
    evidence = page.locator("#article-text .evidence.selected")
    expect(evidence.first).to_be_visible()
    assert (
        "".join(evidence.all_text_contents()) == "Russia also accused Ukraine of attacking a border village."
    )
    expect(page.locator("#article-text .selected.trigger")).to_have_text("accused")
    expect(page.locator("#event-record")).to_contain_text("Accuse of aggression")
    shot(page, "article")

    page.locator("#article-text .trigger", has_text="shelled").click()
    expect(page.locator("#event-record h3")).to_contain_text("Fight with artillery and tanks")


def test_web_browser_events_table_filters_and_sorts(page: Page, server: str) -> None:
    page.goto(server + "/events")
    ready(page)
    rows = page.locator("#events-table tbody tr")
    total = rows.count()
    assert total >= 5
    page.locator("input[name=actor]").fill("FRA")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"actor=FRA"))
    ready(page)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("military aid")
    page.goto(server + "/events")
    ready(page)
    page.get_by_role("button", name="Goldstein").click()
    values = [float(v) for v in page.locator("#events-table tbody tr td:nth-child(6)").all_text_contents()]
    assert values == sorted(values) and values[0] < 0 < values[-1]
    expect(page.locator(".modality-hypothetical").first).to_be_visible()
    shot(page, "events")


def test_web_browser_network(page: Page, server: str) -> None:
    page.goto(server + "/network")
    ready(page)
    expect(page.locator("#network .main-svg").first).to_be_visible()
    expect(page.locator("#network .textpoint", has_text="UKRGOV").first).to_be_visible()
    expect(page.locator(".edge-row", has_text="RUS → UKR")).to_have_count(1)
    shot(page, "network")


def test_web_browser_map_draws_countries_and_places(page: Page, server: str) -> None:
    """Country outlines from the local geo route (no CDN: the page fixture fails any other host)."""
    page.goto(server + "/map")
    ready(page)
    expect(page.locator("#map .main-svg").first).to_be_visible()
    traces = page.evaluate(
        """() => document.getElementById("map").data.map((t) => ({
            name: t.name,
            points: t.x.filter((v) => v !== null).length,
            rings: t.x.filter((v) => v === null).length,
            text: t.text || null,
        }))"""
    )
    outlines, places = traces
    assert outlines["name"] == "countries" and outlines["rings"] > 200 and outlines["points"] > 5_000
    assert places["name"] == "places" and "Kharkiv" in places["text"] and "Paris" in places["text"]
    # the outlines are in the SVG, a path per ring, below the places
    drawn = page.locator("#map .scatterlayer .trace")
    expect(drawn).to_have_count(2)
    assert drawn.first.locator("path.js-line").count() > 200
    expect(page.locator("#map .textpoint", has_text="Kharkiv")).to_have_count(1)
    expect(page.locator(".place-row", has_text="Paris")).to_have_count(1)
    expect(page.locator(".place-row", has_text="Ukraine").first).to_be_visible()
    page.locator("#map .scatterlayer .trace").nth(1).locator("path.point").first.hover(force=True)
    expect(page.locator("#map .hoverlayer .hovertext")).to_contain_text("event")
    shot(page, "map")


def test_web_browser_hostile_article_stays_text(page: Page, server: str) -> None:
    body = {"id": "hostile", "title": "<b>Hostile</b> <script>window.__pwned = 3</script>", "text": HOSTILE}
    request = urllib.request.Request(
        server + "/api/ingest",
        data=json.dumps(body).encode(),
        headers={**auth(), "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200 and json.loads(response.read())["stored"] == 1
    page.goto(server + "/article?id=hostile")
    ready(page)
    expect(page.locator("#title")).to_have_text("<b>Hostile</b> <script>window.__pwned = 3</script>")
    text = page.locator("#article-text")
    expect(text).to_contain_text("<script>window.__pwned = 1</script>")
    expect(text).to_contain_text('<img src=x onerror="window.__pwned = 2">')
    assert page.locator("#article-text script, #article-text img, #main b").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    expect(page.locator("#article-text .trigger.said-alleged")).to_have_text("bombed")
    shot(page, "hostile-article")
    page.goto(server + "/")
    ready(page)
    expect(page.locator(".article-row", has_text="<script>")).to_have_count(1)
    assert page.evaluate("() => window.__pwned") is None
