"""networkx projections: the full graph and the organisation collaboration graph."""

from __future__ import annotations

from collections import Counter

from graphtools import load_mini, organisation
from graphtools import relation as rel

from graph.projections import collaboration_graph, full_graph
from ontology.model import Entity, EntityType, Extraction, RelationType


def org(slug: str) -> Entity:
    return organisation(slug, slug.title())


def sample() -> Extraction:
    arena = Entity(id="arena:x", type=EntityType.ARENA, name="X")
    project = Entity(id="project:y", type=EntityType.PROJECT, name="Y")
    return Extraction(
        entities=[org("a"), org("b"), org("c"), org("d"), arena, project],
        relations=[
            rel(RelationType.MEMBER_OF, "org:a", "arena:x"),
            rel(RelationType.LEADS, "org:b", "arena:x"),
            rel(RelationType.PARTNER_IN, "org:a", "project:y"),
            rel(RelationType.FUNDS, "org:b", "project:y"),
            rel(RelationType.PARTNER_IN, "org:c", "project:y"),
            rel(RelationType.HAS_THEME, "arena:x", "theme:energi"),
            rel(RelationType.LOCATED_IN, "org:a", "municipality:lulea"),
            rel(RelationType.TARGETS_PLACE, "project:y", "municipality:kiruna"),
            rel(RelationType.MEMBER_OF, "org:d", "arena:okand"),  # unknown end: left out
        ],
    )


def test_collaboration_edges_carry_shared_items() -> None:
    graph = collaboration_graph(sample())
    assert sorted(graph.nodes) == ["org:a", "org:b", "org:c", "org:d"]
    assert graph.edges["org:a", "org:b"] == {"weight": 2, "shared": ["arena:x", "project:y"]}
    assert graph.edges["org:a", "org:c"] == {"weight": 1, "shared": ["project:y"]}
    assert graph.degree("org:d") == 0


def test_full_graph_nodes_have_themes_and_municipalities() -> None:
    graph = full_graph(sample())
    assert graph.nodes["arena:x"]["themes"] == ["theme:energi"]
    assert graph.nodes["arena:x"]["type"] == "Arena"
    assert graph.nodes["theme:energi"]["type"] == "Theme"  # reference end becomes a node
    # Own place (Kiruna) plus partner org:a's seat (Luleå): reach per docs/DESIGN.md.
    assert graph.nodes["project:y"]["municipalities"] == [
        "municipality:kiruna",
        "municipality:lulea",
    ]
    assert graph.nodes["org:b"]["municipalities"] == []
    assert graph.nodes["arena:x"]["municipalities"] == ["municipality:lulea"]
    assert "arena:okand" not in graph
    assert graph.number_of_edges() == 8


def test_mini_extraction_counts_agree_with_the_extraction() -> None:
    extraction = load_mini()
    graph = full_graph(extraction)
    types = Counter(data["type"] for _, data in graph.nodes(data=True))
    expected = Counter(e.type.value for e in extraction.entities)
    for kind in ("Organisation", "Arena", "Project"):
        assert types[kind] == expected[kind]
    assert graph.number_of_edges() == len({r.key for r in extraction.relations})
    edge_types = Counter(k for _, _, k in graph.edges(keys=True))
    assert edge_types == Counter(r.type.value for r in extraction.relations)
