"""The runner: safe binding, row limit with a truncated flag, time limit, refusals."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from graph.cypher_engines import FalkorEngine
from graph.store import StoreHandle
from queries.catalog import get_spec
from queries.errors import ParamError, QueryRefusedError, QueryTimeoutError
from queries.run import Limits, bind_cypher, bind_sparql, run_cypher, run_sparql

RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
STREAM = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # rows arrive one by one, for ever


def _oxigraph_copy(handle: StoreHandle) -> ox.Store:
    store = ox.Store()
    store.extend(handle.quads())
    return store


def test_area_becomes_iris_in_sparql_and_a_list_in_cypher() -> None:
    spec = get_spec("who_collaborates")
    bound = spec.bind({"area": "umearegionen"})
    text = bind_sparql(spec, bound)
    assert "<https://w3id.org/samverkansgrafen/id/municipality/umea>" in text
    assert "<https://w3id.org/samverkansgrafen/id/theme/energi>" in text
    params = bind_cypher(bound)
    assert params["theme"] == "theme:energi"
    assert "municipality:umea" in params["area"] and params["area_name"] == "umearegionen"


@pytest.mark.parametrize("name", ["theme_overview", "who_collaborates"])
def test_row_limit_sets_truncated_on_both_engines(
    mini_store: StoreHandle, mini_falkor: FalkorEngine, name: str
) -> None:
    spec = get_spec(name)
    runs: tuple[tuple[Any, Any], ...] = ((run_sparql, mini_store), (run_cypher, mini_falkor))
    for run, target in runs:
        full = run(target, spec, {}, Limits())
        n = len(full.rows)
        assert n > 2 and not full.truncated
        exact = run(target, spec, {}, Limits(max_rows=n))
        assert len(exact.rows) == n and not exact.truncated
        cut = run(target, spec, {}, Limits(max_rows=2))
        assert len(cut.rows) == 2 and cut.truncated


def test_set_columns_are_sorted_lists(mini_store: StoreHandle) -> None:
    result = run_sparql(mini_store, get_spec("who_collaborates"), {})
    partners = result.columns.index("partners")
    for row in result.rows:
        assert row[partners] == sorted(set(row[partners]))


def test_path_columns_keep_their_order(mini_falkor: FalkorEngine) -> None:
    result = run_cypher(mini_falkor, get_spec("collaboration_path"), {})
    for path, _names, length in result.rows:
        assert path[0] == "org:umea-universitet" and path[-1] == "org:lulea-tekniska-universitet"
        assert len(path) == length + 1


def test_ad_hoc_sparql_binds_user_text_as_a_literal(mini_store: StoreHandle) -> None:
    text = f"SELECT ?e ?name WHERE {{ ?e {RDFS_LABEL} ?name }}"
    found = run_sparql(mini_store, text, {"name": "Umeå universitet"})
    assert [r[0] for r in found.rows] == ["org:umea-universitet"]
    hostile = 'x" } ; DROP ALL ; SELECT * { ?s ?p "'
    assert run_sparql(mini_store, text, {"name": hostile}).rows == []


def test_ad_hoc_cypher_passes_parameters(mini_falkor: FalkorEngine) -> None:
    text = "MATCH (o:Organisation) WHERE o.name = $name RETURN o.id AS id"
    assert run_cypher(mini_falkor, text, {"name": "Umeå universitet"}).rows == [
        ["org:umea-universitet"]
    ]
    assert run_cypher(mini_falkor, text, {"name": "x' OR 1=1 //"}).rows == []


def test_sparql_time_limit_on_a_store_handle(mini_store: StoreHandle) -> None:
    with pytest.raises(QueryTimeoutError):
        run_sparql(mini_store, STREAM, limits=Limits(timeout_ms=1, max_rows=10**9))


def test_sparql_time_limit_on_a_plain_oxigraph_store(mini_store: StoreHandle) -> None:
    store = _oxigraph_copy(mini_store)
    with pytest.raises(QueryTimeoutError):
        run_sparql(store, STREAM, limits=Limits(timeout_ms=1, max_rows=10**9))


def test_plain_oxigraph_store_answers_like_the_handle(mini_store: StoreHandle) -> None:
    spec = get_spec("members_of_arena")
    a = run_sparql(mini_store, spec, {"arena": "arena:freia"})
    b = run_sparql(_oxigraph_copy(mini_store), spec, {"arena": "arena:freia"})
    assert sorted(map(str, a.rows)) == sorted(map(str, b.rows)) and a.rows


def test_cypher_time_limit(mini_falkor: FalkorEngine) -> None:
    """Two million rows take seconds; FalkorDB aborts them at the 1 ms limit."""
    slow = "UNWIND range(1, 2000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n"
    with pytest.raises(QueryTimeoutError):
        run_cypher(mini_falkor, slow, limits=Limits(timeout_ms=1))


def test_writes_are_refused_before_the_engine(
    mini_store: StoreHandle, mini_falkor: FalkorEngine
) -> None:
    with pytest.raises(QueryRefusedError):
        run_cypher(mini_falkor, "MATCH (o:Organisation) DETACH DELETE o")
    with pytest.raises(QueryRefusedError):
        run_cypher(mini_falkor, "CREATE (:Intruder {id: 'x'})")
    left = run_cypher(mini_falkor, "MATCH (o:Organisation) RETURN count(o) AS n").rows[0][0]
    assert left > 0
    assert run_cypher(mini_falkor, "MATCH (i:Intruder) RETURN count(i) AS n").rows == [[0]]
    with pytest.raises(QueryRefusedError):
        run_sparql(mini_store, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryRefusedError):
        run_sparql(mini_store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_unknown_parameters_fail_before_running(mini_store: StoreHandle) -> None:
    with pytest.raises(ParamError, match="no parameter"):
        run_sparql(mini_store, get_spec("theme_overview"), {"theme": "energi"})


def test_elapsed_is_reported(mini_store: StoreHandle) -> None:
    result = run_sparql(mini_store, get_spec("sdg_coverage"))
    assert result.elapsed_ms > 0
    assert result.rows and all(r[-1] for r in result.rows)
