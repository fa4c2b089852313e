"""The ontology, the SHACL shapes, the SKOS themes and the mapping derived from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, RDF, RDFS, SH

from graph.store import open_current
from graph.validate import data_graph, validate_store, violations_of
from ontology import mapping
from ontology.model import EntityType, RelationType
from ontology.vocab import ONTOLOGY_TTL, SHAPES_TTL, THEMES_TTL, render_themes_ttl

ORG = "http://www.w3.org/ns/org#"
SAM = "https://w3id.org/samverkansgrafen/ontology#"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def langs(graph: Graph, term: str, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(URIRef(term), predicate) if isinstance(o, RdfLiteral)}


def test_every_model_term_has_swedish_and_english_labels(ontology: Graph) -> None:
    terms = [mapping.class_for(t) for t in EntityType]
    terms += [mapping.predicate_for(r) for r in RelationType]
    terms += [mapping.attribute_predicate(f) for f in sorted(mapping.model_fields())]
    for term in terms:
        assert {"sv", "en"} <= langs(ontology, term, RDFS.label), term
    for term in terms[: len(EntityType) + len(RelationType)]:
        assert ontology.value(URIRef(term), RDFS.comment) is not None, term


def test_alignment_to_well_known_vocabularies(ontology: Graph) -> None:
    def sub(a: str, b: str, p: URIRef = RDFS.subClassOf) -> bool:
        return (URIRef(a), p, URIRef(b)) in ontology

    assert sub(mapping.class_for(EntityType.ORGANISATION), ORG + "Organization")
    assert sub(mapping.class_for(EntityType.ARENA), ORG + "OrganizationalCollaboration")
    assert sub(mapping.class_for(EntityType.PROJECT), "https://schema.org/Project")
    assert sub(mapping.class_for(EntityType.THEME), "http://www.w3.org/2004/02/skos/core#Concept")
    assert sub(SAM + "Document", "http://www.w3.org/ns/prov#Entity")
    assert sub(SAM + "Passage", "http://www.w3.org/ns/prov#Entity")
    assert sub(mapping.predicate_for(RelationType.MEMBER_OF), ORG + "memberOf", RDFS.subPropertyOf)
    for r in RelationType:
        assert (URIRef(mapping.predicate_for(r)), RDF.type, OWL.ObjectProperty) in ontology


def test_mapping_names_the_chain() -> None:
    assert mapping.label_for(EntityType.STRATEGIC_AREA) == "StrategicArea"
    assert mapping.rel_type_for(RelationType.MEMBER_OF) == "MEMBER_OF"
    assert mapping.predicate_for(RelationType.TARGETS_PLACE) == SAM + "targetsPlace"
    assert mapping.attribute_predicate("region10_member") == SAM + "region10Member"
    assert mapping.attribute_predicate("description") == "http://purl.org/dc/terms/description"
    for t in EntityType:
        assert mapping.entity_type_for_class(mapping.class_for(t)) is t
    for r in RelationType:
        assert mapping.relation_type_for_predicate(mapping.predicate_for(r)) is r
    with pytest.raises(KeyError, match="phone_number"):
        mapping.attribute_predicate("phone_number")


def test_an_ontology_missing_a_term_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    text = ONTOLOGY_TTL.read_text(encoding="utf-8").replace('sam:modelName "leads"', "")
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="leads"):
        mapping.load_mapping(broken)


def test_every_entity_class_has_a_shape() -> None:
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    targeted = {str(o) for o in shapes.objects(None, SH.targetClass)}
    missing = {mapping.class_for(t) for t in EntityType} - targeted
    assert not missing
    assert {SAM + c for c in ("Document", "Passage", "Assertion", "GeoSet")} <= targeted


def test_themes_ttl_is_in_sync_with_the_csv() -> None:
    assert THEMES_TTL.read_text(encoding="utf-8") == render_themes_ttl()
    themes = Graph().parse(THEMES_TTL, format="turtle")
    energi = URIRef("https://w3id.org/samverkansgrafen/id/theme/energi")
    skos = "http://www.w3.org/2004/02/skos/core#"
    assert {"sv", "en"} == langs(themes, str(energi), URIRef(skos + "prefLabel"))
    assert RdfLiteral("vätgas", lang="sv") in set(
        themes.objects(energi, URIRef(skos + "hiddenLabel"))
    )


def test_built_graph_validates_clean(mini_store_dir: Path) -> None:
    violations = validate_store(open_current(mini_store_dir))
    assert violations == [], "\n".join(map(str, violations[:10]))


def test_shapes_catch_broken_data(mini_store_dir: Path) -> None:
    handle = open_current(mini_store_dir)
    sam = SAM
    passage = NamedNode("https://w3id.org/samverkansgrafen/id/passage/x/1-2")
    extra = [
        Quad(passage, NamedNode(str(RDF.type)), NamedNode(sam + "Passage")),
        Quad(NamedNode("http://metadata.un.org/sdg/7"), NamedNode(sam + "goal"), Literal(18)),
        Quad(
            NamedNode("https://w3id.org/samverkansgrafen/id/org/x"),
            NamedNode(str(RDF.type)),
            NamedNode(sam + "Organisation"),
        ),
    ]
    found = violations_of(data_graph([*handle.quads(), *extra]))
    foci = {(v.focus.rsplit("/", 1)[-1], (v.path or "").rsplit("#", 1)[-1]) for v in found}
    assert {("1-2", "document"), ("1-2", "start"), ("7", "goal"), ("x", "id")} <= foci
