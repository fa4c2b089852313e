"""Security (issue 7) against the API in a real uvicorn process with its private FalkorDB:
reads only (SPARQL and Cypher), bounded queries, bounded bodies, the upload key, the CORS
allow-list, no stack traces, and no officials' phone numbers or e-mail addresses anywhere
unless the operator opted in."""

from __future__ import annotations

import ast
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from relkit import (
    ALLOWED_ORIGIN,
    API_KEY,
    ROOT,
    SMALL_DOCS,
    ServerProcess,
    running_server,
    small_corpus,
    store_env,
    store_facts,
    upload,
)

from api.app import create_app
from graph.export import FORMATS, render
from graph.store import open_current
from loaders.privacy import find_contact_details
from samverkan.build import build_store
from samverkan.settings import Settings

MAX_ROWS = 40
TIMEOUT_MS = 1_500
MAX_BODY = 100_000
PROBLEM = "application/problem+json"
# Officials of an invented report: the three contact-block shapes the loader reads.
CONTACT_REPORT = """Regional samverkan för energiomställning 2025
Region Västerbotten leder nätverket Energiarenan tillsammans med Umeå universitet, \
Skellefteå kommun och Länsstyrelsen Västerbotten.

Fasta samverkansytor
Energiarenan Västerbotten
Ett regionalt nätverk för aktörer inom energi och klimat. Nätverket sammankallas av \
Region Västerbotten.

Kontaktpersoner
Energi och klimat
Lisa Exempelsson, energistrateg, Region Västerbotten, 090-16 57 11, 070-397 68 84, \
lisa.exempelsson@regionvasterbotten.se
Per Provsson, samordnare, Skellefteå kommun, tel. +46 (0)910-73 50 00, per.provsson@skelleftea.se

För mer information:
Karin Testdotter
Kommunikatör
Tel: 072-726 66 50
E-post: karin.testdotter@umu.se
"""
DETAILS = (
    "090-16 57 11",
    "070-397 68 84",
    "+46 (0)910-73 50 00",
    "072-726 66 50",
    "lisa.exempelsson@regionvasterbotten.se",
    "per.provsson@skelleftea.se",
    "karin.testdotter@umu.se",
)
PEOPLE = ("person:lisa-exempelsson", "person:per-provsson", "person:karin-testdotter")
# What a stack trace or an internal path would look like in a response body.
LEAKS = re.compile(r"Traceback|File \"|\.py\b|line \d+, in|/work/|site-packages")


def _settings(tmp: Path, name: str, keep: bool) -> Settings:
    corpus = small_corpus(tmp / "corpus", SMALL_DOCS[:2])
    (corpus / "kontakt-rapport-2025.txt").write_text(CONTACT_REPORT, encoding="utf-8")
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        corpus_dir=corpus,
        store_dir=tmp / name,
        upload_dir=tmp / f"{name}-uploads",
        keep_contact_details=keep,
        embedded_falkordb=False,
    )


@pytest.fixture(scope="module")
def sec_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = _settings(tmp_path_factory.mktemp("security"), "store", keep=False)
    build_store(settings, workers=2, progress=False)
    return settings


@pytest.fixture(scope="module")
def server(sec_settings: Settings) -> Iterator[ServerProcess]:
    env = store_env(
        sec_settings.store_dir,
        sec_settings.corpus_dir,
        sec_settings.upload_dir,
        embedded_falkordb=True,
        api_key=API_KEY,
        cors_origins=[ALLOWED_ORIGIN],
        max_rows=MAX_ROWS,
        query_timeout_ms=TIMEOUT_MS,
        max_upload_bytes=MAX_BODY,
    )
    with running_server(env, sec_settings.store_dir.parent / "server") as process:
        yield process


@pytest.fixture(scope="module")
def http(server: ServerProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def assert_problem(response: httpx.Response, *statuses: int) -> dict[str, Any]:
    """An RFC 9457 problem with one of ``statuses`` and nothing internal in it."""
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith(PROBLEM), response.headers
    assert not LEAKS.search(response.text), response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == response.status_code and body["detail"]
    return body


def _cypher(http: httpx.Client, query: str) -> httpx.Response:
    return http.post("/cypher", json={"query": query})


# --- reads only -----------------------------------------------------------------------------

SPARQL_REFUSED = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <file:///etc/passwd>",
    "LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH <urn:g>",
    "DROP ALL",
    "CLEAR DEFAULT",
    "CREATE GRAPH <urn:g>",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "# comment\nPREFIX x: <urn:x>\nINSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("text", SPARQL_REFUSED)
def test_sparql_update_service_and_loading_are_refused(
    http: httpx.Client, sec_settings: Settings, text: str
) -> None:
    before = store_facts(sec_settings.store_dir)
    answers = [
        http.get("/sparql", params={"query": text}),
        http.post("/sparql", content=text, headers={"Content-Type": "application/sparql-query"}),
        http.post("/sparql", data={"query": text}),
        http.post("/sparql", data={"update": text}),
        http.post("/sparql", content=text, headers={"Content-Type": "application/sparql-update"}),
    ]
    for answer in answers:
        assert_problem(answer, 403)
        assert "root:" not in answer.text
    assert store_facts(sec_settings.store_dir) == before


CYPHER_REFUSED = [
    "CREATE (n:Entity {id: 'x'}) RETURN n",
    "MERGE (n:Entity {id: 'org:x'}) RETURN n",
    "MATCH (n:Entity) SET n.name = 'x' RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Entity) REMOVE n.name RETURN n",
    "MATCH (n) /* harmless? */ DELETE n",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    "CALL db.idx.fulltext.createNodeIndex('Entity', 'name')",
    "CALL dbms.procedures()",
    "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
    "MATCH (n) CALL { WITH n CREATE (m) } RETURN n",
    "MATCH (n) FOREACH (x IN [1] | SET n.hit = x)",
    "DROP INDEX ON :Entity(id)",
]


def _node_count(http: httpx.Client) -> int:
    answer = _cypher(http, "MATCH (n) RETURN count(n) AS n")
    assert answer.status_code == 200, answer.text
    return int(answer.json()["rows"][0][0])


@pytest.mark.parametrize("query", CYPHER_REFUSED)
def test_cypher_writes_load_csv_and_procedures_are_refused(http: httpx.Client, query: str) -> None:
    before = _node_count(http)
    assert_problem(_cypher(http, query), 403)
    assert _node_count(http) == before > 0


# --- limits ---------------------------------------------------------------------------------


def test_row_limits_are_reported(http: httpx.Client) -> None:
    sparql = http.get(
        "/sparql",
        params={"query": "SELECT * { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert sparql.status_code == 200 and sparql.headers["samverkan-truncated"] == "true"
    assert len(sparql.json()["results"]["bindings"]) == MAX_ROWS
    cypher = _cypher(http, "MATCH (n) RETURN n.id")
    assert cypher.status_code == 200, cypher.text
    assert cypher.json()["truncated"] is True and len(cypher.json()["rows"]) == MAX_ROWS


def test_time_limits_are_reported(http: httpx.Client) -> None:
    # ~18 million solutions: seconds of work, well beyond the limit (but finite, since an
    # abandoned pyoxigraph evaluation runs on to its end).
    slow = "SELECT (COUNT(*) AS ?n) { VALUES ?k { 1 2 3 } ?a a ?t . ?b ?p ?c }"
    body = assert_problem(http.get("/sparql", params={"query": slow}), 504)
    assert "time limit" in body["detail"]
    cypher = _cypher(http, "MATCH (a), (b), (c), (d) RETURN count(*)")
    body = assert_problem(cypher, 504)
    assert body["code"] == "query_timeout"
    assert http.get("/health").status_code == 200  # the server is still there


def test_request_bodies_are_bounded(http: httpx.Client) -> None:
    big = b"#" * (MAX_BODY + 1)
    assert_problem(
        http.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}),
        413,
    )
    assert_problem(
        http.post("/cypher", content=big, headers={"Content-Type": "application/json"}), 413
    )
    assert_problem(upload(http, "big.txt", big), 413)
    assert_problem(upload(http, "big.txt", big, key=None), 413, 401)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the size is unknown up front
        for _ in range(4):
            yield b"x" * 1_000

    chunked = http.post("/documents", params={"filename": "c.txt"}, content=chunks())
    assert_problem(chunked, 413, 411)
    assert http.get("/health").status_code == 200


# --- the upload key -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [None, "", "wrong", API_KEY[:-1], API_KEY + "0", API_KEY.upper(), "å".encode() * 12],
)
def test_uploads_need_the_exact_key(
    http: httpx.Client, sec_settings: Settings, key: str | bytes | None
) -> None:
    before = store_facts(sec_settings.store_dir)
    body = assert_problem(upload(http, "sneaky.txt", CONTACT_REPORT.encode(), key=key), 401, 400)
    assert API_KEY not in json.dumps(body)
    # The key is never taken from the query string.
    sneaky = http.post(
        "/documents", params={"filename": "sneaky.txt", "api_key": API_KEY}, content=b"text"
    )
    assert_problem(sneaky, 401)
    assert store_facts(sec_settings.store_dir) == before
    assert not (sec_settings.upload_dir / "sneaky.txt").exists()


def test_the_right_key_passes(http: httpx.Client) -> None:
    assert_problem(upload(http, "empty.txt", b" \n"), 422)  # past the key check, then refused


def test_without_a_configured_key_uploads_are_off(tmp_path: Path, sec_settings: Settings) -> None:
    settings = sec_settings.model_copy(update={"api_key": None})
    with TestClient(create_app(settings)) as client:
        answer = client.post(
            "/documents",
            params={"filename": "x.txt"},
            content=b"text",
            headers={"X-API-Key": ""},
        )
    assert answer.status_code == 403 and answer.json()["code"] == "uploads-disabled"


def test_the_key_is_compared_in_constant_time() -> None:
    """Every comparison that involves a key or secret in api/ goes through
    hmac.compare_digest: a plain == would leak, byte by byte, how much of a guess is right."""
    compared: list[str] = []
    for path in sorted((ROOT / "api").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(
                isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
            ):
                text = ast.unparse(node)
                assert not re.search(r"api_key|secret|token|password", text, re.I), (path, text)
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "hmac.compare_digest":
                compared.append(ast.unparse(node))
    assert any("secret" in call or "key" in call for call in compared), compared


# --- CORS -----------------------------------------------------------------------------------


def test_cors_answers_only_allow_listed_origins(http: httpx.Client) -> None:
    def preflight(origin: str) -> httpx.Response:
        return http.options(
            "/sparql",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )

    allowed = preflight(ALLOWED_ORIGIN)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    for origin in ("http://evil.example", "null", ALLOWED_ORIGIN + ".evil.example"):
        refused = preflight(origin)
        assert refused.status_code >= 400
        assert "access-control-allow-origin" not in refused.headers
        simple = http.get("/health", headers={"Origin": origin})
        assert simple.status_code == 200
        assert "access-control-allow-origin" not in simple.headers
    assert (
        http.get("/health", headers={"Origin": ALLOWED_ORIGIN}).headers[
            "access-control-allow-origin"
        ]
        == ALLOWED_ORIGIN
    )


# --- errors ---------------------------------------------------------------------------------


def test_no_error_response_carries_a_stack_trace(http: httpx.Client) -> None:
    bad = [
        http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "}),
        http.get("/sparql"),
        http.post(
            "/sparql", content=b"\xff\xfe\x00", headers={"Content-Type": "application/sparql-query"}
        ),
        http.post("/sparql", content=b"query", headers={"Content-Type": "text/plain"}),
        http.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}),
        _cypher(http, "MATCH (n RETURN n"),
        _cypher(http, "RETURN 1/0"),
        _cypher(http, "MATCH (n) RETURN n.name + $missing"),
        http.post("/cypher", content=b"{not json", headers={"Content-Type": "application/json"}),
        http.post("/cypher", json={"query": 42}),
        http.get("/entities", params={"limit": -1}),
        http.get("/entities", params={"type": "Nonsense"}),
        http.get("/entities/org:does-not-exist"),
        http.get("/entities/org:x/neighbourhood", params={"depth": 99}),
        http.get("/questions/no-such-question"),
        http.get("/analytics/path", params={"from": "org:x", "to": "org:y"}),
        http.get("/export", params={"format": "exe"}),
        http.get("/nowhere/../../etc/passwd"),
        http.delete("/entities"),
        http.get("/graph", params={"area": "x" * 5_000}),
        upload(http, "../../escape.txt", b"text"),
        upload(http, "script.exe", b"MZ\x90\x00"),
        upload(http, "binary.txt", bytes(range(256)) * 10),
    ]
    for answer in bad:
        assert answer.status_code >= 400, (answer.request.url, answer.status_code)
        assert_problem(answer, answer.status_code)


# --- privacy --------------------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _assert_no_details(text: str, where: str) -> None:
    for detail in DETAILS:
        assert detail not in text, (where, detail)
    found = [text[s:e] for s, e, _ in find_contact_details(text)]
    assert found == [], (where, found)


def _export_texts(data: bytes, fmt: str) -> list[str]:
    if fmt != "csv":
        return [data.decode("utf-8")]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(n).decode("utf-8") for n in archive.namelist()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_contact_details_in_any_export_by_default(http: httpx.Client, fmt: str) -> None:
    answer = http.get("/export", params={"format": fmt})
    assert answer.status_code == 200, answer.text
    texts = _export_texts(answer.content, fmt)
    assert any("Exempelsson" in t for t in texts), fmt  # the people are there
    for text in texts:
        _assert_no_details(text, fmt)


def test_no_contact_details_in_api_responses_or_the_graph(
    http: httpx.Client, sec_settings: Settings
) -> None:
    answers = [
        http.get("/entities", params={"type": "ContactPerson", "limit": 100}),
        http.get("/entities", params={"q": "Exempelsson"}),
        http.get("/documents"),
        http.get("/graph", params={"limit": 500}),
        http.get("/health"),
        *(http.get(f"/entities/{p}") for p in PEOPLE),
        *(http.get(f"/entities/{p}/neighbourhood", params={"depth": 2}) for p in PEOPLE),
        _cypher(http, "MATCH (n:ContactPerson) RETURN n"),
        _cypher(http, "MATCH (n:ContactPerson)-[r]-(m) RETURN n, r, m"),
        http.get(
            "/sparql",
            params={
                "query": "SELECT ?s ?p ?o { ?s ?p ?o FILTER(isLiteral(?o) && "
                'REGEX(STR(?o), "@|[0-9]{2,4}[- ][0-9]{2} [0-9]{2}")) }'
            },
            headers={"Accept": "application/sparql-results+json"},
        ),
    ]
    people = http.get("/entities", params={"type": "ContactPerson", "limit": 100}).json()
    assert {i["id"] for i in people["items"]} >= set(PEOPLE)  # and the corpus's own
    for answer in answers:
        assert answer.status_code == 200, (answer.request.url, answer.text[:300])
        _assert_no_details(answer.text, str(answer.request.url))
        for text in _strings(answer.json()):
            assert not find_contact_details(text), (answer.request.url, text)
    handle = open_current(sec_settings.store_dir)
    for quad in handle.quads():
        assert not find_contact_details(str(quad.object)), quad
    assert not find_contact_details(handle.extraction.model_dump_json())


def test_contact_details_only_with_keep_contact_details(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings = _settings(tmp_path_factory.mktemp("keep"), "store", keep=True)
    build_store(settings, workers=2, progress=False)
    handle = open_current(settings.store_dir)
    people = {e.id: e for e in handle.extraction.entities if e.id in PEOPLE}
    assert people["person:lisa-exempelsson"].attributes["phone"] == [
        "090-16 57 11",
        "070-397 68 84",
    ]
    assert people["person:karin-testdotter"].attributes["email"] == ["karin.testdotter@umu.se"]
    for fmt in ("ttl", "nt", "nq", "trig", "jsonld"):
        text = render(handle, fmt).decode("utf-8")
        assert all(detail in text for detail in DETAILS), fmt
