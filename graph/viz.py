"""Self-contained pyvis HTML from an :class:`Extraction` (``samverkan viz``).

The page opens with the network unplugged: vis-network is in-lined (pyvis
``cdn_resources="in_line"``) and the two Bootstrap CDN tags pyvis adds are stripped.
Colours, shapes and edge styles come from :mod:`graph.style`, the same table the
explorer uses, and every node and edge tooltip quotes its source passages.

Selection follows the geographic-reach rule of docs/DESIGN.md: an entity is in an area
when it is located in / targets a municipality of the area, or when a member, leader
or partner organisation is located there.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.projections import PARTICIPATION, PLACE_RELATIONS, REACH_RELATIONS
from graph.style import BACKGROUND, LABEL_COLOUR, SIZE_MAX, SIZE_MIN, edge_style, node_style
from ontology.ids import slug
from ontology.model import Entity, EntityType, Extraction, Relation
from ontology.reference import AreaSet, area_sets, county_id, municipalities

# Relations through which organisations take part in an arena, project or event.
COLLABORATION = PARTICIPATION
_PLACE = PLACE_RELATIONS
_REACH = REACH_RELATIONS
_PRIVATE_ATTRS = frozenset({"phone", "email"})
_QUOTES_PER_TOOLTIP = 3
_QUOTE_CHARS = 220
# pyvis adds two Bootstrap CDN tags, a commented-out node_modules reference and two empty
# headings; none are needed, and the CDN tags would be requests outside the machine.
_PYVIS_CRUFT = re.compile(
    r"<link[^>]*bootstrap[^>]*>\s*|<script[^>]*bootstrap[^>]*>\s*</script>\s*"
    r"|<!--\s*<link[^>]*node_modules.*?-->\s*|<center>\s*<h1>\s*</h1>\s*</center>\s*",
    re.IGNORECASE | re.DOTALL,
)


class VizError(ValueError):
    """A filter names something the extraction or reference data does not know."""

    code = "invalid_param"


@dataclass(frozen=True)
class VizFilter:
    """What to draw: every field narrows the graph; ``None`` means no restriction."""

    theme: str | None = None
    area: str | None = None
    county: str | None = None
    around: str | None = None
    depth: int = 1


@dataclass(frozen=True)
class VizResult:
    nodes: int
    edges: int
    path: Path


# --- projection and selection ---------------------------------------------------------


def project(extraction: Extraction) -> nx.MultiDiGraph:
    """Entities as nodes (``entity`` attribute), relations as keyed edges (``relation``)."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for e in extraction.entities:
        g.add_node(e.id, entity=e)
    for r in extraction.relations:
        if r.source in g and r.target in g:
            g.add_edge(r.source, r.target, key=r.type.value, relation=r)
    return g


def _relations(g: nx.MultiDiGraph, node: str) -> Iterable[tuple[str, Relation]]:
    """(other node, relation) for every edge touching ``node``, both directions."""
    for _, other, data in g.out_edges(node, data=True):
        yield other, data["relation"]
    for other, _, data in g.in_edges(node, data=True):
        yield other, data["relation"]


def resolve_entity(extraction: Extraction, ref: str) -> str:
    """An entity id from an id, a name or an alias (case-insensitive)."""
    index = extraction.entity_index()
    if ref in index:
        return ref
    wanted = ref.casefold()
    for e in extraction.entities:
        if e.name.casefold() == wanted or wanted in (a.casefold() for a in e.aliases):
            return e.id
    close = sorted(e.name for e in extraction.entities if wanted in e.name.casefold())[:5]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise VizError(f"--around {ref!r}: no entity with that id, name or alias{hint}")


def resolve_theme(extraction: Extraction, ref: str) -> str:
    """A theme id from ``theme:energi``, ``energi``, ``klimat_miljo`` or a label."""
    themes = [e for e in extraction.entities if e.type is EntityType.THEME]
    candidates = {ref, f"theme:{slug(ref)}", f"theme:{ref.replace('_', '-')}"}
    for t in themes:
        labels = {t.name.casefold(), *(a.casefold() for a in t.aliases)}
        if t.id in candidates or ref.casefold() in labels:
            return t.id
    known = ", ".join(sorted(t.id.removeprefix("theme:") for t in themes)) or "none"
    raise VizError(f"--theme {ref!r}: unknown theme (known in this store: {known})")


def resolve_area(ref: str, sets: Mapping[str, AreaSet] | None = None) -> AreaSet:
    """An area set by name (inland, coast, region10, …), county id/name or kommunkod."""
    sets = area_sets() if sets is None else sets
    for key in (ref, slug(ref), county_id(ref), f"county:{slug(ref)}"):
        if key in sets:
            return sets[key]
    named = ", ".join(sorted(k for k in sets if not k[:1].isdigit() and ":" not in k))
    raise VizError(f"area {ref!r}: unknown (use {named}, a county id or a kommunkod)")


def _places_in(area: AreaSet) -> set[str]:
    """Municipality ids of the area, plus counties wholly inside it."""
    munis = municipalities()
    places = {m.id for m in munis if m.code in area.codes}
    by_county: dict[str, set[str]] = {}
    for m in munis:
        by_county.setdefault(county_id(m.county), set()).add(m.code)
    places |= {cid for cid, codes in by_county.items() if codes <= area.codes}
    return places


def in_area(g: nx.MultiDiGraph, area: AreaSet) -> set[str]:
    """Nodes in the area by the DESIGN.md reach rule (places themselves included)."""
    places = _places_in(area) & set(g.nodes)
    located = set(places)
    for node in g.nodes:
        if any(r.type in _PLACE and other in places for other, r in _relations(g, node)):
            located.add(node)
    reached = set(located)
    for node in g.nodes:
        for other, r in _relations(g, node):
            entity: Entity = g.nodes[other]["entity"]
            if r.type in _REACH and other in located and entity.type is EntityType.ORGANISATION:
                reached.add(node)
    return reached


def _with_collaborators(g: nx.MultiDiGraph, items: set[str]) -> set[str]:
    keep = set(items)
    for node in items:
        keep |= {other for other, r in _relations(g, node) if r.type in COLLABORATION}
    return keep


def select(extraction: Extraction, flt: VizFilter) -> nx.MultiDiGraph:
    """The subgraph to draw for ``flt`` (see the module docstring for the rules)."""
    g = project(extraction)
    if flt.around:
        centre = resolve_entity(extraction, flt.around)
        near = nx.ego_graph(g.to_undirected(as_view=True), centre, radius=max(flt.depth, 0))
        g = g.subgraph(near.nodes).copy()
    items: set[str] | None = None
    if flt.theme:
        theme = resolve_theme(extraction, flt.theme)
        items = {s for s, t, k in g.edges(keys=True) if k == "has_theme" and t == theme}
    for ref in (flt.area, flt.county):
        if ref:
            reach = in_area(g, resolve_area(ref))
            items = reach if items is None else items & reach
    if items is None:
        return g
    keep = _with_collaborators(g, items)
    if flt.theme:
        keep.add(resolve_theme(extraction, flt.theme))
    return g.subgraph(keep & set(g.nodes)).copy()


# --- rendering ------------------------------------------------------------------------


def _clip(text: str, limit: int = _QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _evidence_lines(relations: Iterable[Relation]) -> list[str]:
    lines: list[str] = []
    for r in relations:
        for ev in r.evidence:
            if len(lines) >= _QUOTES_PER_TOOLTIP:
                return lines
            lines.append(f"«{_clip(ev.quote)}»\n  — {ev.document}, tecken {ev.start}–{ev.end}")
    return lines


def node_tooltip(entity: Entity, relations: Iterable[Relation], lang: str = "sv") -> str:
    """Plain text (vis-network shows titles as text): type, aliases, attributes, sources."""
    style = node_style(entity.type.value)
    lines = [entity.name, style["label_sv" if lang == "sv" else "label_en"]]
    if entity.aliases:
        lines.append("Även: " + ", ".join(entity.aliases))
    for key, value in entity.attributes.items():
        if key not in _PRIVATE_ATTRS and value not in (None, "", []):
            shown = " › ".join(value) if isinstance(value, list) else value
            lines.append(f"{key}: {_clip(str(shown), 120)}")
    docs = sorted({m.document for m in entity.mentions})
    if docs:
        lines.append("Dokument: " + ", ".join(docs))
    quotes = _evidence_lines(relations)
    if quotes:
        lines += ["", "Källor:", *quotes]
    return "\n".join(lines)


def edge_tooltip(relation: Relation, names: Mapping[str, str], lang: str = "sv") -> str:
    style = edge_style(relation.type.value)
    label = style["label_sv" if lang == "sv" else "label_en"]
    head = f"{names.get(relation.source, relation.source)} {label} "
    head += f"{names.get(relation.target, relation.target)} (säkerhet {relation.confidence:.2f})"
    return "\n".join([head, *_evidence_lines([relation])])


def _sizes(g: nx.MultiDiGraph) -> dict[str, float]:
    if g.number_of_nodes() < 2:
        return dict.fromkeys(g.nodes, 0.5)
    return dict(nx.degree_centrality(nx.Graph(g.to_undirected(as_view=True))))


def build_network(g: nx.MultiDiGraph, lang: str = "sv") -> Network:
    """A pyvis Network styled by :mod:`graph.style`, sized by degree centrality."""
    net = Network(
        height="100vh",
        width="100%",
        directed=True,
        bgcolor=BACKGROUND,
        font_color=LABEL_COLOUR,
        cdn_resources="in_line",
    )
    sizes = _sizes(g)
    names = {n: g.nodes[n]["entity"].name for n in g.nodes}
    for node in sorted(g.nodes):
        entity: Entity = g.nodes[node]["entity"]
        style = node_style(entity.type.value)
        net.add_node(
            node,
            label=entity.name,
            title=node_tooltip(entity, (r for _, r in _relations(g, node)), lang),
            shape=style["shape"],
            value=sizes[node],
            color={"background": style["color"], "border": style["border"]},
            borderWidth=2,
        )
    for s, t, data in g.edges(data=True):
        rel: Relation = data["relation"]
        look = edge_style(rel.type.value)
        net.add_edge(
            s,
            t,
            title=edge_tooltip(rel, names, lang),
            color=look["color"],
            dashes=look["dashes"],
            width=look["width"],
            arrows=look["arrows"],
        )
    net.set_options(json.dumps(_OPTIONS))
    return net


_OPTIONS: dict[str, Any] = {
    "nodes": {
        "scaling": {"min": SIZE_MIN, "max": SIZE_MAX},
        "font": {"size": 14, "face": "system-ui, sans-serif", "color": LABEL_COLOUR},
    },
    "edges": {"smooth": {"type": "continuous"}, "arrowStrikethrough": False},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
        "stabilization": {"iterations": 400, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
}

# Freeze the layout once stabilised, so large graphs stay responsive (no endless physics).
_FREEZE = """<script>
if (typeof network !== "undefined") {
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
  });
}
</script>
"""
_CSS = """<style>
.vis-tooltip { white-space: pre-wrap !important; max-width: 28rem; font: 13px/1.4 system-ui,
  sans-serif !important; color: #1f2328 !important; background: #fff !important;
  border: 1px solid #8c959f !important; padding: .5rem .7rem !important; }
#samverkan-legend { position: fixed; right: 12px; top: 12px; background: #fff; z-index: 10;
  border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .8rem; max-height: 90vh;
  overflow: auto; font: 13px/1.5 system-ui, sans-serif; color: #1f2328; }
#samverkan-legend h2 { font-size: 13px; margin: .2rem 0 .3rem; }
#samverkan-legend ul { list-style: none; margin: 0 0 .4rem; padding: 0; }
#samverkan-legend .g { display: inline-block; width: 1.3em; text-align: center; }
</style>
"""

_GLYPHS = {
    "dot": "●",
    "diamond": "◆",
    "square": "■",
    "triangle": "▲",
    "triangleDown": "▼",
    "star": "★",
    "hexagon": "⬢",
}


def shape_glyph(shape: str) -> str:
    """A text glyph that looks like the vis-network shape (for legends)."""
    return _GLYPHS.get(shape, "●")


def _dash_svg(dashes: bool | list[int], colour: str, width: float) -> str:
    pattern = " ".join(str(d) for d in dashes) if isinstance(dashes, list) else "none"
    return (
        f'<svg width="28" height="8" aria-hidden="true"><line x1="0" y1="4" x2="28" y2="4" '
        f'stroke="{colour}" stroke-width="{max(width, 1)}" stroke-dasharray="{pattern}"/></svg>'
    )


def legend_html(g: nx.MultiDiGraph, title: str, lang: str = "sv") -> str:
    """A legend of the entity and relation types present in ``g``."""
    types = sorted({g.nodes[n]["entity"].type.value for n in g.nodes})
    rels = sorted({k for _, _, k in g.edges(keys=True)})
    items = []
    for t in types:
        s = node_style(t)
        glyph = f'<span class="g" style="color:{s["color"]};-webkit-text-stroke:1px {s["border"]}">'
        name = html.escape(s["label_sv"] if lang == "sv" else s["label_en"])
        items.append(f"<li>{glyph}{shape_glyph(s['shape'])}</span> {name}</li>")
    edges = []
    for r in rels:
        e = edge_style(r)
        svg = _dash_svg(e["dashes"], e["color"], e["width"])
        edges.append(f"<li>{svg} {html.escape(e['label_sv' if lang == 'sv' else 'label_en'])}</li>")
    heads = ("Typer", "Relationer") if lang == "sv" else ("Types", "Relations")
    return (
        f'<aside id="samverkan-legend" aria-label="legend"><h2>{html.escape(title)}</h2>'
        f"<h2>{heads[0]}</h2><ul>{''.join(items)}</ul>"
        f"<h2>{heads[1]}</h2><ul>{''.join(edges)}</ul></aside>\n"
    )


def render_html(g: nx.MultiDiGraph, title: str = "Samverkansgrafen", lang: str = "sv") -> str:
    """The complete offline HTML page for ``g``."""
    page = build_network(g, lang).generate_html()
    page = _PYVIS_CRUFT.sub("", page)
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    page = page.replace("</head>", _CSS + "</head>", 1)
    extra = legend_html(g, title, lang) + _FREEZE
    head, sep, tail = page.rpartition("</body>")
    return head + extra + sep + tail if sep else page + extra


def filter_title(flt: VizFilter) -> str:
    parts = [
        f"{label} {value}"
        for label, value in (
            ("tema", flt.theme),
            ("område", flt.area),
            ("län", flt.county),
            ("kring", flt.around),
        )
        if value
    ]
    return "Samverkansgrafen" + (" — " + ", ".join(parts) if parts else "")


def write_html(extraction: Extraction, flt: VizFilter, path: Path, lang: str = "sv") -> VizResult:
    """Select, render and write ``path``; raises :class:`VizError` for unknown filters."""
    g = select(extraction, flt)
    path.write_text(render_html(g, filter_title(flt), lang), encoding="utf-8")
    return VizResult(nodes=g.number_of_nodes(), edges=g.number_of_edges(), path=path)
