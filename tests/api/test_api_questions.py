"""/questions: the catalogue, a run on the RDF store, CSV, errors and the subgraph."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from queries.catalog import list_specs


def test_catalogue_lists_every_named_query(api_client: TestClient) -> None:
    body = api_client.get("/questions").json()
    assert {q["name"] for q in body} == {s.name for s in list_specs()}
    who = next(q for q in body if q["name"] == "who_collaborates")
    assert who["title_sv"] and who["title_en"]
    assert {p["name"] for p in who["params"]} >= {"theme", "area"}


def test_who_collaborates_carries_texts_and_subgraph(api_client: TestClient) -> None:
    response = api_client.get(
        "/questions/who_collaborates", params={"theme": "energi", "area": "inland"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rows"] and body["truncated"] is False
    assert "VALUES" in body["sparql"] and "MATCH" in body["cypher"]
    organisations = {row[body["columns"].index("organisation")] for row in body["rows"]}
    node_ids = {n["id"] for n in body["subgraph"]["nodes"]}
    assert organisations <= node_ids
    assert all(
        e["source"] in node_ids and e["target"] in node_ids for e in body["subgraph"]["edges"]
    )


def test_csv_by_accept(api_client: TestClient) -> None:
    params = {"theme": "energi", "area": "inland"}
    as_json = api_client.get("/questions/who_collaborates", params=params).json()
    response = api_client.get(
        "/questions/who_collaborates", params=params, headers={"Accept": "text/csv"}
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == as_json["columns"]
    assert len(rows) - 1 == len(as_json["rows"])


def test_unknown_question_and_bad_params(api_client: TestClient) -> None:
    missing = api_client.get("/questions/no_such_question")
    assert missing.status_code == 404
    assert "who_collaborates" in missing.json()["detail"]
    bad_area = api_client.get(
        "/questions/who_collaborates", params={"theme": "energi", "area": "mars"}
    )
    assert bad_area.status_code == 400
    unknown = api_client.get("/questions/who_collaborates", params={"colour": "red"})
    assert unknown.status_code == 400
    assert "colour" in unknown.json()["detail"]
    assert bad_area.headers["content-type"] == "application/problem+json"


def test_cypher_engine_absent_is_503(api_client: TestClient) -> None:
    response = api_client.get("/questions/theme_overview", params={"engine": "cypher"})
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


def test_not_acceptable(api_client: TestClient) -> None:
    response = api_client.get("/questions/theme_overview", headers={"Accept": "image/png"})
    assert response.status_code == 406
