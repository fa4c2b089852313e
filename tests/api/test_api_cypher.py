"""/cypher and /questions?engine=cypher against a real private FalkorDB started by the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.store import write_snapshot
from ontology.model import Extraction

pytestmark = pytest.mark.cypher


@pytest.fixture(scope="module")
def cypher_client(mini_store_dir: Path) -> Iterator[TestClient]:
    from apitools import api_test_settings

    settings = api_test_settings(mini_store_dir, embedded_falkordb=True, max_rows=5)
    with TestClient(create_app(settings)) as client:
        yield client


def test_read_query_runs_on_falkordb(cypher_client: TestClient) -> None:
    response = cypher_client.post(
        "/cypher",
        json={"query": "MATCH (a:Arena {id: $id}) RETURN a.name", "params": {"id": "arena:ch2ess"}},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["engine"] == "falkordb"
    assert body["rows"] == [["Centre for Hydrogen Energy Systems Sweden"]]


def test_row_limit_is_announced(cypher_client: TestClient) -> None:
    body = cypher_client.post(
        "/cypher", json={"query": "MATCH (m:Municipality) RETURN m.id"}
    ).json()
    assert len(body["rows"]) == 5
    assert body["truncated"] is True


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Organisation {id: 'org:x'}) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Arena) SET n.name = 'x' RETURN n",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "CALL db.idx.fulltext.drop('Arena')",
        "MERGE (n:Arena {id: 'arena:x'})",
    ],
)
def test_writes_are_refused_before_the_engine(cypher_client: TestClient, query: str) -> None:
    response = cypher_client.post("/cypher", json={"query": query})
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    count = cypher_client.post("/cypher", json={"query": "MATCH (a:Arena) RETURN count(a)"})
    assert count.json()["rows"][0][0] > 0  # nothing was deleted


def test_syntax_error_is_a_client_problem(cypher_client: TestClient) -> None:
    response = cypher_client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert 400 <= response.status_code < 500
    assert "Traceback" not in response.text


def test_engines_agree_on_a_named_question(cypher_client: TestClient) -> None:
    params = {"theme": "energi", "area": "inland"}
    sparql = cypher_client.get("/questions/who_collaborates", params=params).json()
    cypher = cypher_client.get("/questions/who_collaborates", params={**params, "engine": "cypher"})
    assert cypher.status_code == 200, cypher.text
    as_set = lambda body: {row[0] for row in body["rows"]}  # noqa: E731
    assert as_set(sparql) == as_set(cypher.json())


def test_health_names_the_engine(cypher_client: TestClient) -> None:
    assert cypher_client.get("/health").json()["engine"] == "falkordb"


def test_no_engine_is_503(api_client: TestClient) -> None:
    response = api_client.post("/cypher", json={"query": "MATCH (n) RETURN n LIMIT 1"})
    assert response.status_code == 503
    assert response.json()["detail"]


def test_engine_follows_a_new_snapshot(tmp_path: Path, mini_extraction: Extraction) -> None:
    """A rebuild is loaded into a new FalkorDB graph and swapped in; the old one is dropped."""
    from apitools import api_test_settings

    write_snapshot(tmp_path, mini_extraction)
    count = {"query": "MATCH (d:Document) RETURN count(d)"}
    with TestClient(create_app(api_test_settings(tmp_path, embedded_falkordb=True))) as client:
        before = client.post("/cypher", json=count).json()["rows"][0][0]
        for keep in (1, 2, 1):  # three new versions: old graphs must not pile up
            docs = mini_extraction.documents[:keep]
            write_snapshot(tmp_path, mini_extraction.model_copy(update={"documents": docs}))
            after = client.post("/cypher", json=count)
            assert after.status_code == 200, after.text
            assert after.json()["rows"][0][0] == keep
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        assert len(runtime._retired) == 1
    assert before == len(mini_extraction.documents)
