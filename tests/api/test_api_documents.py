"""GET /documents and POST /documents: key, size limit, formats, replace, refusals.

A small real corpus (one report of data/corpus) is built with samverkan.build into a temporary
store; uploads rebuild that store for real (about a second each).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from apitools import API_KEY, CORPUS, fuzz_settings, one_report_store
from fastapi.testclient import TestClient
from hypothesis import given
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from api.app import create_app
from api.routers.documents import filename_from_disposition
from ontology.ids import document_graph_iri
from ontology.model import Extraction
from samverkan.build import build_store
from samverkan.settings import Settings

BASE_REPORT = "norrbotten-vagen-till-malet.txt"
UPLOAD_REPORT = "norrbotten-rus-dialog-alvsbyn-2024.txt"
RICH_REPORT = "norrbotten-north-sweden-green-deal.txt"
KEY = {"X-API-Key": API_KEY}
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def upload_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings, _ = one_report_store(tmp_path_factory.mktemp("uploads"), BASE_REPORT)
    return settings


@pytest.fixture(scope="module")
def client(upload_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(upload_settings)) as c:
        yield c


def _version(client: TestClient) -> int:
    version: int = client.get("/health").json()["version"]
    return version


def _doc_ids(client: TestClient) -> list[str]:
    return [d["id"] for d in client.get("/documents").json()]


def test_documents_lists_the_sources(client: TestClient) -> None:
    docs = client.get("/documents").json()
    base = next(d for d in docs if d["id"] == "norrbotten-vagen-till-malet")
    assert base["graph"] == document_graph_iri(base["id"])
    assert base["path"].endswith(BASE_REPORT)
    assert base["entities"] > 0
    assert base["title"] and "Norrbotten" in base["region"]


def test_documents_carry_the_stored_hashes(
    api_client: TestClient, mini_extraction: Extraction
) -> None:
    listed = {d["id"]: d for d in api_client.get("/documents").json()}
    assert set(listed) == {d.id for d in mini_extraction.documents}
    for doc in mini_extraction.documents:
        mentioned = sum(
            1 for e in mini_extraction.entities if doc.id in {m.document for m in e.mentions}
        )
        assert listed[doc.id]["sha256"] == doc.sha256
        assert listed[doc.id]["entities"] == mentioned


def test_raw_upload_adds_a_document_and_the_app_serves_it(client: TestClient) -> None:
    before = _version(client)
    data = (CORPUS / UPLOAD_REPORT).read_bytes()
    response = client.post(
        "/documents",
        params={"filename": "dialog-raw.txt"},
        content=data,
        headers={**KEY, "Content-Type": "text/plain"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["document"] == "dialog-raw"
    assert body["graph"] == document_graph_iri("dialog-raw")
    assert body["version"] == before + 1 == _version(client)
    assert body["changed"] is True and body["replaced"] is False
    assert body["entities"] > 0 and body["counts"]["documents"] >= 2
    assert "dialog-raw" in _doc_ids(client)
    found = client.get("/entities", params={"document": "dialog-raw", "limit": 500}).json()
    assert found["total"] > 0
    ask = f"ASK {{ GRAPH <{document_graph_iri('dialog-raw')}> {{ ?s ?p ?o }} }}"
    sparql = client.get("/sparql", params={"query": ask}, headers={"Accept": "application/json"})
    assert sparql.json()["boolean"] is True


def test_multipart_upload_and_replace(client: TestClient) -> None:
    text = (CORPUS / RICH_REPORT).read_text(encoding="utf-8")
    first = client.post(
        "/documents",
        files={"file": ("dialog-form.md", text.encode(), "text/markdown")},
        headers=KEY,
    )
    assert first.status_code == 201, first.text
    assert first.json()["replaced"] is False
    # The same name again with only its first half: the document's facts are replaced.
    half = text[: len(text) // 2]
    second = client.post(
        "/documents",
        files={"file": ("dialog-form.md", half.encode(), "text/markdown")},
        headers=KEY,
    )
    assert second.status_code == 201, second.text
    body = second.json()
    assert body["replaced"] is True and body["version"] == first.json()["version"] + 1
    assert body["entities"] < first.json()["entities"]
    assert _doc_ids(client).count("dialog-form") == 1
    again = client.post(
        "/documents",
        files={"file": ("dialog-form.md", half.encode(), "text/markdown")},
        headers=KEY,
    )
    assert again.json()["changed"] is False and again.json()["version"] == body["version"]


def test_content_disposition_names_a_raw_upload(client: TestClient) -> None:
    response = client.post(
        "/documents",
        content="<html><body><h1>Rapport</h1><p>Luleå kommun och Region Norrbotten samverkar "
        "om energi.</p></body></html>".encode(),
        headers={
            **KEY,
            "Content-Type": "text/html",
            "Content-Disposition": 'attachment; filename="kort-rapport.html"',
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["document"] == "kort-rapport"


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"X-API-Key": "wrong"}, 401), ({"X-API-Key": API_KEY + "x"}, 401)],
)
def test_upload_needs_the_key(client: TestClient, headers: dict[str, str], status: int) -> None:
    before = _version(client)
    response = client.post(
        "/documents", params={"filename": "x.txt"}, content=b"Region Norrbotten", headers=headers
    )
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert "X-API-Key" in response.json()["detail"]
    assert _version(client) == before and "x" not in _doc_ids(client)


def test_no_key_configured_means_no_uploads(upload_settings: Settings) -> None:
    settings = upload_settings.model_copy(update={"api_key": None})
    with TestClient(create_app(settings)) as c:
        response = c.post("/documents", params={"filename": "x.txt"}, content=b"text", headers=KEY)
    assert response.status_code == 403
    assert "SAMVERKAN_API_KEY" in response.json()["detail"]


@pytest.mark.parametrize(
    ("filename", "data", "in_detail"),
    [
        ("trasig.pdf", b"\x00\x01 not a pdf at all", "trasig.pdf"),
        ("binar.txt", bytes(range(256)) * 4, "binar.txt"),
        ("bild.png", b"\x89PNG\r\n", "unsupported file type"),
        ("../../etc/passwd.txt", b"Region Norrbotten", "not an acceptable file name"),
        ("tom.txt", b"", "empty"),
    ],
)
def test_bad_files_are_422_and_the_store_is_unchanged(
    client: TestClient, upload_settings: Settings, filename: str, data: bytes, in_detail: str
) -> None:
    before, docs = _version(client), _doc_ids(client)
    response = client.post("/documents", params={"filename": filename}, content=data, headers=KEY)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert in_detail in response.json()["detail"]
    assert "Traceback" not in response.text
    assert _version(client) == before and _doc_ids(client) == docs
    assert not (upload_settings.upload_dir / Path(filename).name).exists()


def test_missing_file_name_is_422(client: TestClient) -> None:
    response = client.post("/documents", content=b"Region Norrbotten", headers=KEY)
    assert response.status_code == 422
    assert "filename" in response.json()["detail"]


def test_upload_over_the_limit_is_413(client: TestClient, upload_settings: Settings) -> None:
    big = b"Region Norrbotten samverkar. " * (upload_settings.max_upload_bytes // 20)
    raw = client.post("/documents", params={"filename": "stor.txt"}, content=big, headers=KEY)
    form = client.post("/documents", files={"file": ("stor.txt", big, "text/plain")}, headers=KEY)
    for response in (raw, form):
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert str(upload_settings.max_upload_bytes) in response.json()["detail"]
    assert "stor" not in _doc_ids(client)


def test_an_external_build_is_picked_up(client: TestClient, upload_settings: Settings) -> None:
    before = _version(client)
    corpus = upload_settings.corpus_dir
    shutil.copy(CORPUS / "vasterbotten-rus-kickoff-2012.txt", corpus / "kickoff.txt")
    try:
        report = build_store(upload_settings, progress=False)
        assert report.version == before + 1
        assert _version(client) == before + 1
        assert "kickoff" in _doc_ids(client)
    finally:
        (corpus / "kickoff.txt").unlink()


def test_fuzzed_uploads_with_the_key_never_fail_the_server(client: TestClient) -> None:
    """Schemathesis on POST /documents with the key: every answer is 201 or a 4xx problem."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operation = schema["/documents"]["POST"]

    @given(case=operation.as_strategy())
    @fuzz_settings(12)
    def run(case: schemathesis.Case) -> None:
        case.headers = {**(case.headers or {}), "X-API-Key": API_KEY}
        response = case.call()
        case.validate_response(response, checks=CHECKS)
        assert response.status_code in (201, 400, 413, 415, 422), response.text

    run()


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ('attachment; filename="kort rapport.html"', "kort rapport.html"),
        ("attachment; filename=a.txt", "a.txt"),
        ("attachment; filename*=UTF-8''ume%C3%A5.txt; filename=\"x.txt\"", "umeå.txt"),
        ("inline", None),
        (None, None),
    ],
)
def test_content_disposition_file_names(header: str | None, name: str | None) -> None:
    assert filename_from_disposition(header) == name
