"""App-wide behaviour: health, problems, negotiation, CORS, body limit, reopen, privacy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from apitools import ALLOWED_ORIGIN, api_test_settings
from fastapi.testclient import TestClient

from api.app import create_app
from api.negotiation import negotiate, parse_accept
from api.problems import Problem
from graph.store import write_snapshot
from ontology.model import Extraction

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"(?:\+46[\s-]?\d{1,3}|\b0\d{1,3})[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b")


def test_health_reports_version_and_counts(
    api_client: TestClient, mini_extraction: Extraction
) -> None:
    body = api_client.get("/health").json()
    assert body["status"] == "ok" and body["version"] >= 1
    assert body["counts"]["documents"] == len(mini_extraction.documents)
    assert body["engine"] is None


def test_no_store_is_503_problem(tmp_path: Path) -> None:
    with TestClient(create_app(api_test_settings(tmp_path / "empty"))) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "samverkan build" in response.json()["detail"]


def test_reopens_when_a_new_snapshot_is_served(tmp_path: Path, mini_extraction: Extraction) -> None:
    write_snapshot(tmp_path, mini_extraction)
    with TestClient(create_app(api_test_settings(tmp_path))) as client:
        before = client.get("/health").json()
        smaller = mini_extraction.model_copy(update={"documents": mini_extraction.documents[:1]})
        write_snapshot(tmp_path, smaller)
        after = client.get("/health").json()
    assert after["version"] == before["version"] + 1
    assert after["counts"]["documents"] == before["counts"]["documents"] - 1


@pytest.mark.parametrize(
    ("accept", "offers", "chosen"),
    [
        ("text/csv;q=0.2, application/json", ["application/json", "text/csv"], "application/json"),
        ("text/csv, application/json;q=0.9", ["application/json", "text/csv"], "text/csv"),
        ("*/*;q=0.1, text/csv;q=0", ["text/csv", "application/json"], "application/json"),
        ("text/*;q=0.5, */*;q=0.1", ["application/json", "text/csv"], "text/csv"),
        ("", ["application/json", "text/csv"], "application/json"),
        ("garbage, text/csv", ["application/json", "text/csv"], "text/csv"),
    ],
)
def test_negotiate_scores_q_and_specificity(accept: str, offers: list[str], chosen: str) -> None:
    assert negotiate(accept, offers) == chosen


def test_negotiate_406_names_the_offers() -> None:
    with pytest.raises(Problem) as caught:
        negotiate("image/png", ["text/csv"])
    assert caught.value.status == 406 and "text/csv" in caught.value.detail
    assert parse_accept("text/csv;q=abc")[0].q == 0.0


def test_unknown_route_is_problem_json(api_client: TestClient) -> None:
    response = api_client.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_cors_allow_list(api_client: TestClient) -> None:
    allowed = api_client.get("/health", headers={"Origin": ALLOWED_ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    other = api_client.get("/health", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_body_limit_is_413(api_client: TestClient, api_settings: object) -> None:
    big = b"A" * 300_000  # the test settings allow 200,000 bytes
    response = api_client.post(
        "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_openapi_and_docs(api_client: TestClient) -> None:
    spec = api_client.get("/openapi.json").json()
    paths = set(spec["paths"])
    expected = {
        "/entities", "/entities/{entity_id}", "/entities/{entity_id}/neighbourhood", "/graph",
        "/questions", "/questions/{name}", "/analytics/centrality", "/analytics/communities",
        "/analytics/path", "/sparql", "/cypher", "/health", "/style",
    }  # fmt: skip
    assert expected <= paths
    assert api_client.get("/docs").status_code == 200


def test_explorer_is_served_at_root(api_client: TestClient) -> None:
    response = api_client.get("/")
    if not (Path("api/explorer/index.html")).is_file():
        pytest.skip("the explorer is not present in this tree")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]


def test_style_table(api_client: TestClient) -> None:
    body = api_client.get("/style").json()
    assert "Organisation" in body["entity_types"] and "member_of" in body["relation_types"]


def test_analytics_routes(api_client: TestClient) -> None:
    central = api_client.get("/analytics/centrality", params={"limit": 5}).json()
    assert len(central) == 5
    assert [c["betweenness"] for c in central] == sorted(
        (c["betweenness"] for c in central), reverse=True
    )
    orgs = api_client.get("/analytics/centrality", params={"scope": "organisations"}).json()
    assert all(c["type"] == "Organisation" for c in orgs)
    communities = api_client.get("/analytics/communities").json()
    assert communities and all(c["members"] for c in communities)
    path = api_client.get(
        "/analytics/path", params={"from": "org:umea-universitet", "to": "org:region-vasterbotten"}
    ).json()
    assert path["found"] is True
    assert path["steps"][0]["source"]["id"] == "org:umea-universitet"
    assert path["steps"][-1]["target"]["id"] == "org:region-vasterbotten"
    missing = api_client.get(
        "/analytics/path", params={"from": "org:nope", "to": "org:umea-universitet"}
    )
    assert missing.status_code == 404
    assert api_client.get("/analytics/brokers").status_code == 200


def test_patterns_can_see_contact_details() -> None:
    """The privacy scan below must be able to fail: the patterns find real-looking data."""
    assert EMAIL.search("kontakt: anna.svensson@regionvasterbotten.se")
    assert PHONE.search("tel 090-16 10 00") and PHONE.search("+46 70 123 45 67")


def test_no_phone_or_email_in_responses(api_client: TestClient) -> None:
    texts = []
    page = api_client.get("/entities", params={"limit": 500}).json()
    texts.append(str(page))
    for item in page["items"]:
        if item["type"] not in ("Municipality", "County", "SDG", "Theme"):
            texts.append(api_client.get(f"/entities/{item['id']}").text)
    texts.append(api_client.get("/graph", params={"limit": 2000}).text)
    for text in texts:
        assert not EMAIL.search(text), EMAIL.search(text)
        assert not PHONE.search(text), PHONE.search(text)
