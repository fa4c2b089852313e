"""Every named query answers the same on the RDF store and on FalkorDB (as sets).

Both engines are built from the same extraction (tests/fixtures/mini_extraction.json): the
RDF store by graph.store.write_snapshot, FalkorDB by graph.writer.GraphWriter. Set and path
columns are compared as the runner shapes them (sets sorted, paths in order); rows as sets.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.cypher_engines import FalkorEngine
from graph.store import StoreHandle
from queries.catalog import get_spec, list_specs
from queries.run import Limits, QueryResult, run_cypher, run_sparql

pytestmark = pytest.mark.cypher

LIMITS = Limits(timeout_ms=60_000, max_rows=10_000)

# (query, params, must the answer be non-empty on the mini extraction?)
CASES: list[tuple[str, dict[str, Any], bool]] = [
    ("who_collaborates", {}, True),
    ("who_collaborates", {"theme": "energi", "area": "vasterbotten"}, True),
    ("who_collaborates", {"theme": "Kompetensförsörjning", "area": "norrbotten"}, True),
    ("who_collaborates", {"theme": "klimat_miljo", "area": "2480"}, True),
    ("who_collaborates", {"theme": "digitalisering", "area": "coast"}, False),
    ("arenas_of_organisation", {}, True),
    ("arenas_of_organisation", {"org": "org:lulea-tekniska-universitet"}, True),
    ("arenas_of_organisation", {"org": "org:no-such-organisation"}, False),
    ("members_of_arena", {}, True),
    ("members_of_arena", {"arena": "arena:freia"}, True),
    ("members_of_arena", {"arena": "project:north-sweden-green-deal"}, True),
    ("projects_for_sdg", {}, True),
    ("projects_for_sdg", {"goal": "11"}, True),
    ("projects_for_sdg", {"goal": "sdg:1"}, False),
    ("sdg_coverage", {}, True),
    ("actors_in_municipality", {}, True),
    ("actors_in_municipality", {"municipality": "Luleå"}, True),
    ("actors_in_municipality", {"municipality": "municipality:asele"}, True),
    ("inland_coast_bridges", {}, True),
    ("inland_coast_bridges", {"a": "region10", "b": "vasterbotten"}, True),
    ("theme_overview", {}, True),
    ("collaboration_path", {}, True),
    ("collaboration_path", {"from": "org:samforma", "to": "org:umea-kommun"}, True),
    ("collaboration_path", {"from": "org:region-10", "to": "org:kiruna-kommun"}, True),
    ("collaboration_path", {"from": "org:samforma", "to": "org:energimyndigheten"}, False),
    ("provenance", {}, True),
    ("provenance", {"entity": "project:north-sweden-green-deal"}, True),
    ("provenance", {"entity": "municipality:umea"}, True),
    ("compare_regions", {}, True),
    ("compare_regions", {"theme": "kompetensforsorjning"}, True),
    ("compare_regions", {"theme": "energi", "a": "inland", "b": "coast"}, True),
]


def as_set(result: QueryResult) -> set[tuple[Any, ...]]:
    return {tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in result.rows}


def test_every_query_has_agreement_cases() -> None:
    assert {name for name, _, _ in CASES} == {s.name for s in list_specs()}


@pytest.mark.parametrize(("name", "params", "non_empty"), CASES)
def test_engines_agree(
    mini_store: StoreHandle,
    mini_falkor: FalkorEngine,
    name: str,
    params: dict[str, Any],
    non_empty: bool,
) -> None:
    spec = get_spec(name)
    rdf = run_sparql(mini_store, spec, params, LIMITS)
    cypher = run_cypher(mini_falkor, spec, params, LIMITS)
    assert rdf.columns == cypher.columns == [c.name for c in spec.columns]
    assert not rdf.truncated and not cypher.truncated
    assert as_set(rdf) == as_set(cypher)
    assert bool(rdf.rows) is non_empty


def test_who_collaborates_energy_inland_carries_its_reasons(
    mini_store: StoreHandle, mini_falkor: FalkorEngine
) -> None:
    """Each organisation row names its arenas/projects, partners and quoted sources."""
    spec = get_spec("who_collaborates")
    for result in (run_sparql(mini_store, spec, {}), run_cypher(mini_falkor, spec, {})):
        rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
        kiruna = next(r for r in rows if r["organisation"] == "org:kiruna-kommun")
        assert kiruna["items"] == ["project:north-sweden-green-deal"]
        assert "org:region-norrbotten" in kiruna["partners"]
        assert "org:kiruna-kommun" not in kiruna["partners"]
        assert all(s.startswith("norrbotten-north-sweden-green-deal: ") for s in kiruna["sources"])
        assert kiruna["sources"]
