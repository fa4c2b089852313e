"""Analytics: centrality, seeded communities, inland–coast brokers, collaboration paths."""

from __future__ import annotations

import networkx as nx
import pytest
from graphtools import load_mini, organisation, relation

from graph.analytics import (
    Analytics,
    analytics_for,
    brokers,
    centrality,
    collaboration_path,
    communities,
    inland_and_coastal_actors,
)
from ontology.ids import make_id
from ontology.model import Entity, EntityType, Extraction, RelationType
from ontology.reference import municipalities


def _muni(inland: bool) -> str:
    """A Norrbotten/Västerbotten municipality id with the wanted flag, from reference data."""
    m = next(m for m in municipalities() if m.inland is inland and m.coast is not inland)
    return make_id(EntityType.MUNICIPALITY, m.name)


def chain() -> Extraction:
    """inland ─(arena:x)─ broker ─(project:y)─ coast, plus a second coastal org on y."""
    orgs = [organisation(n, n) for n in ("inland", "broker", "coast", "coast2")]
    items = [
        Entity(id="arena:x", type=EntityType.ARENA, name="X"),
        Entity(id="project:y", type=EntityType.PROJECT, name="Y"),
    ]
    rels = [
        relation(RelationType.MEMBER_OF, "org:inland", "arena:x"),
        relation(RelationType.MEMBER_OF, "org:broker", "arena:x"),
        relation(RelationType.LEADS, "org:broker", "project:y"),
        relation(RelationType.PARTNER_IN, "org:coast", "project:y"),
        relation(RelationType.PARTNER_IN, "org:coast2", "project:y"),
        relation(RelationType.LOCATED_IN, "org:inland", _muni(inland=True)),
        relation(RelationType.LOCATED_IN, "org:coast", _muni(inland=False)),
        relation(RelationType.TARGETS_PLACE, "org:coast2", _muni(inland=False)),
    ]
    return Extraction(entities=orgs + items, relations=rels)


def test_inland_and_coastal_actors_come_from_reference_flags() -> None:
    inland, coast = inland_and_coastal_actors(chain())
    assert inland == {"org:inland"}
    assert coast == {"org:coast", "org:coast2"}


def test_broker_separates_inland_from_coast() -> None:
    a = Analytics(chain())
    assert [(b.id, b.separated_pairs) for b in a.brokers] == [("org:broker", 2)]


def test_no_broker_when_a_second_route_exists() -> None:
    graph = nx.Graph([("i", "b1"), ("b1", "c"), ("i", "b2"), ("b2", "c")])
    assert brokers(graph, {"i"}, {"c"}) == []


def test_collaboration_path_lists_shared_items() -> None:
    a = Analytics(chain())
    steps = a.path("org:inland", "org:coast")
    assert steps is not None
    assert [(s.source, s.target, s.shared) for s in steps] == [
        ("org:inland", "org:broker", ["arena:x"]),
        ("org:broker", "org:coast", ["project:y"]),
    ]


def test_path_to_an_isolated_or_unknown_org() -> None:
    graph = nx.Graph()
    graph.add_nodes_from(["a", "b"])
    assert collaboration_path(graph, "a", "b") is None
    with pytest.raises(KeyError, match="org:nobody"):
        collaboration_path(graph, "a", "org:nobody")


def test_centrality_of_a_star() -> None:
    star = nx.star_graph(4)
    result = centrality(star)
    assert result[0].degree == pytest.approx(1.0)
    assert result[0].betweenness == pytest.approx(1.0)
    assert result[1].betweenness == pytest.approx(0.0)


def test_communities_are_seeded_and_cover_every_org() -> None:
    extraction = load_mini()
    graph = Analytics(extraction).collaboration
    first = communities(graph, seed=7)
    assert first == communities(graph, seed=7)
    members = [m for c in first for m in c.members]
    assert sorted(members) == sorted(graph.nodes)
    assert [len(c.members) for c in first] == sorted((len(c.members) for c in first), reverse=True)


def test_two_disconnected_cliques_are_two_communities() -> None:
    graph = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    assert [c.members for c in communities(graph)] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_results_are_cached_per_version() -> None:
    loads: list[int] = []

    def load() -> Extraction:
        loads.append(1)
        return chain()

    first = analytics_for("test-v1", load)
    assert analytics_for("test-v1", load) is first
    assert len(loads) == 1
    assert analytics_for("test-v2", load) is not first
    assert len(loads) == 2
