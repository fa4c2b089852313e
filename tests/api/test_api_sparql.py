"""/sparql: the SPARQL 1.1 Protocol through TestClient (GET, POST form, POST query body)."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from api.routers.sparql import TRUNCATED_HEADER
from ontology.ids import entity_iri

SELECT = "SELECT ?s ?l WHERE { ?s a sam:Arena ; rdfs:label ?l } ORDER BY ?s"
CONSTRUCT = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a sam:Arena ; rdfs:label ?l }"
SAM = "PREFIX sam: <https://w3id.org/samverkansgrafen/ontology#>\n"


def _labels_json(body: dict[str, object]) -> set[str]:
    bindings = body["results"]["bindings"]  # type: ignore[index]
    return {b["l"]["value"] for b in bindings}  # type: ignore[index]


def test_get_post_form_and_post_query_agree(api_client: TestClient) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    got = api_client.get("/sparql", params={"query": SELECT}, headers=accept)
    form = api_client.post("/sparql", data={"query": SELECT}, headers=accept)
    raw = api_client.post(
        "/sparql",
        content=SELECT.encode(),
        headers={**accept, "Content-Type": "application/sparql-query"},
    )
    answers = [r.json() for r in (got, form, raw)]
    assert answers[0] == answers[1] == answers[2]
    assert "Hållbara Västerbotten" in _labels_json(answers[0])
    assert got.headers["content-type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        (None, "application/sparql-results+json"),
    ],
)
def test_select_negotiation(api_client: TestClient, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = api_client.get("/sparql", params={"query": SELECT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


def test_csv_results_parse_and_keep_swedish(api_client: TestClient) -> None:
    response = api_client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert "Hållbara Västerbotten" in {r["l"] for r in rows}


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/ld+json"])
def test_construct_as_rdf(api_client: TestClient, accept: str) -> None:
    response = api_client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}
    graph = Graph().parse(data=response.content, format=fmt[accept])
    labels = {str(o) for o in graph.objects()}
    assert "Hållbara Västerbotten" in labels


def test_ask(api_client: TestClient) -> None:
    response = api_client.get("/sparql", params={"query": "ASK { ?s a sam:Arena }"})
    assert response.json() == {"head": {}, "boolean": True}


def test_percent_encoded_iri_survives_single_decoding(api_client: TestClient) -> None:
    """An IRI with %C3%A5 must reach the store as written: the form body is decoded once."""
    iri = entity_iri("org:umea-universitet").replace("umea", "ume%C3%A5")
    query = f"SELECT ?x WHERE {{ BIND(<{iri}> AS ?x) }}"
    body = "query=" + quote(query, safe="")
    response = api_client.post(
        "/sparql",
        content=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.json()["results"]["bindings"][0]["x"]["value"] == iri


def test_row_limit_is_announced(api_client: TestClient) -> None:
    """max_rows is 1,000 in the test settings; the store holds several thousand triples."""
    response = api_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.headers[TRUNCATED_HEADER] == "true"
    assert len(response.json()["results"]["bindings"]) == 1_000


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("post", {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 403),
        (
            "post",
            {
                "content": b"DELETE WHERE { ?s ?p ?o }",
                "headers": {"Content-Type": "application/sparql-update"},
            },
            403,
        ),
        ("get", {"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 403),
        ("get", {"params": {"query": "LOAD <http://example.org/x.ttl>"}}, 403),
        (
            "get",
            {"params": {"query": "SELECT * WHERE { SERVICE <http://x.org/s> { ?s ?p ?o } }"}},
            403,
        ),
        (
            "get",
            {"params": {"query": "SELECT * FROM <http://example.org/remote> WHERE { ?s ?p ?o }"}},
            403,
        ),
        ("get", {"params": {"query": "SELEKT nonsense"}}, 400),
        ("get", {}, 422),
        ("post", {"content": b"x", "headers": {"Content-Type": "text/plain"}}, 415),
        ("post", {"data": {"q": "ASK {}"}}, 400),
        ("get", {"params": {"query": SELECT}, "headers": {"Accept": "image/png"}}, 406),
        ("get", {"params": {"query": CONSTRUCT}, "headers": {"Accept": "text/csv"}}, 406),
    ],
)
def test_refusals_are_problems(
    api_client: TestClient, method: str, kwargs: dict[str, object], status: int
) -> None:
    response = getattr(api_client, method)("/sparql", **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = json.loads(response.text)
    assert problem["status"] == status and problem["detail"]
    assert "Traceback" not in response.text


def test_non_utf8_body_is_400(api_client: TestClient) -> None:
    response = api_client.post(
        "/sparql",
        content="ASK { ?s ?p 'å' }".encode("latin-1"),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 400
    assert "UTF-8" in response.json()["detail"]


def test_prefixes_are_predeclared_but_explicit_ones_work(api_client: TestClient) -> None:
    response = api_client.get("/sparql", params={"query": SAM + "ASK { ?s a sam:Arena }"})
    assert response.json()["boolean"] is True
