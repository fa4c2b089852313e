"""/export: every format downloads, RDF parses back, and no export holds contact details."""

from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph
from test_api_core import EMAIL, PHONE

from graph.export import FORMATS, MEDIA_TYPES


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_downloads_without_contact_details(api_client: TestClient, fmt: str) -> None:
    response = api_client.get("/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == MEDIA_TYPES[fmt]
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    else:
        text = response.content.decode("utf-8")
    assert text
    assert not EMAIL.search(text), EMAIL.search(text)
    assert not PHONE.search(text), PHONE.search(text)


def test_turtle_export_matches_the_sparql_endpoint(api_client: TestClient) -> None:
    graph = Graph().parse(data=api_client.get("/export?format=ttl").content, format="turtle")
    count = api_client.get(
        "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"},
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert len(graph) == int(count)


def test_nquads_keep_named_graphs(api_client: TestClient) -> None:
    ds = Dataset().parse(data=api_client.get("/export?format=nq").content, format="nquads")
    names = {str(g.identifier) for g in ds.graphs()}
    assert any("/graph/document/" in n for n in names)
    assert any("/graph/reference/" in n for n in names)


def test_unknown_format_is_422_problem(api_client: TestClient) -> None:
    response = api_client.get("/export", params={"format": "xlsx"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
