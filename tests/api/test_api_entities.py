"""/entities, /entities/{id}, /entities/{id}/neighbourhood and /graph on the mini store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.index import name_score
from ontology.model import Entity, EntityType, Extraction


def test_search_ranks_exact_name_first(api_client: TestClient) -> None:
    body = api_client.get("/entities", params={"q": "Umeå universitet"}).json()
    assert body["items"][0]["id"] == "org:umea-universitet"
    assert body["items"][0]["score"] == 1.0
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_search_finds_alias_and_typo(api_client: TestClient) -> None:
    by_alias = api_client.get("/entities", params={"q": "UmU"}).json()["items"]
    assert "org:umea-universitet" in [i["id"] for i in by_alias]
    typo = api_client.get("/entities", params={"q": "Umea univeristet"}).json()["items"]
    assert typo[0]["id"] == "org:umea-universitet"


def test_name_score_refuses_unrelated_text() -> None:
    entity = Entity(id="org:x", type=EntityType.ORGANISATION, name="Luleå tekniska universitet")
    assert name_score("zzzzqqq", entity) is None
    assert name_score("luleå tekniska", entity) == 0.95


def test_filters_narrow_by_type_and_theme(
    api_client: TestClient, mini_extraction: Extraction
) -> None:
    body = api_client.get("/entities", params={"type": "Arena", "theme": "energi"}).json()
    themed = {
        r.source
        for r in mini_extraction.relations
        if r.type.value == "has_theme" and r.target == "theme:energi"
    }
    arenas = {e.id for e in mini_extraction.entities if e.type is EntityType.ARENA}
    assert {i["id"] for i in body["items"]} == themed & arenas
    assert body["total"] == len(themed & arenas) > 0


def test_area_filter_uses_geographic_reach(api_client: TestClient) -> None:
    inland = api_client.get("/entities", params={"area": "inland", "type": "Project"}).json()
    coast = api_client.get("/entities", params={"area": "coast", "type": "Project"}).json()
    everywhere = api_client.get("/entities", params={"type": "Project"}).json()
    assert inland["total"] <= everywhere["total"]
    assert coast["total"] <= everywhere["total"]
    kiruna = api_client.get("/entities", params={"municipality": "2584", "type": "Project"}).json()
    assert kiruna["total"] > 0
    assert {i["id"] for i in kiruna["items"]} <= {i["id"] for i in inland["items"]}


def test_pagination_is_consistent(api_client: TestClient) -> None:
    full = api_client.get("/entities", params={"type": "Municipality", "limit": 20}).json()
    page = api_client.get(
        "/entities", params={"type": "Municipality", "limit": 5, "offset": 5}
    ).json()
    assert page["items"] == full["items"][5:10]
    assert page["total"] == full["total"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"area": "atlantis"}, 400),
        ({"municipality": "9999"}, 400),
        ({"limit": 0}, 422),
        ({"type": "Dragon"}, 422),
    ],
)
def test_bad_filters_are_problems(
    api_client: TestClient, params: dict[str, object], status: int
) -> None:
    response = api_client.get("/entities", params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == status


def test_entity_detail_has_relations_and_provenance(
    api_client: TestClient, mini_extraction: Extraction
) -> None:
    body = api_client.get("/entities/org:umea-universitet").json()
    assert body["entity"]["name"] == "Umeå universitet"
    expected = {
        (r.type.value, r.target)
        for r in mini_extraction.relations
        if r.source == "org:umea-universitet"
    }
    got = {
        (kind, link["other"]["id"])
        for kind, links in body["relations"].items()
        for link in links
        if link["direction"] == "out"
    }
    assert got == expected
    assert body["provenance"], "mentions and evidence give passages"
    assert all(p["document"] == "vasterbotten-resultat-2024" for p in body["provenance"])


def test_unknown_entity_is_404_problem(api_client: TestClient) -> None:
    response = api_client.get("/entities/org:finns-inte")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "org:finns-inte" in response.json()["detail"]


def test_neighbourhood_grows_with_depth(api_client: TestClient) -> None:
    one = api_client.get("/entities/arena:ch2ess/neighbourhood", params={"depth": 1}).json()
    two = api_client.get("/entities/arena:ch2ess/neighbourhood", params={"depth": 2}).json()
    assert {n["id"] for n in one["nodes"]} < {n["id"] for n in two["nodes"]}
    ids = {n["id"] for n in two["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in two["edges"])
    assert api_client.get("/entities/arena:ch2ess/neighbourhood?depth=4").status_code == 422


def test_neighbourhood_says_when_cut(api_client: TestClient) -> None:
    body = api_client.get(
        "/entities/theme:energi/neighbourhood", params={"depth": 3, "limit": 3}
    ).json()
    assert len(body["nodes"]) == 3
    assert body["truncated"] is True


def test_graph_view_shape_and_truncation(api_client: TestClient) -> None:
    body = api_client.get("/graph", params={"theme": "energi"}).json()
    assert body["nodes"] and body["truncated"] is False
    node = body["nodes"][0]
    assert set(node) == {"id", "type", "name", "themes", "municipalities", "centrality"}
    assert all("theme:energi" in n["themes"] for n in body["nodes"])
    cut = api_client.get("/graph", params={"limit": 2}).json()
    assert len(cut["nodes"]) == 2 and cut["truncated"] is True


def _ids(api_client: TestClient, **params: object) -> set[str]:
    body = api_client.get("/entities", params={**params, "limit": 500}).json()
    return {item["id"] for item in body["items"]}


def test_sdg_filter_follows_strategic_areas(
    api_client: TestClient, mini_extraction: Extraction
) -> None:
    """SDG N: what contributes to it directly, or through the strategic area it is part of."""
    direct = {
        r.source
        for r in mini_extraction.relations
        if r.type.value == "contributes_to" and r.target == "sdg:11"
    }
    found = _ids(api_client, sdg="11")
    assert direct | {"sdg:11"} <= found
    assert _ids(api_client, sdg="sdg:11") == found
    assert "project:north-sweden-green-deal" not in _ids(api_client, sdg="7")


def test_priority_filter_keeps_what_is_part_of_it(
    api_client: TestClient, mini_extraction: Extraction
) -> None:
    priority = next(e.id for e in mini_extraction.entities if e.type.value == "Priority")
    parts = {
        r.source
        for r in mini_extraction.relations
        if r.type.value == "part_of" and r.target == priority
    }
    assert parts and parts | {priority} <= _ids(api_client, priority=priority)
    assert not _ids(api_client, priority="priority:finns-inte")


def test_county_filter_splits_the_counties(api_client: TestClient) -> None:
    norr = _ids(api_client, county="norrbotten", type="Organisation")
    vast = _ids(api_client, county="vasterbotten", type="Organisation")
    assert "org:lulea-kommun" in norr and "org:umea-kommun" in vast
    assert "org:umea-kommun" not in norr and "org:lulea-kommun" not in vast
    # filters combine: Norrbotten ∩ inland holds no coastal municipality's organisation
    inland_norr = _ids(api_client, county="norrbotten", area="inland", type="Organisation")
    assert inland_norr <= norr and "org:lulea-kommun" not in inland_norr


def test_document_filter(api_client: TestClient, mini_extraction: Extraction) -> None:
    for doc in mini_extraction.documents:
        expected = {
            e.id for e in mini_extraction.entities if doc.id in {m.document for m in e.mentions}
        }
        assert _ids(api_client, document=doc.id) == expected


def test_search_and_filters_combine_with_ranking(api_client: TestClient) -> None:
    body = api_client.get("/entities", params={"q": "kommun", "county": "vasterbotten"}).json()
    scores = [item["score"] for item in body["items"]]
    assert scores and scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert {i["id"] for i in body["items"]} <= _ids(api_client, county="vasterbotten")
