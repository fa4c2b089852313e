"""Real HTTP clients against the app under uvicorn: SPARQLWrapper, rdflib's SPARQLStore,
httpx uploads while other clients keep reading."""

from __future__ import annotations

import threading
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from apitools import API_KEY, CORPUS, api_test_settings, one_report_store, serve_app
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

SAM = "PREFIX sam: <https://w3id.org/samverkansgrafen/ontology#>\n"
RDFS = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
ARENA_LABELS = SAM + RDFS + "SELECT ?s ?l WHERE { ?s a sam:Arena ; rdfs:label ?l } ORDER BY ?s"


@pytest.fixture(scope="module")
def base_url(mini_store_dir: Path) -> Iterator[str]:
    with serve_app(api_test_settings(mini_store_dir)) as url:
        yield url


def _wrapper(base_url: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{base_url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(60)
    return client


def test_sparqlwrapper_select_json_get_and_post(base_url: str) -> None:
    labels = []
    for method in ("GET", POST):
        client = _wrapper(base_url, ARENA_LABELS, JSON)
        client.setMethod(method)
        result = client.queryAndConvert()
        assert isinstance(result, dict)
        labels.append([b["l"]["value"] for b in result["results"]["bindings"]])
    assert labels[0] == labels[1]
    assert "Hållbara Västerbotten" in labels[0]


def test_sparqlwrapper_xml_csv_ask_and_construct(base_url: str) -> None:
    xml = _wrapper(base_url, ARENA_LABELS, XML).queryAndConvert()
    literals = {n.firstChild.data for n in xml.getElementsByTagName("literal")}  # type: ignore[union-attr]
    assert "Hållbara Västerbotten" in literals
    csv_text = _wrapper(base_url, ARENA_LABELS, CSV).queryAndConvert()
    assert "Hållbara Västerbotten" in bytes(csv_text).decode("utf-8")  # type: ignore[arg-type]
    ask = _wrapper(base_url, SAM + "ASK { ?s a sam:Arena }", JSON).queryAndConvert()
    assert ask["boolean"] is True  # type: ignore[index]
    construct = (
        SAM + RDFS + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a sam:Arena ; rdfs:label ?l }"
    )
    turtle = _wrapper(base_url, construct, TURTLE).queryAndConvert()
    graph = Graph().parse(data=turtle, format="turtle")  # type: ignore[arg-type]
    assert Literal("Hållbara Västerbotten") in set(graph.objects())


def test_sparqlwrapper_update_is_refused(base_url: str) -> None:
    client = SPARQLWrapper(f"{base_url}/sparql", updateEndpoint=f"{base_url}/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    assert b"read-only" in caught.value.read()


def test_rdflib_sparqlstore_reads_the_endpoint(base_url: str) -> None:
    store = SPARQLStore(f"{base_url}/sparql", returnFormat="json", method="POST")
    graph = Graph(store=store)
    rows = list(graph.query(ARENA_LABELS))
    assert Literal("Hållbara Västerbotten") in {row[1] for row in rows}  # type: ignore[index]
    arena = URIRef("https://w3id.org/samverkansgrafen/ontology#Arena")
    assert any(True for _ in graph.triples((None, None, arena)))


def test_reads_continue_during_an_upload(tmp_path: Path) -> None:
    """A rebuild runs in a worker thread; reads meanwhile answer from a complete snapshot."""
    settings, first = one_report_store(tmp_path, "norrbotten-vagen-till-malet.txt")
    data = (CORPUS / "norrbotten-north-sweden-green-deal.txt").read_bytes()
    with serve_app(settings) as url, httpx.Client(base_url=url, timeout=120) as http:
        answers: list[httpx.Response] = []
        upload = threading.Thread(
            target=lambda: answers.append(
                http.post(
                    "/documents",
                    params={"filename": "green-deal.txt"},
                    content=data,
                    headers={"X-API-Key": API_KEY},
                )
            )
        )
        upload.start()
        versions = set()
        while upload.is_alive() or not versions:
            health = http.get("/health")
            assert health.status_code == 200, health.text
            versions.add(health.json()["version"])
        upload.join()
        assert answers[0].status_code == 201, answers[0].text
        assert versions <= {first, first + 1}
        assert http.get("/health").json()["version"] == first + 1
        ids = {d["id"] for d in http.get("/documents").json()}
        assert "green-deal" in ids


def test_concurrent_uploads_keep_both_documents(tmp_path: Path) -> None:
    """Two uploads at once rebuild one after the other: neither document is lost."""
    settings, first = one_report_store(tmp_path, "norrbotten-vagen-till-malet.txt")
    uploads = {
        "alpha.txt": (CORPUS / "norrbotten-rus-dialog-alvsbyn-2024.txt").read_bytes(),
        "beta.txt": (CORPUS / "vasterbotten-rus-kickoff-2012.txt").read_bytes(),
    }
    with serve_app(settings) as url, httpx.Client(base_url=url, timeout=120) as http:
        statuses: dict[str, int] = {}

        def send(name: str) -> None:
            response = http.post(
                "/documents",
                params={"filename": name},
                content=uploads[name],
                headers={"X-API-Key": API_KEY},
            )
            statuses[name] = response.status_code

        threads = [threading.Thread(target=send, args=(name,)) for name in uploads]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == {"alpha.txt": 201, "beta.txt": 201}
        ids = {d["id"] for d in http.get("/documents").json()}
        assert {"alpha", "beta"} <= ids
        assert http.get("/health").json()["version"] == first + 2
