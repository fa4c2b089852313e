"""One visual table for entity and relation types, shared by the explorer and ``viz``.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies);
because twelve types outnumber its eight hues, every type also has its own
(colour, shape) pair, so no type is told apart by hue alone. Borders and edge colours
are dark enough for 3:1 contrast on white (WCAG 1.4.11, non-text contrast); label text
is near-black for 4.5:1. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from typing import Any, TypedDict

from ontology.model import EntityType, RelationType

BACKGROUND = "#ffffff"
LABEL_COLOUR = "#1f2328"
# Node size range (vis-network ``value`` scaling) driven by centrality.
SIZE_MIN = 10
SIZE_MAX = 42


class NodeStyle(TypedDict):
    color: str
    border: str
    shape: str
    label_sv: str
    label_en: str


class EdgeStyle(TypedDict):
    color: str
    dashes: bool | list[int]
    width: float
    arrows: str
    label_sv: str
    label_en: str


def _node(color: str, border: str, shape: str, label_sv: str, label_en: str) -> NodeStyle:
    return NodeStyle(color=color, border=border, shape=shape, label_sv=label_sv, label_en=label_en)


def _edge(
    color: str, dashes: bool | list[int], width: float, label_sv: str, label_en: str
) -> EdgeStyle:
    # Every relation type is directed (source acts on target), so the arrow is not a column.
    return EdgeStyle(
        color=color, dashes=dashes, width=width, arrows="to", label_sv=label_sv, label_en=label_en
    )


# fill, border (darkened fill for contrast), vis-network shape (label drawn outside), labels
NODE_STYLES: dict[EntityType, NodeStyle] = {
    EntityType.ORGANISATION: _node("#0072B2", "#00476F", "dot", "Organisation", "Organisation"),
    EntityType.ARENA: _node("#E69F00", "#8A5F00", "diamond", "Samverkansarena", "Arena"),
    EntityType.PROJECT: _node("#009E73", "#005E45", "square", "Projekt", "Project"),
    EntityType.MUNICIPALITY: _node("#56B4E9", "#1B6A96", "triangle", "Kommun", "Municipality"),
    EntityType.COUNTY: _node("#56B4E9", "#1B6A96", "triangleDown", "Län", "County"),
    EntityType.STRATEGY: _node("#CC79A7", "#8A3A67", "hexagon", "Strategi", "Strategy"),
    EntityType.PRIORITY: _node("#CC79A7", "#8A3A67", "star", "Prioritering", "Priority"),
    EntityType.STRATEGIC_AREA: _node(
        "#D55E00", "#8A3D00", "hexagon", "Sakområde", "Strategic area"
    ),
    EntityType.THEME: _node("#F0E442", "#6E6700", "star", "Tema", "Theme"),
    EntityType.SDG: _node("#D55E00", "#8A3D00", "triangleDown", "Globalt mål", "SDG"),
    EntityType.EVENT: _node("#BBBBBB", "#595959", "square", "Evenemang", "Event"),
    EntityType.CONTACT_PERSON: _node(
        "#DDDDDD", "#595959", "dot", "Kontaktperson", "Contact person"
    ),
}

# colour, dash pattern (False: solid), width, labels
EDGE_STYLES: dict[RelationType, EdgeStyle] = {
    RelationType.MEMBER_OF: _edge("#0072B2", False, 1.5, "medlem i", "member of"),
    RelationType.LEADS: _edge("#1F2328", False, 2.5, "leder", "leads"),
    RelationType.PARTNER_IN: _edge("#007A59", False, 1.5, "partner i", "partner in"),
    RelationType.FUNDS: _edge("#8A5F00", [8, 4], 2.0, "finansierar", "funds"),
    RelationType.LOCATED_IN: _edge("#1B6A96", [2, 4], 1.0, "ligger i", "located in"),
    RelationType.TARGETS_PLACE: _edge("#1B6A96", [6, 3], 1.5, "verkar i", "targets place"),
    RelationType.PART_OF: _edge("#8A3A67", False, 1.0, "del av", "part of"),
    RelationType.CONTRIBUTES_TO: _edge("#A84A00", [4, 4], 1.5, "bidrar till", "contributes to"),
    RelationType.HAS_THEME: _edge("#6E6700", [1, 3], 1.0, "har tema", "has theme"),
    RelationType.PARTICIPANT_IN: _edge("#595959", [6, 2, 2, 2], 1.5, "deltar i", "participant in"),
    RelationType.MENTIONS: _edge("#767676", [1, 4], 0.5, "nämner", "mentions"),
}

_UNKNOWN_NODE = _node("#FFFFFF", "#595959", "dot", "Okänd", "Unknown")
_UNKNOWN_EDGE = _edge("#767676", False, 1.0, "relation", "relation")


def node_style(entity_type: str) -> NodeStyle:
    """The style of an entity type (by enum value); unknown types get a neutral style."""
    try:
        return NODE_STYLES[EntityType(entity_type)]
    except ValueError:
        return _UNKNOWN_NODE


def edge_style(relation_type: str) -> EdgeStyle:
    """The style of a relation type, accepting ``member_of`` or ``MEMBER_OF``."""
    try:
        return EDGE_STYLES[RelationType(relation_type.lower())]
    except ValueError:
        return _UNKNOWN_EDGE


def style_table() -> dict[str, Any]:
    """The whole table as JSON-ready data (served at ``GET /style``)."""
    return {
        "version": 1,
        "background": BACKGROUND,
        "label_colour": LABEL_COLOUR,
        "size": {"min": SIZE_MIN, "max": SIZE_MAX},
        "entity_types": {t.value: dict(s) for t, s in NODE_STYLES.items()},
        "relation_types": {t.value: dict(s) for t, s in EDGE_STYLES.items()},
    }


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
