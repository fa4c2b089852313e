"""The name chain, derived once from ``samverkan.ttl``.

``EntityType.ORGANISATION`` → ``sam:Organisation`` → property-graph label ``Organisation``;
``RelationType.MEMBER_OF`` → ``sam:memberOf`` → relationship type ``MEMBER_OF``;
attribute field ``org_type`` → ``sam:orgType``. The Turtle file links each term to the model
with ``sam:modelName`` / ``sam:modelField``; labels are the class's local name and
relationship types the UPPER_SNAKE of the RelationType, so nothing is written twice.
``graph.triples`` (RDF) and ``graph.cypher`` (property graph) both read from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ontology.model import ATTRIBUTE_MODELS, EntityType, RelationType
from ontology.vocab import ONTOLOGY_TTL, SAM, SAM_MODEL_FIELD, SAM_MODEL_NAME

_LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_REL_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")

# Attributes whose value is an entity id: written as links to that entity's IRI.
ID_VALUED_FIELDS: frozenset[str] = frozenset(
    {"seat", "county", "priority", "strategy", "organisation", "place"}
)
# Attributes that are lists in the model but one joined string in stores.
JOINED_FIELDS: dict[str, str] = {"section_path": " › "}


@dataclass(frozen=True)
class Mapping:
    """Every entity type, relation type and attribute field with its ontology term."""

    classes: dict[EntityType, str]
    predicates: dict[RelationType, str]
    attributes: dict[str, str]

    def label_for(self, entity_type: EntityType) -> str:
        return local_name(self.classes[entity_type])


def local_name(iri: str) -> str:
    """The part after ``#`` or the last ``/``."""
    return re.split(r"[#/]", iri)[-1]


def model_fields() -> set[str]:
    """Every attribute field of every entity type's attribute model."""
    return {name for model in ATTRIBUTE_MODELS.values() for name in model.model_fields}


def _annotated(graph: Graph, annotation: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for subject, value in graph.subject_objects(URIRef(annotation)):
        if not isinstance(value, Literal) or not isinstance(subject, URIRef):
            raise ValueError(f"{ONTOLOGY_TTL.name}: {annotation} on {subject} must be a literal")
        key = str(value)
        if key in out:
            raise ValueError(f"{ONTOLOGY_TTL.name}: {key!r} is annotated on two terms")
        out[key] = str(subject)
    return out


@lru_cache(maxsize=2)
def load_mapping(path: Path = ONTOLOGY_TTL) -> Mapping:
    """Parse the ontology and check it covers the whole domain model."""
    graph = Graph()
    graph.parse(path, format="turtle")
    names = _annotated(graph, SAM_MODEL_NAME)
    fields = _annotated(graph, SAM_MODEL_FIELD)
    classes = {t: names.get(t.value, "") for t in EntityType}
    predicates = {r: names.get(r.value, "") for r in RelationType}
    missing = [k.value for k, v in (classes | predicates).items() if not v]
    missing += sorted(model_fields() - fields.keys())
    if missing:
        raise ValueError(f"{path.name}: no ontology term for {missing}")
    for t, iri in classes.items():
        if (URIRef(iri), RDF.type, OWL.Class) not in graph or not _LABEL_RE.match(local_name(iri)):
            raise ValueError(f"{path.name}: {iri} for {t.value} must be an owl:Class")
    return Mapping(classes=classes, predicates=predicates, attributes=fields)


def class_for(entity_type: EntityType) -> str:
    """``EntityType.ORGANISATION`` → ``https://w3id.org/samverkansgrafen/ontology#Organisation``."""
    return load_mapping().classes[entity_type]


def label_for(entity_type: EntityType) -> str:
    """The property-graph label: ``EntityType.STRATEGIC_AREA`` → ``StrategicArea``."""
    return load_mapping().label_for(entity_type)


def predicate_for(relation_type: RelationType) -> str:
    """``RelationType.MEMBER_OF`` → ``…/ontology#memberOf``."""
    return load_mapping().predicates[relation_type]


def rel_type_for(relation_type: RelationType) -> str:
    """The relationship type: ``RelationType.MEMBER_OF`` → ``MEMBER_OF``."""
    predicate_for(relation_type)  # the relation must exist in the ontology
    rel = relation_type.value.upper()
    if not _REL_TYPE_RE.match(rel):
        raise ValueError(f"relation type {relation_type.value!r} is not a safe identifier")
    return rel


def attribute_predicate(field: str) -> str:
    """``org_type`` → ``…/ontology#orgType``; ``description`` → ``dcterms:description``."""
    attributes = load_mapping().attributes
    if field not in attributes:
        raise KeyError(f"no ontology property for attribute field {field!r}")
    return attributes[field]


def entity_type_for_class(class_iri: str) -> EntityType:
    """Inverse of :func:`class_for`."""
    for entity_type, iri in load_mapping().classes.items():
        if iri == class_iri:
            return entity_type
    raise KeyError(f"no entity type for class {class_iri}")


def relation_type_for_predicate(predicate_iri: str) -> RelationType:
    """Inverse of :func:`predicate_for`."""
    for relation_type, iri in load_mapping().predicates.items():
        if iri == predicate_iri:
            return relation_type
    raise KeyError(f"no relation type for predicate {predicate_iri}")


@lru_cache(maxsize=1)
def _ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def _declared(term: str) -> URIRef:
    ref = URIRef(term)
    if (ref, RDF.type, None) not in _ontology_graph():
        raise KeyError(f"{term} is not declared in {ONTOLOGY_TTL.name}")
    return ref


def structural_label(class_iri: str) -> str:
    """The property-graph label of a non-entity class: ``sam:Document`` → ``Document``."""
    _declared(class_iri)
    label = local_name(class_iri)
    if not _LABEL_RE.match(label):
        raise ValueError(f"{class_iri} has no safe label")
    return label


def structural_rel_type(property_iri: str) -> str:
    """The relationship type of a non-relation property: ``sam:includes`` → ``INCLUDES``."""
    _declared(property_iri)
    rel = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local_name(property_iri)).upper()
    if not _REL_TYPE_RE.match(rel):
        raise ValueError(f"{property_iri} has no safe relationship type")
    return rel


def display_labels(term: str) -> dict[str, str]:
    """A term's ``rdfs:label`` per language, e.g. ``{"sv": "är medlem i", "en": "member of"}``."""
    graph = _ontology_graph()
    return {
        str(o.language): str(o)
        for o in graph.objects(URIRef(term), RDFS.label)
        if isinstance(o, Literal) and o.language
    }


def reach_relations() -> frozenset[RelationType]:
    """Relations through which a neighbour's place extends reach (sub-properties of
    ``sam:involvedIn``): an arena is "in" a municipality where its members, leaders or
    partners are located (docs/DESIGN.md, "Geographic reach")."""
    graph = _ontology_graph()
    involved = URIRef(SAM + "involvedIn")
    subs = {str(s) for s in graph.subjects(RDFS.subPropertyOf, involved)}
    return frozenset(r for r, iri in load_mapping().predicates.items() if iri in subs)


def labels() -> dict[EntityType, str]:
    """All property-graph labels, e.g. for creating one index per label."""
    return {t: label_for(t) for t in EntityType}


def rel_types() -> dict[RelationType, str]:
    """All relationship types."""
    return {r: rel_type_for(r) for r in RelationType}


__all__ = [
    "ID_VALUED_FIELDS",
    "JOINED_FIELDS",
    "SAM",
    "Mapping",
    "attribute_predicate",
    "class_for",
    "display_labels",
    "entity_type_for_class",
    "label_for",
    "labels",
    "load_mapping",
    "predicate_for",
    "reach_relations",
    "rel_type_for",
    "rel_types",
    "relation_type_for_predicate",
    "structural_label",
    "structural_rel_type",
]
