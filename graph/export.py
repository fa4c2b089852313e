"""Exports of a built snapshot: RDF (ttl, nt, nq, trig, jsonld), GraphML/GEXF, CSV.

RDF formats serialise the store (``ttl``/``nt``/``jsonld`` the set union of all graphs;
``nq``/``trig`` keep the named graphs). GraphML and GEXF (for Gephi and yEd) and CSV are
built from the snapshot's Extraction as a networkx multigraph whose nodes carry label, type,
themes and municipalities as plain attributes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import networkx as nx
from pyoxigraph import Quad, RdfFormat, Triple, serialize

from graph.store import StoreHandle
from ontology import mapping
from ontology.ids import entity_iri
from ontology.model import Entity, EntityType, Extraction, RelationType
from ontology.reference import reference_entities
from ontology.vocab import PREFIXES

RDF_FORMATS: Final[dict[str, RdfFormat]] = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}
GRAPH_FORMATS: Final = ("graphml", "gexf")
FORMATS: Final = (*RDF_FORMATS, *GRAPH_FORMATS, "csv")
MEDIA_TYPES: Final[dict[str, str]] = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "application/zip",  # nodes.csv + edges.csv
}
FILE_SUFFIX: Final[dict[str, str]] = {"csv": "zip"}
_PLACE_TYPES = {EntityType.MUNICIPALITY.value}
_PLACE_RELATIONS = {RelationType.LOCATED_IN, RelationType.TARGETS_PLACE}
NODE_COLUMNS: Final = (
    "id",
    "type",
    "label",
    "aliases",
    "themes",
    "municipalities",
    "documents",
    "confidence",
    "attributes",
)
EDGE_COLUMNS: Final = ("source", "target", "type", "confidence", "documents", "quotes")


class ExportError(ValueError):
    """An unknown format or an unusable output path."""


# --- RDF -----------------------------------------------------------------------------------------


def _distinct_triples(quads: Iterable[Quad]) -> list[Triple]:
    return list(dict.fromkeys(q.triple for q in quads))


def _compact_keys(node: Any, prefixes: dict[str, str]) -> Any:
    """Shorten expanded property IRIs used as JSON keys to ``prefix:local`` CURIEs."""
    if isinstance(node, list):
        return [_compact_keys(n, prefixes) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        for prefix, ns in prefixes.items():
            if key.startswith(ns) and key != ns:
                key = f"{prefix}:{key[len(ns) :]}"
                break
        out[key] = _compact_keys(value, prefixes)
    return out


def jsonld(triples: list[Triple]) -> bytes:
    """JSON-LD with an ``@context`` of the project's prefixes and CURIE property keys."""
    expanded = json.loads(serialize(triples, format=RdfFormat.JSON_LD) or b"[]")
    prefixes = {p: ns for p, ns in PREFIXES.items() if p not in {"samid"}}
    document = {"@context": prefixes, "@graph": _compact_keys(expanded, prefixes)}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def rdf_bytes(handle: StoreHandle, fmt: str) -> bytes:
    quads = list(handle.quads())
    if fmt in ("nq", "trig"):
        return serialize(quads, format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b""
    triples = _distinct_triples(quads)
    if fmt == "jsonld":
        return jsonld(triples)
    return serialize(triples, format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b""


# --- networkx ------------------------------------------------------------------------------------


def _flat(name: str, value: object) -> str | int | float | bool:
    if isinstance(value, list):
        return mapping.JOINED_FIELDS.get(name, ";").join(str(v) for v in value)
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False)


def _context(extraction: Extraction) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Theme ids and municipality ids per entity (direct relations, or itself)."""
    index = extraction.entity_index()
    themes: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    for r in extraction.relations:
        if r.type is RelationType.HAS_THEME:
            themes[r.source].add(r.target)
        elif r.type in _PLACE_RELATIONS and r.target.startswith("municipality:"):
            places[r.source].add(r.target)
    for e in index.values():
        if e.type.value in _PLACE_TYPES:
            places[e.id].add(e.id)
    return themes, places


def to_networkx(extraction: Extraction) -> nx.MultiDiGraph:
    """Entities as nodes (plus referenced reference entities), relations as keyed edges."""
    graph = nx.MultiDiGraph(name="Samverkansgrafen")
    entities: dict[str, Entity] = {e.id: e for e in reference_entities()}
    needed = {r.source for r in extraction.relations} | {r.target for r in extraction.relations}
    entities = {k: v for k, v in entities.items() if k in needed} | extraction.entity_index()
    themes, places = _context(extraction)
    for e in entities.values():
        data: dict[str, Any] = {
            k: _flat(k, v) for k, v in sorted(e.attributes.items()) if v is not None
        }
        data |= {
            "label": e.name,
            "type": mapping.label_for(e.type),
            "iri": entity_iri(e.id),
            "aliases": ";".join(e.aliases),
            "themes": ";".join(sorted(themes.get(e.id, ()))),
            "municipalities": ";".join(sorted(places.get(e.id, ()))),
            "documents": ";".join(sorted({m.document for m in e.mentions})),
            "confidence": e.confidence,
        }
        graph.add_node(e.id, **data)
    for r in extraction.relations:
        for end in (r.source, r.target):
            if end not in graph:
                graph.add_node(end, label=end, type="Unknown", iri=entity_iri(end))
        graph.add_edge(
            r.source,
            r.target,
            key=r.type.value,
            type=mapping.rel_type_for(r.type),
            label=mapping.rel_type_for(r.type),
            confidence=r.confidence,
            documents=";".join(sorted({ev.document for ev in r.evidence})),
            quotes=" | ".join(ev.quote for ev in r.evidence),
        )
    return graph


def _graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    # GEXF reserves an edge's "type" (directed/undirected): the relation goes in "relation".
    gexf = nx.MultiDiGraph(graph)
    for _, _, data in gexf.edges(data=True):
        data["relation"] = data.pop("type")
    buffer = io.BytesIO()
    nx.write_gexf(gexf, buffer, encoding="utf-8")
    return buffer.getvalue()


# --- CSV -----------------------------------------------------------------------------------------


def csv_tables(extraction: Extraction) -> tuple[str, str]:
    """nodes.csv and edges.csv for spreadsheet users (lists joined with ';')."""
    graph = to_networkx(extraction)
    nodes, edges = io.StringIO(), io.StringIO()
    node_writer = csv.writer(nodes, lineterminator="\n")
    node_writer.writerow(NODE_COLUMNS)
    fixed = set(NODE_COLUMNS) | {"label", "iri"}
    for node_id, data in sorted(graph.nodes(data=True)):
        attributes = {k: v for k, v in data.items() if k not in fixed}
        node_writer.writerow(
            [node_id, data.get("type", ""), data.get("label", "")]
            + [data.get(c, "") for c in NODE_COLUMNS[3:8]]
            + [json.dumps(attributes, ensure_ascii=False, sort_keys=True)]
        )
    edge_writer = csv.writer(edges, lineterminator="\n")
    edge_writer.writerow(EDGE_COLUMNS)
    for source, target, data in sorted(
        graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])
    ):
        edge_writer.writerow([source, target] + [data.get(c, "") for c in EDGE_COLUMNS[2:]])
    return nodes.getvalue(), edges.getvalue()


def _csv_zip(extraction: Extraction) -> bytes:
    nodes, edges = csv_tables(extraction)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", nodes)
        archive.writestr("edges.csv", edges)
    return buffer.getvalue()


# --- entry points --------------------------------------------------------------------------------


def render(handle: StoreHandle, fmt: str) -> bytes:
    """The export as bytes (``csv`` → a zip of nodes.csv and edges.csv); see MEDIA_TYPES."""
    if fmt in RDF_FORMATS:
        return rdf_bytes(handle, fmt)
    if fmt == "graphml":
        return _graphml(to_networkx(handle.extraction))
    if fmt == "gexf":
        return _gexf(to_networkx(handle.extraction))
    if fmt == "csv":
        return _csv_zip(handle.extraction)
    raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def export_to(handle: StoreHandle, fmt: str, out: Path) -> list[Path]:
    """Write the export to ``out`` (for ``csv``: a directory receiving nodes.csv, edges.csv)."""
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out}: csv export needs a directory (nodes.csv, edges.csv)")
        out.mkdir(parents=True, exist_ok=True)
        nodes, edges = csv_tables(handle.extraction)
        (out / "nodes.csv").write_text(nodes, encoding="utf-8")
        (out / "edges.csv").write_text(edges, encoding="utf-8")
        return [out / "nodes.csv", out / "edges.csv"]
    data = render(handle, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return [out]


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ExportError",
    "csv_tables",
    "export_to",
    "render",
    "to_networkx",
]
