"""The same extraction gives the same counts in the RDF store, FalkorDB and networkx."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph import cypher
from graph.cypher_engines import FalkorEngine
from graph.projections import full_graph
from graph.store import manifest_json
from graph.writer import GraphWriter
from ontology.model import EntityType, Extraction, RelationType

COUNTED = (EntityType.ORGANISATION, EntityType.ARENA, EntityType.PROJECT)


@pytest.mark.cypher
def test_counts_agree_across_stores(
    mini_store_dir: Path, mini_extraction: Extraction, falkor_engine: FalkorEngine
) -> None:
    rdf = manifest_json(mini_store_dir)["counts"]
    GraphWriter(falkor_engine).write(mini_extraction)
    nx_graph = full_graph(mini_extraction)
    nx_nodes = Counter(data["type"] for _, data in nx_graph.nodes(data=True))
    nx_edges = Counter(key for _, _, key in nx_graph.edges(keys=True))
    for entity_type in COUNTED:
        label = cypher.node_label(entity_type)
        falkor = falkor_engine.ro_query(cypher.count_nodes(label)).rows[0][0]
        assert rdf["entities"][label] == falkor == nx_nodes[entity_type.value], label
    for rel in RelationType:
        if rel is RelationType.MENTIONS:
            continue
        falkor = falkor_engine.ro_query(cypher.count_relationships(cypher.rel_type(rel))).rows[0][0]
        assert rdf["relations"][rel.value] == falkor == nx_edges[rel.value], rel
    assert sum(nx_edges.values()) > 0
