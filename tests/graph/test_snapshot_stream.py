"""write_snapshot streams one graph at a time: the stored quads are still exactly those of
graph.triples.all_graphs (the all-in-memory reference), edge cases of graph homes included."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphtools import GREEN, RESULTAT, ROOT, load_mini
from pyoxigraph import Quad

from graph.store import current_snapshot, iter_graphs, open_current, write_snapshot
from graph.triples import UNSOURCED_GRAPH, all_graphs, graph_hash
from ontology.ids import document_graph_iri, reference_graph_iri
from ontology.model import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Relation,
    RelationType,
)

THIRD = "norrbotten-vagen-till-malet"  # a third corpus report, for a three-document store


def _evidence(texts: dict[str, str], doc: str, start: int, end: int) -> Evidence:
    return Evidence(document=doc, start=start, end=end, quote=texts[doc][start:end])


def _edge_case_extraction() -> tuple[Extraction, dict[str, str]]:
    """The mini extraction (2 real reports) plus a third report and every kind of graph home:
    evidence in two documents, a relation homed by its ends' mentions (no evidence), an
    unsourced relation (evidence only in a document that is not part of the build), an
    entity no document mentions, and an entity present only as a relation end."""
    x = load_mini()
    x.documents.append(Document(id=THIRD, path=f"data/corpus/{THIRD}.txt", title="Vägen"))
    texts = {d.id: (ROOT / d.path).read_text(encoding="utf-8") for d in x.documents}
    shared = next(e for e in x.entities if {m.document for m in e.mentions} == {GREEN, RESULTAT})
    shared.mentions.append(Mention(document=THIRD, start=0, end=40))
    only_green = next(e for e in x.entities if {m.document for m in e.mentions} == {GREEN})
    only_resultat = next(e for e in x.entities if {m.document for m in e.mentions} == {RESULTAT})
    loner = Entity(id="org:ingen-namner-mig", type=EntityType.ORGANISATION, name="Ingen")
    end_only = Entity(id="org:bara-en-relationsande", type=EntityType.ORGANISATION, name="Ände")
    ghost = Entity(id="org:spokorganisation", type=EntityType.ORGANISATION, name="Spöke")
    x.entities += [loner, end_only, ghost]
    x.relations += [
        Relation(  # evidence in two documents: in both graphs, each with its own passage
            type=RelationType.PARTNER_IN,
            source=only_green.id,
            target=only_resultat.id,
            evidence=[_evidence(texts, GREEN, 100, 160), _evidence(texts, RESULTAT, 500, 560)],
        ),
        Relation(  # no evidence: stored with the documents that mention an end
            type=RelationType.MEMBER_OF, source=end_only.id, target=only_resultat.id
        ),
        Relation(  # evidence only in a document outside the build, no mentioned end
            type=RelationType.FUNDS,
            source=ghost.id,
            target=loner.id,
            evidence=[Evidence(document="not-built", start=0, end=5, quote="spöke")],
        ),
    ]
    return x, texts


def _sets(pairs: list[tuple[str, list[Quad]]]) -> dict[str, set[Quad]]:
    out: dict[str, set[Quad]] = {}
    for iri, quads in pairs:
        assert iri not in out, f"{iri} produced twice"
        out[iri] = set(quads)
    return out


@pytest.fixture(scope="module")
def edge_case() -> tuple[Extraction, dict[str, str]]:
    return _edge_case_extraction()


def test_streamed_graphs_equal_the_all_in_memory_graphs(
    edge_case: tuple[Extraction, dict[str, str]],
) -> None:
    extraction, texts = edge_case
    reference = _sets(list(all_graphs(extraction, texts).items()))
    streamed = _sets(list(iter_graphs(extraction, texts)))
    # The edge cases really reach the graphs they are meant for.
    unsourced = reference_graph_iri(UNSOURCED_GRAPH)
    assert {document_graph_iri(d) for d in (GREEN, RESULTAT, THIRD)} | {unsourced} <= set(reference)
    assert any("spokorganisation" in str(q.subject) for q in reference[unsourced])
    assert any(
        "bara-en-relationsande" in str(q.subject) for q in reference[document_graph_iri(RESULTAT)]
    )
    assert set(streamed) == set(reference)
    for iri, quads in reference.items():
        assert streamed[iri] == quads, iri


def test_mini_extraction_streams_the_same_graphs() -> None:
    mini = load_mini()
    texts = {d.id: (ROOT / d.path).read_text(encoding="utf-8") for d in mini.documents}
    reference = _sets(list(all_graphs(mini, texts).items()))
    assert _sets(list(iter_graphs(mini, texts))) == reference


def test_stored_snapshot_holds_exactly_the_reference_quads(
    tmp_path: Path, edge_case: tuple[Extraction, dict[str, str]]
) -> None:
    extraction, texts = edge_case
    reference = all_graphs(extraction, texts)
    report = write_snapshot(tmp_path, extraction, texts)
    handle = open_current(tmp_path)
    assert set(handle.quads()) == {q for quads in reference.values() for q in quads}
    assert handle.manifest.graphs == {iri: graph_hash(q) for iri, q in reference.items()}
    assert sorted(report.added) == sorted(reference)
    assert report.counts["quads"] == sum(len(set(q)) for q in reference.values())


def test_unchanged_rebuild_discards_the_snapshot_it_wrote_aside(
    tmp_path: Path, edge_case: tuple[Extraction, dict[str, str]]
) -> None:
    extraction, texts = edge_case
    first = write_snapshot(tmp_path, extraction, texts)
    served = current_snapshot(tmp_path)
    seen: list[str] = []
    again = write_snapshot(tmp_path, extraction.model_copy(deep=True), texts, on_graph=seen.append)
    assert (again.changed, again.version) == (False, first.version)
    assert sorted(seen) == sorted(first.added)  # every graph was streamed and hashed
    assert current_snapshot(tmp_path) == served
    assert not list(tmp_path.glob(".snap-*")), "the aside snapshot was left behind"
    assert [p.name for p in tmp_path.glob("snap-*")] == [served.name if served else ""]
