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


# fill, border (darkened fill for contrast), vis-network shape (label drawn outside)
NODE_STYLES: dict[EntityType, NodeStyle] = {
    EntityType.ORGANISATION: NodeStyle(
        color="#0072B2",
        border="#00476F",
        shape="dot",
        label_sv="Organisation",
        label_en="Organisation",
    ),
    EntityType.ARENA: NodeStyle(
        color="#E69F00",
        border="#8A5F00",
        shape="diamond",
        label_sv="Samverkansarena",
        label_en="Arena",
    ),
    EntityType.PROJECT: NodeStyle(
        color="#009E73",
        border="#005E45",
        shape="square",
        label_sv="Projekt",
        label_en="Project",
    ),
    EntityType.MUNICIPALITY: NodeStyle(
        color="#56B4E9",
        border="#1B6A96",
        shape="triangle",
        label_sv="Kommun",
        label_en="Municipality",
    ),
    EntityType.COUNTY: NodeStyle(
        color="#56B4E9",
        border="#1B6A96",
        shape="triangleDown",
        label_sv="Län",
        label_en="County",
    ),
    EntityType.STRATEGY: NodeStyle(
        color="#CC79A7",
        border="#8A3A67",
        shape="hexagon",
        label_sv="Strategi",
        label_en="Strategy",
    ),
    EntityType.PRIORITY: NodeStyle(
        color="#CC79A7",
        border="#8A3A67",
        shape="star",
        label_sv="Prioritering",
        label_en="Priority",
    ),
    EntityType.STRATEGIC_AREA: NodeStyle(
        color="#D55E00",
        border="#8A3D00",
        shape="hexagon",
        label_sv="Sakområde",
        label_en="Strategic area",
    ),
    EntityType.THEME: NodeStyle(
        color="#F0E442", border="#6E6700", shape="star", label_sv="Tema", label_en="Theme"
    ),
    EntityType.SDG: NodeStyle(
        color="#D55E00",
        border="#8A3D00",
        shape="triangleDown",
        label_sv="Globalt mål",
        label_en="SDG",
    ),
    EntityType.EVENT: NodeStyle(
        color="#BBBBBB",
        border="#595959",
        shape="square",
        label_sv="Evenemang",
        label_en="Event",
    ),
    EntityType.CONTACT_PERSON: NodeStyle(
        color="#DDDDDD",
        border="#595959",
        shape="dot",
        label_sv="Kontaktperson",
        label_en="Contact person",
    ),
}

EDGE_STYLES: dict[RelationType, EdgeStyle] = {
    RelationType.MEMBER_OF: EdgeStyle(
        color="#0072B2",
        dashes=False,
        width=1.5,
        arrows="to",
        label_sv="medlem i",
        label_en="member of",
    ),
    RelationType.LEADS: EdgeStyle(
        color="#1F2328",
        dashes=False,
        width=2.5,
        arrows="to",
        label_sv="leder",
        label_en="leads",
    ),
    RelationType.PARTNER_IN: EdgeStyle(
        color="#007A59",
        dashes=False,
        width=1.5,
        arrows="to",
        label_sv="partner i",
        label_en="partner in",
    ),
    RelationType.FUNDS: EdgeStyle(
        color="#8A5F00",
        dashes=[8, 4],
        width=2.0,
        arrows="to",
        label_sv="finansierar",
        label_en="funds",
    ),
    RelationType.LOCATED_IN: EdgeStyle(
        color="#1B6A96",
        dashes=[2, 4],
        width=1.0,
        arrows="to",
        label_sv="ligger i",
        label_en="located in",
    ),
    RelationType.TARGETS_PLACE: EdgeStyle(
        color="#1B6A96",
        dashes=[6, 3],
        width=1.5,
        arrows="to",
        label_sv="verkar i",
        label_en="targets place",
    ),
    RelationType.PART_OF: EdgeStyle(
        color="#8A3A67",
        dashes=False,
        width=1.0,
        arrows="to",
        label_sv="del av",
        label_en="part of",
    ),
    RelationType.CONTRIBUTES_TO: EdgeStyle(
        color="#A84A00",
        dashes=[4, 4],
        width=1.5,
        arrows="to",
        label_sv="bidrar till",
        label_en="contributes to",
    ),
    RelationType.HAS_THEME: EdgeStyle(
        color="#6E6700",
        dashes=[1, 3],
        width=1.0,
        arrows="to",
        label_sv="har tema",
        label_en="has theme",
    ),
    RelationType.PARTICIPANT_IN: EdgeStyle(
        color="#595959",
        dashes=[6, 2, 2, 2],
        width=1.5,
        arrows="to",
        label_sv="deltar i",
        label_en="participant in",
    ),
    RelationType.MENTIONS: EdgeStyle(
        color="#767676",
        dashes=[1, 4],
        width=0.5,
        arrows="to",
        label_sv="nämner",
        label_en="mentions",
    ),
}

_UNKNOWN_NODE = NodeStyle(
    color="#FFFFFF", border="#595959", shape="dot", label_sv="Okänd", label_en="Unknown"
)
_UNKNOWN_EDGE = EdgeStyle(
    color="#767676", dashes=False, width=1.0, arrows="to", label_sv="relation", label_en="relation"
)


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
