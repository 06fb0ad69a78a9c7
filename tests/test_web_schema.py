"""A schemathesis run over the OpenAPI schema finds no server errors and no answers off the schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from eventwire.store import open_store
from tests.webkit import auth, fill, stand_in_app


def _app() -> Any:
    store = open_store(":memory:")
    fill(store)
    return stand_in_app(store, max_body=64 * 1024, fetch_urls=False)  # no fetching of generated URLs


@schemathesis.serializer("application/x-ndjson")
def _ndjson(context: Any, value: Any) -> bytes:
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


schema = schemathesis.openapi.from_asgi("/api/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_web_schema_no_server_errors(case: schemathesis.Case) -> None:
    # Left out: whether every schema-valid request succeeds (a day such as 2024-02-31 fits the
    # pattern but is refused with 422), and, for JSON Lines, whether a "wrong type" body is refused
    # (any text is a JSON Lines body; its bad lines are quarantined, not refused).
    excluded = [positive_data_acceptance]
    if case.operation.path == "/api/ingest/jsonl":
        excluded.append(negative_data_rejection)
    case.call_and_validate(headers=auth(), excluded_checks=excluded)


def test_web_schema_documents_every_endpoint() -> None:
    paths = set(schema.raw_schema["paths"])
    assert paths == {
        "/api/health",
        "/api/stats",
        "/api/events",
        "/api/events/{event_id}",
        "/api/timeline",
        "/api/dyad",
        "/api/dyads",
        "/api/actors",
        "/api/network",
        "/api/places",
        "/api/geo/world",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/ingest",
        "/api/ingest/jsonl",
    }
    ingest = schema.raw_schema["paths"]["/api/ingest"]["post"]
    assert ingest["security"] == [{"HTTPBearer": []}]
    assert {"401", "413", "422"} <= set(ingest["responses"])


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
