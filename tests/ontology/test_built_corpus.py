"""The real corpus, built as `samverkan build` builds it, against the ontology and the shapes.

One build of data/corpus/ per module (about 10 s on one core); its data graph (every named
graph except the ontology) is validated with pyshacl twice: as built, and with a few
deliberate breakages whose violations must be exactly the expected ones.
"""

from __future__ import annotations

import re

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH

from graph.store import open_current
from graph.validate import Violation, data_graph, violations_of
from ontology.vocab import ONTOLOGY_TTL, SAM, SHAPES_TTL
from samverkan.build import build_store
from samverkan.settings import Settings

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"\b0\d{1,3}[- ]\d{2,3}[ ]?\d{2}[ ]?\d{2}\b")


@pytest.fixture(scope="module")
def built_data(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    tmp = tmp_path_factory.mktemp("real-corpus")
    settings = Settings(_env_file=None, store_dir=tmp, upload_dir=tmp / "u", curation_file=None)
    report = build_store(settings, progress=False)
    assert report.errors == [] and len(report.documents) >= 5
    return data_graph(open_current(tmp).quads())


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def _langs(graph: Graph, term: URIRef, predicate: URIRef) -> set[str]:
    return {
        o.language for o in graph.objects(term, predicate) if isinstance(o, Literal) and o.language
    }


def test_real_corpus_validates_clean(built_data: Graph) -> None:
    violations = violations_of(built_data)
    assert violations == [], "\n".join(map(str, violations[:20]))


def test_every_term_used_is_declared_and_labelled(built_data: Graph, ontology: Graph) -> None:
    used = set(built_data.predicates()) | set(built_data.objects(None, RDF.type))
    assert len(used) > 40  # the corpus exercises most of the vocabulary
    missing = []
    for term in sorted(used, key=str):
        assert isinstance(term, URIRef)
        if str(term).startswith(SAM) and (term, RDF.type, None) not in ontology:
            missing.append(f"{term}: not declared")
        if not {"sv", "en"} <= _langs(ontology, term, RDFS.label):
            missing.append(f"{term}: no Swedish and English rdfs:label")
        if ontology.value(term, RDFS.comment) is None:
            missing.append(f"{term}: no rdfs:comment")
    assert missing == []


def test_every_declared_term_is_labelled_and_commented(ontology: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {s for k in kinds for s in ontology.subjects(RDF.type, k)}
    assert len(terms) > 60
    for term in terms:
        assert {"sv", "en"} <= _langs(ontology, term, RDFS.label), term  # type: ignore[arg-type]
        assert ontology.value(term, RDFS.comment) is not None, term


def test_ontology_has_no_blank_nodes(ontology: Graph) -> None:
    # The store decides whether a rebuild changed a graph by hashing its triples.
    assert not [t for t in ontology if any(isinstance(x, BNode) for x in t)]


def test_no_contact_details_by_default(built_data: Graph) -> None:
    assert not list(built_data.triples((None, URIRef(SAM + "phone"), None)))
    assert not list(built_data.triples((None, URIRef(SAM + "email"), None)))
    persons = set(built_data.subjects(RDF.type, URIRef(SAM + "ContactPerson")))
    assert persons  # the corpus names contact persons; their details must be gone
    quotes = [str(o) for o in built_data.objects(None, URIRef(SAM + "quote"))]
    assert not [q for q in quotes if _EMAIL.search(q) or _PHONE.search(q)]


def _one(graph: Graph, cls: str, *, having: URIRef | None = None) -> URIRef:
    for node in sorted(graph.subjects(RDF.type, URIRef(SAM + cls)), key=str):
        if having is None or (node, having, None) in graph:
            assert isinstance(node, URIRef)
            return node
    raise AssertionError(f"no {cls} in the built graph")


def _key(v: Violation) -> tuple[str, str]:
    return v.focus, (v.path or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def test_broken_graph_gives_the_expected_violations(built_data: Graph) -> None:
    broken = Graph()
    for triple in built_data:
        broken.add(triple)
    org = _one(broken, "Organisation")
    broken.remove((org, RDFS.label, None))
    member = next(
        a
        for a in sorted(broken.subjects(RDF.predicate, URIRef(SAM + "memberOf")), key=str)
        if (a, PROV.wasDerivedFrom, None) in broken
    )
    broken.remove((member, PROV.wasDerivedFrom, None))
    area = _one(broken, "StrategicArea")
    broken.remove((area, URIRef(SAM + "priority"), None))
    muni = _one(broken, "Municipality")
    broken.set((muni, URIRef(SAM + "code"), Literal("248")))
    passage = _one(broken, "Passage")
    broken.remove((passage, URIRef(SAM + "document"), None))
    sdg = URIRef("http://metadata.un.org/sdg/7")
    broken.set((sdg, URIRef(SAM + "goal"), Literal(18)))
    person = _one(broken, "ContactPerson")
    broken.remove((person, URIRef(SAM + "mentionedIn"), None))

    found = {_key(v) for v in violations_of(broken)}
    assert found == {
        (str(org), "label"),
        (str(member), "wasDerivedFrom"),  # a fact without a passage
        (str(area), "priority"),
        (str(muni), "code"),
        (str(passage), "document"),
        (str(sdg), "goal"),
        (str(person), "mentionedIn"),
    }


def test_shapes_require_the_core_properties_of_each_class() -> None:
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    required: dict[str, set[str]] = {}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        paths: set[str] = set()
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.minCount) is not None:
                paths.add(str(shapes.value(prop, SH.path)).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        for cls in shapes.objects(shape, SH.targetClass):
            required.setdefault(str(cls).rsplit("#", 1)[-1], set()).update(paths)
    expected = {
        "Document": {"id", "title", "source"},
        "Passage": {"document", "start", "end"},
        "Organisation": {"id", "label", "mentionedIn"},
        "Arena": {"id", "label", "mentionedIn"},
        "Project": {"id", "label", "mentionedIn"},
        "Municipality": {"id", "label", "code", "county", "countyCode"},
        "County": {"id", "label", "code"},
        "SDG": {"id", "label", "goal", "nameSv", "nameEn"},
        "Theme": {"id", "label", "labelSv", "labelEn"},
        "Priority": {"id", "label", "strategy", "mentionedIn"},
        "StrategicArea": {"id", "label", "priority", "mentionedIn"},
        "ContactPerson": {"id", "label", "organisation", "mentionedIn"},
        "Assertion": {"subject", "predicate", "object", "confidence"},
    }
    for name, props in expected.items():
        have = required.get(name, set())
        assert props <= have, (name, props - have)
