"""Extraction → RDF quads in the shape docs/DESIGN.md fixes ("RDF shape").

One named graph per document holds the document, its passages, the entities it mentions
(their triples repeated in every document graph that mentions them, so replacing one graph
never removes a fact another document supports) and the relations it evidences (a direct
triple plus a reified ``sam:Assertion`` with confidence and ``prov:wasDerivedFrom``
passages). Reference graphs hold the ontology, municipalities and counties, SDGs, themes
and geography sets. Terms come from ``ontology.mapping``, ids and IRIs from ``ontology.ids``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse

from ontology import mapping
from ontology.ids import (
    document_graph_iri,
    document_iri,
    entity_iri,
    passage_iri,
    reference_graph_iri,
    relation_iri,
    sdg_target_iri,
)
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
from ontology.reference import REFERENCE_DIR, area_sets, reference_entities
from ontology.vocab import (
    DCTERMS_SOURCE,
    DCTERMS_TITLE,
    ONTOLOGY_TTL,
    PROV_ENTITY,
    PROV_WAS_DERIVED_FROM,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_SUBJECT,
    RDF_TYPE,
    RDFS_LABEL,
    SAM,
    SAM_ASSERTION,
    SAM_CONFIDENCE,
    SAM_DOCUMENT,
    SAM_DOCUMENT_PROP,
    SAM_END,
    SAM_GEOSET,
    SAM_ID,
    SAM_INCLUDES,
    SAM_MENTIONED_IN,
    SAM_NAME,
    SAM_PASSAGE,
    SAM_PUBLISHED_YEAR,
    SAM_QUOTE,
    SAM_REGION,
    SAM_START,
    SKOS,
    SKOS_ALT_LABEL,
    SKOS_CONCEPT,
    THEMES_TTL,
    XSD,
    geoset_iri,
)

REFERENCE_GRAPHS = ("ontology", "municipalities", "sdg", "themes", "areas")
# Relations no document evidences and whose ends no document mentions land here.
UNSOURCED_GRAPH = "unsourced"

_XSD_DECIMAL = NamedNode(XSD + "decimal")
_XSD_ANY_URI = NamedNode(XSD + "anyURI")
_MENTIONS = RelationType.MENTIONS


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _decimal(value: float) -> Literal:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return Literal(text or "0", datatype=_XSD_DECIMAL)


@dataclass
class _Graph:
    """Triples of one named graph, deduplicated, in insertion order."""

    iri: str
    triples: dict[Triple, None] = field(default_factory=dict)

    def add(self, s: str, p: str, o: NamedNode | Literal) -> None:
        self.triples[Triple(_n(s), _n(p), o)] = None

    def quads(self) -> Iterator[Quad]:
        g = _n(self.iri)
        for t in self.triples:
            yield Quad(t.subject, t.predicate, t.object, g)


# --- entities ---------------------------------------------------------------------------


def _attribute_values(name: str, value: object) -> list[NamedNode | Literal]:
    if value is None:
        return []
    if name in mapping.ID_VALUED_FIELDS:
        return [_n(entity_iri(str(value)))]
    if name in mapping.JOINED_FIELDS:
        items = value if isinstance(value, list) else [value]
        return [Literal(mapping.JOINED_FIELDS[name].join(str(v) for v in items))] if items else []
    if isinstance(value, list):
        return [Literal(str(v)) for v in value]
    if name == "iri":
        return [Literal(str(value), datatype=_XSD_ANY_URI)]
    if isinstance(value, bool | int):
        return [Literal(value)]
    if isinstance(value, float):
        return [_decimal(value)]
    return [Literal(str(value))]


_REFERENCE_TYPES = frozenset(
    {EntityType.THEME, EntityType.SDG, EntityType.MUNICIPALITY, EntityType.COUNTY}
)


def add_entity(g: _Graph, entity: Entity) -> None:
    """The entity's own triples: type(s), id, label, aliases, confidence, attributes."""
    iri = entity_iri(entity.id)
    g.add(iri, RDF_TYPE, _n(mapping.class_for(entity.type)))
    if entity.type is EntityType.THEME:
        g.add(iri, RDF_TYPE, _n(SKOS_CONCEPT))
    g.add(iri, SAM_ID, Literal(entity.id))
    g.add(iri, RDFS_LABEL, Literal(entity.name))
    for alias in entity.aliases:
        g.add(iri, SKOS_ALT_LABEL, Literal(alias))
    # Reference things (themes, SDGs, places) are certain; how sure a passage is about them
    # is the confidence of the relation that cites it, not a second value on the node.
    certain = entity.type in _REFERENCE_TYPES
    g.add(iri, SAM_CONFIDENCE, _decimal(1.0 if certain else entity.confidence))
    for name, value in sorted(entity.attributes.items()):
        predicate = mapping.attribute_predicate(name)
        for obj in _attribute_values(name, value):
            g.add(iri, predicate, obj)
    if entity.type is EntityType.SDG:
        add_sdg_targets(g, iri, entity.attributes.get("targets", []))


def add_sdg_targets(g: _Graph, goal_iri: str, targets: list[str]) -> None:
    """Each named target as the UN's own concept (``http://metadata.un.org/sdg/8.9``): a
    ``sam:SDGTarget`` whose ``skos:broader`` is its goal, so SPARQL can reach it by IRI."""
    for target in targets:
        t_iri = sdg_target_iri(target)
        g.add(t_iri, RDF_TYPE, _n(SAM + "SDGTarget"))
        g.add(t_iri, RDF_TYPE, _n(SKOS_CONCEPT))
        g.add(t_iri, RDFS_LABEL, Literal(target))
        g.add(t_iri, SKOS + "broader", _n(goal_iri))


def add_passage(g: _Graph, doc_id: str, start: int, end: int, quote: str | None) -> str:
    iri = passage_iri(doc_id, start, end)
    g.add(iri, RDF_TYPE, _n(SAM_PASSAGE))
    g.add(iri, SAM_DOCUMENT_PROP, _n(document_iri(doc_id)))
    g.add(iri, SAM_START, Literal(start))
    g.add(iri, SAM_END, Literal(end))
    if quote is not None:
        g.add(iri, SAM_QUOTE, Literal(quote))
    return iri


def add_document(g: _Graph, doc: Document) -> None:
    iri = document_iri(doc.id)
    g.add(iri, RDF_TYPE, _n(SAM_DOCUMENT))
    g.add(iri, RDF_TYPE, _n(PROV_ENTITY))
    g.add(iri, SAM_ID, Literal(doc.id))
    g.add(iri, DCTERMS_TITLE, Literal(doc.title))
    g.add(iri, DCTERMS_SOURCE, Literal(doc.url or doc.path))
    if doc.region:
        g.add(iri, SAM_REGION, Literal(doc.region))
    if doc.published_year is not None:
        g.add(iri, SAM_PUBLISHED_YEAR, Literal(doc.published_year))


def add_mention(g: _Graph, entity: Entity, m: Mention, text: str | None) -> None:
    quote = text[m.start : m.end] if text is not None and m.end <= len(text) else None
    passage = add_passage(g, m.document, m.start, m.end, quote)
    g.add(document_iri(m.document), mapping.predicate_for(_MENTIONS), _n(entity_iri(entity.id)))
    g.add(entity_iri(entity.id), SAM_MENTIONED_IN, _n(passage))


def add_relation(g: _Graph, rel: Relation, evidence: Iterable[Evidence]) -> None:
    """The direct triple plus the reified assertion with its evidence passages."""
    s, o = entity_iri(rel.source), entity_iri(rel.target)
    predicate = mapping.predicate_for(rel.type)
    g.add(s, predicate, _n(o))
    assertion = relation_iri(rel.type.value, rel.source, rel.target)
    g.add(assertion, RDF_TYPE, _n(SAM_ASSERTION))
    g.add(assertion, RDF_SUBJECT, _n(s))
    g.add(assertion, RDF_PREDICATE, _n(predicate))
    g.add(assertion, RDF_OBJECT, _n(o))
    g.add(assertion, SAM_CONFIDENCE, _decimal(rel.confidence))
    for ev in evidence:
        passage = add_passage(g, ev.document, ev.start, ev.end, ev.quote)
        g.add(assertion, PROV_WAS_DERIVED_FROM, _n(passage))


# --- per-document graphs ------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentGraphs:
    """Quads per named graph IRI, for the documents of one extraction."""

    graphs: dict[str, list[Quad]]
    doc_graph: dict[str, str]  # doc id → graph IRI


def relation_homes(
    extraction: Extraction, mentioned: Mapping[str, set[str]]
) -> dict[str, list[Relation]]:
    """Which document graphs hold each relation: those with evidence, else those naming an end."""
    homes: dict[str, list[Relation]] = defaultdict(list)
    known = {d.id for d in extraction.documents}
    for rel in extraction.relations:
        docs = {ev.document for ev in rel.evidence if ev.document in known}
        if not docs:
            docs = (mentioned.get(rel.source, set()) | mentioned.get(rel.target, set())) & known
        for doc_id in sorted(docs) or [UNSOURCED_GRAPH]:
            homes[doc_id].append(rel)
    return homes


def document_graphs(
    extraction: Extraction, texts: Mapping[str, str] | None = None
) -> DocumentGraphs:
    """Build every document's named graph (and the ``unsourced`` graph if needed).

    ``texts`` (doc id → original text) lets mention passages carry their quote.
    """
    mentioned: dict[str, set[str]] = defaultdict(set)
    for e in extraction.entities:
        for m in e.mentions:
            mentioned[e.id].add(m.document)
    homes = relation_homes(extraction, mentioned)
    graphs: dict[str, _Graph] = {}
    for doc in extraction.documents:
        graphs[doc.id] = _Graph(document_graph_iri(doc.id))
        add_document(graphs[doc.id], doc)
    for e in extraction.entities:
        for m in e.mentions:
            if m.document in graphs:
                add_mention(graphs[m.document], e, m, (texts or {}).get(m.document))
    for doc_id, rels in homes.items():
        if doc_id not in graphs:
            graphs[doc_id] = _Graph(reference_graph_iri(UNSOURCED_GRAPH))
        g = graphs[doc_id]
        for rel in rels:
            add_relation(g, rel, (ev for ev in rel.evidence if ev.document == doc_id))
            for end in (rel.source, rel.target):
                mentioned[end].add(doc_id)
    for e in extraction.entities:
        for doc_id in mentioned.get(e.id, set()) or {UNSOURCED_GRAPH}:
            if doc_id not in graphs:
                graphs[doc_id] = _Graph(reference_graph_iri(UNSOURCED_GRAPH))
            add_entity(graphs[doc_id], e)
    return DocumentGraphs(
        graphs={g.iri: list(g.quads()) for g in graphs.values()},
        doc_graph={d.id: document_graph_iri(d.id) for d in extraction.documents},
    )


# --- reference graphs ---------------------------------------------------------------------------


def _parsed(path: Path, graph_iri: str) -> list[Quad]:
    with path.open("rb") as fh:
        triples = list(parse(fh, format=RdfFormat.TURTLE))
    g = _n(graph_iri)
    return [Quad(t.subject, t.predicate, t.object, g) for t in triples]


def _area_graph(directory: Path) -> _Graph:
    g = _Graph(reference_graph_iri("areas"))
    codes = {
        m.attributes["code"]: m.id
        for m in reference_entities(directory)
        if m.type is EntityType.MUNICIPALITY
    }
    for name, area in sorted(area_sets(directory).items()):
        iri = geoset_iri(name)
        g.add(iri, RDF_TYPE, _n(SAM_GEOSET))
        g.add(iri, SAM_ID, Literal(f"geo:{name}"))
        g.add(iri, SAM_NAME, Literal(name))
        g.add(iri, RDFS_LABEL, Literal(area.label_sv, language="sv"))
        g.add(iri, RDFS_LABEL, Literal(area.label_en, language="en"))
        for code in sorted(area.codes):
            g.add(iri, SAM_INCLUDES, _n(entity_iri(codes[code])))
    return g


def reference_graphs(directory: Path = REFERENCE_DIR) -> dict[str, list[Quad]]:
    """Graph IRI → quads for the ontology, municipalities (+ counties), SDGs, themes, areas."""
    graphs = {
        name: _Graph(reference_graph_iri(name)) for name in ("municipalities", "sdg", "themes")
    }
    home = {
        EntityType.MUNICIPALITY: "municipalities",
        EntityType.COUNTY: "municipalities",
        EntityType.SDG: "sdg",
        EntityType.THEME: "themes",
    }
    for e in reference_entities(directory):
        add_entity(graphs[home[e.type]], e)
    out = {g.iri: list(g.quads()) for g in graphs.values()}
    out[reference_graph_iri("ontology")] = _parsed(ONTOLOGY_TTL, reference_graph_iri("ontology"))
    out[reference_graph_iri("themes")] += _parsed(THEMES_TTL, reference_graph_iri("themes"))
    areas = _area_graph(directory)
    out[areas.iri] = list(areas.quads())
    return out


def graph_hash(quads: Iterable[Quad]) -> str:
    """A stable hash of one graph's content (sorted N-Triples lines; no blank nodes here)."""
    lines = sorted(str(Triple(q.subject, q.predicate, q.object)) for q in quads)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def all_graphs(
    extraction: Extraction, texts: Mapping[str, str] | None = None
) -> dict[str, list[Quad]]:
    """Every named graph of a store built from this extraction."""
    return reference_graphs() | document_graphs(extraction, texts).graphs


__all__ = [
    "REFERENCE_GRAPHS",
    "UNSOURCED_GRAPH",
    "DocumentGraphs",
    "add_entity",
    "all_graphs",
    "document_graphs",
    "graph_hash",
    "reference_graphs",
]
