"""SHACL validation of the store's data with pyshacl and ontology/shapes.ttl.

The data graph is the set union of every named graph except the ontology itself (the
ontology describes classes; the shapes describe instances).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Quad, RdfFormat, serialize
from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graph.store import StoreHandle
from ontology.ids import reference_graph_iri
from ontology.vocab import SHAPES_TTL


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message and the shape."""

    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None
    value: str | None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


def data_graph(quads: Iterable[Quad]) -> Graph:
    """An rdflib Graph (a set) of the triples of ``quads``, minus the ontology graph."""
    ontology = reference_graph_iri("ontology")
    triples = [q.triple for q in quads if getattr(q.graph_name, "value", None) != ontology]
    graph = Graph()
    graph.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def _text(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate)
    return None if value is None else str(value)


def violations_of(data: Graph) -> list[Violation]:
    """Run the shapes on ``data``; every result as a Violation (empty when it conforms)."""
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    _, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    assert isinstance(results, Graph)
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = _text(results, result, SH.resultSeverity) or str(SH.Violation)
        out.append(
            Violation(
                focus=_text(results, result, SH.focusNode) or "",
                path=_text(results, result, SH.resultPath),
                message=_text(results, result, SH.resultMessage) or "",
                severity=severity.rsplit("#", 1)[-1],
                shape=_text(results, result, SH.sourceShape),
                value=_text(results, result, SH.value),
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path or "", v.message))


def validate_store(handle: StoreHandle) -> list[Violation]:
    """The SHACL violations of a served snapshot (empty list: it conforms)."""
    return violations_of(data_graph(handle.quads()))


__all__ = ["Violation", "data_graph", "validate_store", "violations_of"]
