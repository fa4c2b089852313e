"""SDG targets in RDF: the literal sam:targets and the UN target concept under its goal."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store

from graph.triples import document_graphs
from loaders.pipeline import extract_text_extraction
from ontology.ids import sdg_target_iri
from ontology.vocab import RDF_TYPE, RDFS_LABEL, SAM, SKOS

EXCERPT = (
    Path(__file__).resolve().parent.parent / "fixtures" / "loaders" / "sdg_targets_excerpt.txt"
)


def _store() -> Store:
    extraction = extract_text_extraction(EXCERPT.read_text(encoding="utf-8"), "excerpt")
    store = Store()
    for quads in document_graphs(extraction).graphs.values():
        store.extend(quads)
    return store


def test_named_targets_become_un_concepts_under_their_goal() -> None:
    store = _store()
    targets = {
        q.subject
        for q in store.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(SAM + "SDGTarget"))
    }
    assert targets == {NamedNode(sdg_target_iri(t)) for t in ("8.9", "11.a", "12.b", "13.3")}
    tourism = NamedNode(sdg_target_iri("8.9"))
    broader = {
        q.object for q in store.quads_for_pattern(tourism, NamedNode(SKOS + "broader"), None)
    }
    assert broader == {NamedNode("http://metadata.un.org/sdg/8")}
    assert {q.object for q in store.quads_for_pattern(tourism, NamedNode(RDFS_LABEL), None)} == {
        Literal("8.9")
    }
    goal_targets = {
        q.object
        for q in store.quads_for_pattern(
            NamedNode("http://metadata.un.org/sdg/8"), NamedNode(SAM + "targets"), None
        )
    }
    assert goal_targets == {Literal("8.9")}
