"""The on-disk pyoxigraph store: snapshots, atomic swap, per-document replacement, queries."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from graphtools import GREEN, RESULTAT, child_env
from pyoxigraph import NamedNode

from graph.store import (
    QueryTimeoutError,
    StoreError,
    current_snapshot,
    current_version,
    open_current,
    substitute,
    write_snapshot,
)
from ontology.ids import document_graph_iri, entity_iri, reference_graph_iri
from ontology.model import Extraction


def without_document(extraction: Extraction, doc_id: str) -> Extraction:
    """The extraction as the loader would give it with one file deleted from the corpus."""
    x = extraction.model_copy(deep=True)
    x.documents = [d for d in x.documents if d.id != doc_id]
    for e in x.entities:
        e.mentions = [m for m in e.mentions if m.document != doc_id]
    x.entities = [e for e in x.entities if e.mentions]
    for r in x.relations:
        r.evidence = [ev for ev in r.evidence if ev.document != doc_id]
    x.relations = [r for r in x.relations if r.evidence]
    return x


def test_counts_match_the_extraction(mini_store_dir: Path, mini_extraction: Extraction) -> None:
    handle = open_current(mini_store_dir)
    counts = handle.counts()
    by_type = Counter(e.type.value for e in mini_extraction.entities)
    for label in ("Organisation", "Arena", "Project", "Strategy", "Event", "ContactPerson"):
        assert counts["entities"][label] == by_type[label], label
    keys = Counter(r.type.value for r in mini_extraction.relations)
    assert counts["relations"] == {k: keys.get(k, 0) for k in counts["relations"]}
    assert counts["documents"] == 2
    assert counts["quads"] > counts["triples"] > 0  # entity triples repeat across graphs
    assert handle.manifest.counts == counts
    assert handle.extraction == mini_extraction


def test_store_dir_layout_and_manifest(mini_store_dir: Path, mini_extraction: Extraction) -> None:
    link = mini_store_dir / "current"
    assert link.is_symlink()
    snapshot = current_snapshot(mini_store_dir)
    assert snapshot is not None
    assert {p.name for p in snapshot.iterdir()} >= {"oxigraph", "manifest.json", "extraction.json"}
    handle = open_current(mini_store_dir)
    assert handle.version == current_version(mini_store_dir) == 1
    docs = handle.manifest.documents
    assert set(docs) == {GREEN, RESULTAT}
    assert docs[GREEN].sha256 == next(d.sha256 for d in mini_extraction.documents if d.id == GREEN)
    graphs = set(handle.named_graphs())
    assert document_graph_iri(GREEN) in graphs
    assert reference_graph_iri("areas") in graphs


def test_rebuild_is_idempotent(tmp_path: Path, mini_extraction: Extraction) -> None:
    first = write_snapshot(tmp_path, mini_extraction)
    again = write_snapshot(tmp_path, mini_extraction.model_copy(deep=True))
    assert (first.changed, again.changed) == (True, False)
    assert again.version == first.version
    assert open_current(tmp_path).counts() == first.counts
    assert len(list(tmp_path.glob("snap-*"))) == 1


def test_changed_document_replaces_only_its_graph(
    tmp_path: Path, mini_extraction: Extraction
) -> None:
    write_snapshot(tmp_path, mini_extraction)
    changed = mini_extraction.model_copy(deep=True)
    project = next(e for e in changed.entities if e.id == "project:north-sweden-green-deal")
    project.aliases.append("NSGD")
    report = write_snapshot(tmp_path, changed)
    assert report.changed and report.version == 2
    assert report.replaced == [document_graph_iri(GREEN)]
    assert document_graph_iri(RESULTAT) in report.kept
    assert reference_graph_iri("municipalities") in report.kept
    handle = open_current(tmp_path)
    rows = handle.query('SELECT DISTINCT ?e { ?e skos:altLabel "NSGD" }').dicts()
    assert rows == [{"e": entity_iri("project:north-sweden-green-deal")}]
    assert handle.counts()["entities"] == report.counts["entities"]


def test_removed_document_graph_is_dropped(tmp_path: Path, mini_extraction: Extraction) -> None:
    write_snapshot(tmp_path, mini_extraction)
    report = write_snapshot(tmp_path, without_document(mini_extraction, RESULTAT))
    assert report.removed == [document_graph_iri(RESULTAT)]
    handle = open_current(tmp_path)
    assert document_graph_iri(RESULTAT) not in handle.named_graphs()
    freia = handle.query('ASK { ?a sam:id "arena:freia" }')
    assert freia.boolean is False
    shared = handle.query('SELECT DISTINCT ?e { ?e sam:id "org:region-vasterbotten" }')
    assert len(shared.rows) == 1  # still mentioned by the other document
    assert set(handle.manifest.documents) == {GREEN}


CHILD = """
import os, sys, time
from pathlib import Path
from graph.store import write_snapshot
from ontology.model import Extraction
extraction = Extraction.model_validate_json(Path(sys.argv[2]).read_text(encoding="utf-8"))
def stall(graph_iri):
    Path(sys.argv[3]).write_text(graph_iri)
    time.sleep(600)
write_snapshot(Path(sys.argv[1]), extraction, on_graph=stall)
"""


def test_killed_build_leaves_current_served(tmp_path: Path, mini_extraction: Extraction) -> None:
    store_dir = tmp_path / "store"
    write_snapshot(store_dir, without_document(mini_extraction, RESULTAT))
    source = tmp_path / "x.json"
    source.write_text(mini_extraction.model_dump_json(), encoding="utf-8")
    marker = tmp_path / "halfway"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(store_dir), str(source), str(marker)], env=child_env()
    )
    try:
        for _ in range(1200):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), "the child build never reached its first graph"
        assert list(store_dir.glob(".snap-*.tmp-*"))  # half-written snapshot aside
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    handle = open_current(store_dir)
    assert handle.version == 1
    assert set(handle.manifest.documents) == {GREEN}
    assert handle.query('ASK { ?a sam:id "arena:freia" }').boolean is False
    report = write_snapshot(store_dir, mini_extraction)  # next build cleans up and serves
    assert report.version == 2
    assert not list(store_dir.glob(".snap-*.tmp-*"))
    assert open_current(store_dir).query('ASK { ?a sam:id "arena:freia" }').boolean is True


def test_failing_build_leaves_current_served(tmp_path: Path, mini_extraction: Extraction) -> None:
    write_snapshot(tmp_path, without_document(mini_extraction, RESULTAT))

    def fail(graph_iri: str) -> None:
        raise OSError(f"disk full while writing {graph_iri}")

    with pytest.raises(OSError, match="disk full"):
        write_snapshot(tmp_path, mini_extraction, on_graph=fail)
    assert open_current(tmp_path).version == 1
    assert not list(tmp_path.glob(".snap-*.tmp-*"))


def test_parameters_are_bound_safely(mini_store_dir: Path, mini_extraction: Extraction) -> None:
    handle = open_current(mini_store_dir)
    mini = mini_extraction.relations
    sparql = """SELECT DISTINCT ?id WHERE { ?e sam:id ?id ; rdfs:label ?name
                FILTER(CONTAINS(LCASE(?name), LCASE($q))) } ORDER BY ?id"""
    ids = [r["id"] for r in handle.query(sparql, {"q": "umeå"}).dicts()]
    assert "org:umea-universitet" in ids and "municipality:umea" in ids
    hostile = '") } ; DROP ALL ; SELECT * { ?s ?p ?o FILTER("'
    assert handle.query(sparql, {"q": hostile}).rows == []
    arena = "arena:hallbara-vasterbotten"
    count = handle.query(
        "SELECT (COUNT(DISTINCT ?m) AS ?n) { ?o sam:memberOf $arena ; sam:memberOf ?m }",
        {"arena": NamedNode(entity_iri(arena))},
    )
    members = {r.source for r in mini if r.type.value == "member_of" and r.target == arena}
    arenas = {r.target for r in mini if r.type.value == "member_of" and r.source in members}
    assert count.dicts() == [{"n": len(arenas)}] and len(arenas) >= 2
    projected = handle.query("SELECT ?e ?id { ?e sam:id ?id } ", {"id": "org:samforma"})
    assert {r["e"] for r in projected.dicts()} == {entity_iri("org:samforma")}


def test_substitute_leaves_strings_iris_and_comments_alone() -> None:
    text, used = substitute(
        'SELECT * { ?s ?p "$q" . ?s <http://x/$q> ?o # $q\n FILTER(?o < $q) }', {"q": 3}
    )
    assert used == {"q"}
    assert '"$q"' in text and "<http://x/$q>" in text and "# $q" in text
    assert '?o < "3"^^<http://www.w3.org/2001/XMLSchema#integer>' in text


def test_queries_cannot_write_and_time_out(mini_store_dir: Path) -> None:
    handle = open_current(mini_store_dir)
    with pytest.raises(SyntaxError):
        handle.query("INSERT DATA { <http://x> <http://y> <http://z> }")
    with pytest.raises(QueryTimeoutError):
        handle.query("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout_s=0.2)
    limited = handle.query("SELECT ?s { ?s a sam:Municipality }", max_rows=5)
    assert len(limited.rows) == 5 and limited.truncated


def test_open_current_without_a_build_names_the_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path)):
        open_current(tmp_path)
