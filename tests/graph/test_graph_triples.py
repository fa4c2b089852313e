"""Extraction → quads: named graph per document, reified assertions, PROV, reference graphs."""

from __future__ import annotations

from graphtools import GREEN, RESULTAT, ROOT
from pyoxigraph import Literal, NamedNode, Quad, Store

from graph.triples import (
    UNSOURCED_GRAPH,
    document_graphs,
    graph_hash,
    reference_graphs,
)
from ontology.ids import document_graph_iri, entity_iri, reference_graph_iri
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
from ontology.vocab import PREFIXES


def texts(extraction: Extraction) -> dict[str, str]:
    return {d.id: (ROOT / d.path).read_bytes().decode("utf-8") for d in extraction.documents}


def store_of(graphs: dict[str, list[Quad]]) -> Store:
    store = Store()
    for quads in graphs.values():
        store.extend(quads)
    return store


def select(store: Store, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    return sorted(
        tuple(t.value for t in row)  # type: ignore[union-attr]
        for row in result  # type: ignore[union-attr]
    )


def test_fixture_quotes_and_mentions_are_real_corpus_spans(mini_extraction: Extraction) -> None:
    originals = texts(mini_extraction)
    quotes = [ev for r in mini_extraction.relations for ev in r.evidence]
    assert len(quotes) >= 60
    for ev in quotes:
        assert originals[ev.document][ev.start : ev.end] == ev.quote
    for e in mini_extraction.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(originals[m.document]), e.id


def test_one_graph_per_document_and_shared_entity_in_both(mini_extraction: Extraction) -> None:
    graphs = document_graphs(mini_extraction).graphs
    assert set(graphs) == {document_graph_iri(GREEN), document_graph_iri(RESULTAT)}
    region = NamedNode(entity_iri("org:region-vasterbotten"))
    label = NamedNode(PREFIXES["rdfs"] + "label")
    for quads in graphs.values():
        names = {q.object for q in quads if q.subject == region and q.predicate == label}
        assert names == {Literal("Region Västerbotten")}
    store = store_of(graphs)
    nodes = select(store, 'SELECT DISTINCT ?e { ?e sam:id "org:region-vasterbotten" }')
    assert nodes == [(region.value,)]


def test_each_graph_holds_only_its_own_evidence(mini_extraction: Extraction) -> None:
    graphs = document_graphs(mini_extraction).graphs
    for doc_id in (GREEN, RESULTAT):
        store = Store()
        store.extend(graphs[document_graph_iri(doc_id)])
        docs = select(store, "SELECT DISTINCT ?d { ?p a sam:Passage ; sam:document ?d }")
        assert docs == [(f"https://w3id.org/samverkansgrafen/id/document/{doc_id}",)]


def test_relations_are_direct_triples_plus_reified_assertions(
    mini_extraction: Extraction,
) -> None:
    store = store_of(document_graphs(mini_extraction).graphs)
    rows = select(
        store,
        """SELECT DISTINCT ?s ?o ?c ?quote ?start {
             ?s sam:leads ?o .
             ?a a sam:Assertion ; rdf:subject ?s ; rdf:predicate sam:leads ; rdf:object ?o ;
                sam:confidence ?c ; prov:wasDerivedFrom ?p .
             ?p sam:quote ?quote ; sam:start ?start .
             FILTER(?o = <https://w3id.org/samverkansgrafen/id/arena/freia>) }""",
    )
    leaders = {r[0].rsplit("/", 1)[-1] for r in rows}
    assert leaders == {"region-vasterbotten", "lansstyrelsen-vasterbotten"}
    assert {r[2] for r in rows} == {"0.9"}
    original = texts(mini_extraction)[RESULTAT]
    for row in rows:
        start = int(row[4])
        assert original[start : start + len(row[3])] == row[3]
    expected = {(r.type, r.source, r.target) for r in mini_extraction.relations}
    asserted = select(store, "SELECT DISTINCT ?a { ?a a sam:Assertion }")
    assert len(asserted) == len(expected)


def test_attributes_typed_and_id_valued_ones_linked(mini_extraction: Extraction) -> None:
    store = store_of(document_graphs(mini_extraction).graphs | reference_graphs())
    seat = select(store, 'SELECT ?m { ?o sam:id "org:lulea-tekniska-universitet" ; sam:seat ?m }')
    assert {s[0] for s in seat} == {entity_iri("municipality:lulea")}
    path = select(store, 'SELECT DISTINCT ?p { ?a sam:id "arena:freia" ; sam:sectionPath ?p }')
    assert path and " › " in path[0][0]
    inland = store.query(
        'ASK { ?m sam:code "2463" ; sam:inland true ; sam:coast false }',
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
    )
    assert bool(inland)
    budget = select(store, "SELECT DISTINCT ?b { ?p sam:budgetSek ?b FILTER(?b > 100000000) }")
    assert budget == [("112500000",)]
    sdg = select(store, "SELECT DISTINCT ?s { ?s sam:goal 7 ; a sam:SDG }")
    assert sdg == [("http://metadata.un.org/sdg/7",)]


def test_reference_graphs_have_areas_and_skos_themes() -> None:
    graphs = reference_graphs()
    assert set(graphs) == {
        reference_graph_iri(n) for n in ("ontology", "municipalities", "sdg", "themes", "areas")
    }
    store = store_of(graphs)
    inland = {r[0] for r in select(store, 'SELECT ?m { ?g sam:name "inland" ; sam:includes ?m }')}
    assert entity_iri("municipality:asele") in inland
    assert entity_iri("municipality:lulea") not in inland
    labels = select(
        store,
        'SELECT ?l { ?t sam:id "theme:energi" ; skos:prefLabel ?l ; skos:inScheme sam:themes }',
    )
    assert {label[0] for label in labels} == {"Energi", "Energy"}


def test_unsourced_relation_goes_to_documents_naming_an_end_else_unsourced() -> None:
    doc = Document(id="doc-a", path="x/doc-a.txt", title="A")
    org = Entity(
        id="org:a",
        type=EntityType.ORGANISATION,
        name="A",
        mentions=[Mention(document="doc-a", start=0, end=1)],
    )
    lonely = Entity(id="org:b", type=EntityType.ORGANISATION, name="B")
    rels = [
        Relation(type=RelationType.MEMBER_OF, source="org:a", target="arena:x"),
        Relation(type=RelationType.FUNDS, source="org:b", target="project:y"),
    ]
    graphs = document_graphs(Extraction(documents=[doc], entities=[org, lonely], relations=rels))
    in_doc = {q.predicate.value for q in graphs.graphs[document_graph_iri("doc-a")]}
    assert PREFIXES["sam"] + "memberOf" in in_doc
    unsourced = graphs.graphs[reference_graph_iri(UNSOURCED_GRAPH)]
    assert any(q.predicate.value == PREFIXES["sam"] + "funds" for q in unsourced)
    assert any(q.subject.value == entity_iri("org:b") for q in unsourced)


def test_graph_hash_is_order_free_and_content_sensitive(mini_extraction: Extraction) -> None:
    quads = document_graphs(mini_extraction).graphs[document_graph_iri(GREEN)]
    assert graph_hash(quads) == graph_hash(list(reversed(quads)))
    changed = mini_extraction.model_copy(deep=True)
    rel = changed.relations[0]
    first = rel.evidence[0]
    rel.evidence[0] = Evidence(
        document=first.document, start=first.start, end=first.end - 1, quote=first.quote[:-1]
    )
    other = document_graphs(changed).graphs[document_graph_iri(GREEN)]
    assert graph_hash(other) != graph_hash(quads)


def test_mention_quotes_never_carry_contact_details(mini_extraction: Extraction) -> None:
    graphs = document_graphs(mini_extraction, texts(mini_extraction)).graphs
    literals = [
        q.object.value for qs in graphs.values() for q in qs if isinstance(q.object, Literal)
    ]
    assert "Ylva Sardén" in literals
    assert not [v for v in literals if "@norrbotten.se" in v or "0920-28" in v]
