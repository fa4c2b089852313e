"""The shared style table: complete, distinguishable, and readable on white."""

from __future__ import annotations

import json

from graph.style import (
    BACKGROUND,
    EDGE_STYLES,
    LABEL_COLOUR,
    NODE_STYLES,
    contrast_ratio,
    edge_style,
    node_style,
    style_table,
)
from ontology.model import EntityType, RelationType

VIS_SHAPES_LABEL_OUTSIDE = {
    "dot",
    "diamond",
    "square",
    "triangle",
    "triangleDown",
    "star",
    "hexagon",
}


def test_every_entity_and_relation_type_has_a_style() -> None:
    table = style_table()
    assert set(table["entity_types"]) == {t.value for t in EntityType}
    assert set(table["relation_types"]) == {t.value for t in RelationType}
    json.dumps(table)  # served as JSON by GET /style


def test_no_two_entity_types_look_alike() -> None:
    pairs = [(s["color"], s["shape"]) for s in NODE_STYLES.values()]
    assert len(set(pairs)) == len(pairs)
    labels = [s["label_sv"] for s in NODE_STYLES.values()]
    assert len(set(labels)) == len(labels)


def test_shapes_scale_with_value() -> None:
    # Only label-outside shapes are sized by vis-network's ``value`` (centrality).
    assert {s["shape"] for s in NODE_STYLES.values()} <= VIS_SHAPES_LABEL_OUTSIDE


def test_no_two_relation_types_look_alike() -> None:
    looks = [(s["color"], str(s["dashes"]), s["width"]) for s in EDGE_STYLES.values()]
    assert len(set(looks)) == len(looks)


def test_contrast_on_white_background() -> None:
    assert contrast_ratio(LABEL_COLOUR, BACKGROUND) >= 4.5
    for t, s in NODE_STYLES.items():
        assert contrast_ratio(s["border"], BACKGROUND) >= 3.0, t
    for r, e in EDGE_STYLES.items():
        assert contrast_ratio(e["color"], BACKGROUND) >= 3.0, r


def test_contrast_ratio_known_values() -> None:
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54


def test_lookup_accepts_cypher_names_and_unknowns() -> None:
    assert edge_style("MEMBER_OF") == EDGE_STYLES[RelationType.MEMBER_OF]
    assert edge_style("no_such")["label_en"] == "relation"
    assert node_style("Organisation") == NODE_STYLES[EntityType.ORGANISATION]
    assert node_style("Document")["label_en"] == "Unknown"
