"""The ontology → store-name chain is derived once (ontology/mapping.py) and everything agrees.

Queries are text in their own languages, so they name labels, relationship types and
ontology terms literally; these tests make sure every name they use is one the mapping
derives from samverkan.ttl, so a renamed term cannot leave a query silently empty.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph import cypher, projections
from ontology import mapping
from ontology.model import RelationType
from ontology.vocab import ONTOLOGY_TTL, SAM, SAM_DOCUMENT, SAM_GEOSET, SAM_INCLUDES

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
SAM_TERM = re.compile(r"\bsam:([A-Za-z][A-Za-z0-9]*)")
# (n:Label), (:Label), [r:TYPE], [:TYPE|OTHER], [:TYPE*1..3]
CYPHER_LABEL = re.compile(r"\(\s*\w*\s*((?::\w+)+)")
CYPHER_REL = re.compile(r"\[\s*\w*\s*:\s*([A-Z_|:]+)")


def _sources(*patterns: str) -> dict[Path, str]:
    files = [p for pattern in patterns for p in sorted(ROOT.glob(pattern))]
    return {p: p.read_text("utf-8") for p in files}


def test_structural_names_come_from_the_ontology() -> None:
    assert mapping.structural_label(SAM_DOCUMENT) == cypher.DOCUMENT_LABEL
    assert mapping.structural_label(SAM_GEOSET) == cypher.GEOSET_LABEL
    assert mapping.structural_rel_type(SAM_INCLUDES) == cypher.INCLUDES
    assert mapping.rel_type_for(RelationType.MENTIONS) == cypher.MENTIONS
    assert mapping.reach_relations() == projections.REACH_RELATIONS


def test_every_sam_term_in_queries_is_declared() -> None:
    ontology = Graph().parse(ONTOLOGY_TTL, format="turtle")
    sources = _sources("queries/*.rq", "api/**/*.py", "queries/*.py")
    used = {(p.name, t) for p, text in sources.items() for t in SAM_TERM.findall(text)}
    assert len(used) > 20
    undeclared = [(f, t) for f, t in used if (URIRef(SAM + t), RDF.type, None) not in ontology]
    assert undeclared == []


def test_every_cypher_label_and_type_is_derived() -> None:
    labels = {*mapping.labels().values(), cypher.ENTITY_LABEL, cypher.DOCUMENT_LABEL}
    labels.add(cypher.GEOSET_LABEL)
    rel_types = {*mapping.rel_types().values(), cypher.INCLUDES}
    sources = _sources("queries/*.cypher")
    assert sources
    seen_labels, seen_types = set(), set()
    for path, text in sources.items():
        for group in CYPHER_LABEL.findall(text):
            seen_labels |= {(path.name, x) for x in group.split(":") if x}
        for group in CYPHER_REL.findall(text):
            seen_types |= {(path.name, x) for x in re.split(r"[|:]", group) if x}
    assert [x for x in seen_labels if x[1] not in labels] == []
    assert [x for x in seen_types if x[1] not in rel_types] == []
    assert {x for _, x in seen_types} >= {"MEMBER_OF", "LEADS", "CONTRIBUTES_TO"}
    assert {x for _, x in seen_labels} >= {"Organisation", "Arena", "Project", "SDG"}
