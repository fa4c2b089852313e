"""Limits and edges: row cut announced, time limit 504, 500 without internals, CORS preflight,
DESCRIBE by content negotiation, problems declared in the OpenAPI document."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from apitools import ALLOWED_ORIGIN, api_test_settings
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from api.app import create_app
from api.deps import get_snapshot
from ontology.ids import entity_iri


@pytest.fixture(scope="module")
def tight_client(mini_store_dir: Path) -> Iterator[TestClient]:
    """Two rows per answer."""
    settings = api_test_settings(mini_store_dir, max_rows=2)
    with TestClient(create_app(settings)) as client:
        yield client


def test_question_cut_by_the_row_limit_says_so(tight_client: TestClient) -> None:
    response = tight_client.get("/questions/theme_overview")
    body = response.json()
    assert len(body["rows"]) == 2 and body["truncated"] is True
    assert response.headers["Samverkan-Truncated"] == "true"
    as_csv = tight_client.get("/questions/theme_overview", headers={"Accept": "text/csv"})
    assert as_csv.headers["Samverkan-Truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == 1 + 2


def test_uncut_answer_has_no_truncation_flag(api_client: TestClient) -> None:
    response = api_client.get("/questions/theme_overview")
    assert response.json()["truncated"] is False
    assert "Samverkan-Truncated" not in response.headers


def test_time_limit_is_504_problem(mini_store_dir: Path) -> None:
    # A streaming cross join: rows keep coming, so the store stops it at its deadline
    # (the shortest limit settings allow, 100 ms) and the abandoned work ends there too.
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    settings = api_test_settings(mini_store_dir, max_rows=1_000_000, query_timeout_ms=100)
    with TestClient(create_app(settings)) as client:
        response = client.get("/sparql", params={"query": query})
    assert response.status_code == 504, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert "limit" in response.json()["detail"]


def test_unexpected_error_is_a_bare_500_problem(api_settings: object) -> None:
    app = create_app(api_settings)  # type: ignore[arg-type]

    def broken() -> None:
        raise RuntimeError("secret /srv/internal/path")

    app.dependency_overrides[get_snapshot] = broken
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/health")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret" not in response.text and "Traceback" not in response.text


def test_cors_preflight_allows_the_upload_from_the_allow_list(api_client: TestClient) -> None:
    asked = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "X-API-Key, Content-Type",
    }
    ok = api_client.options("/documents", headers={"Origin": ALLOWED_ORIGIN, **asked})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "x-api-key" in ok.headers["access-control-allow-headers"].lower()
    refused = api_client.options("/documents", headers={"Origin": "http://evil.example", **asked})
    assert "access-control-allow-origin" not in refused.headers


def test_cors_exposes_the_truncation_header(tight_client: TestClient) -> None:
    response = tight_client.get("/questions/theme_overview", headers={"Origin": ALLOWED_ORIGIN})
    assert response.headers["Samverkan-Truncated"] == "true"
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "samverkan-truncated" in exposed


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_describe_by_content_negotiation(api_client: TestClient, accept: str, fmt: str) -> None:
    iri = entity_iri("arena:ch2ess")
    response = api_client.get(
        "/sparql", params={"query": f"DESCRIBE <{iri}>"}, headers={"Accept": accept}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.content, format=fmt)
    assert (URIRef(iri), None, None) in graph


def test_every_operation_declares_problem_responses(api_client: TestClient) -> None:
    spec = api_client.get("/openapi.json").json()
    assert {"/documents", "/export", "/analytics/brokers"} <= set(spec["paths"])
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for status in ("4XX", "5XX"):
                content = operation["responses"][status]["content"]
                assert "application/problem+json" in content, (method, path)
    upload = spec["paths"]["/documents"]["post"]
    assert upload["security"] and "multipart/form-data" in upload["requestBody"]["content"]
