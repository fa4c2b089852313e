"""Namespaces and the few structural terms of the Samverkansgrafen ontology.

The class and property terms for entity types, relation types and attributes are not
listed here: ``ontology.mapping`` derives them from ``samverkan.ttl``, so the Turtle file
stays the one place they are declared. This module also renders ``themes.ttl`` from
``data/reference/themes.csv`` (``render_themes_ttl``) so the SKOS scheme cannot drift from
the CSV (a test compares the checked-in file with the rendering).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from ontology.ids import ID_NS, ONTOLOGY_NS, UN_SDG_NS, entity_iri
from ontology.reference import REFERENCE_DIR, themes

ONTOLOGY_DIR: Final = Path(__file__).resolve().parent
ONTOLOGY_TTL: Final = ONTOLOGY_DIR / "samverkan.ttl"
SHAPES_TTL: Final = ONTOLOGY_DIR / "shapes.ttl"
THEMES_TTL: Final = ONTOLOGY_DIR / "themes.ttl"

SAM: Final = ONTOLOGY_NS
RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
OWL: Final = "http://www.w3.org/2002/07/owl#"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
PROV: Final = "http://www.w3.org/ns/prov#"
DCTERMS: Final = "http://purl.org/dc/terms/"
ORG: Final = "http://www.w3.org/ns/org#"
SCHEMA: Final = "https://schema.org/"
SH: Final = "http://www.w3.org/ns/shacl#"

PREFIXES: Final[dict[str, str]] = {
    "sam": SAM,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "org": ORG,
    "schema": SCHEMA,
    "sdg": UN_SDG_NS,
    "samid": ID_NS,
}

# Structural terms (not entity types, relations or model attributes).
RDF_TYPE: Final = RDF + "type"
RDF_SUBJECT: Final = RDF + "subject"
RDF_PREDICATE: Final = RDF + "predicate"
RDF_OBJECT: Final = RDF + "object"
RDFS_LABEL: Final = RDFS + "label"
SKOS_CONCEPT: Final = SKOS + "Concept"
SKOS_ALT_LABEL: Final = SKOS + "altLabel"
SKOS_PREF_LABEL: Final = SKOS + "prefLabel"
SKOS_IN_SCHEME: Final = SKOS + "inScheme"
PROV_ENTITY: Final = PROV + "Entity"
PROV_WAS_DERIVED_FROM: Final = PROV + "wasDerivedFrom"
DCTERMS_TITLE: Final = DCTERMS + "title"
DCTERMS_SOURCE: Final = DCTERMS + "source"
DCTERMS_DESCRIPTION: Final = DCTERMS + "description"

SAM_DOCUMENT: Final = SAM + "Document"
SAM_PASSAGE: Final = SAM + "Passage"
SAM_ASSERTION: Final = SAM + "Assertion"
SAM_GEOSET: Final = SAM + "GeoSet"
SAM_ID: Final = SAM + "id"
SAM_CONFIDENCE: Final = SAM + "confidence"
SAM_MENTIONED_IN: Final = SAM + "mentionedIn"
SAM_DOCUMENT_PROP: Final = SAM + "document"
SAM_START: Final = SAM + "start"
SAM_END: Final = SAM + "end"
SAM_QUOTE: Final = SAM + "quote"
SAM_REGION: Final = SAM + "region"
SAM_PUBLISHED_YEAR: Final = SAM + "publishedYear"
SAM_NAME: Final = SAM + "name"
SAM_INCLUDES: Final = SAM + "includes"
SAM_THEMES_SCHEME: Final = SAM + "themes"
SAM_MODEL_NAME: Final = SAM + "modelName"
SAM_MODEL_FIELD: Final = SAM + "modelField"

GEO_NS: Final = ID_NS + "geo/"


def geoset_iri(name: str) -> str:
    """``inland`` → ``…/id/geo/inland``; ``county:vasterbottens-lan`` → ``…/geo/county/…``."""
    return GEO_NS + name.replace(":", "/")


def _turtle_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render_themes_ttl(directory: Path = REFERENCE_DIR) -> str:
    """The SKOS theme scheme as Turtle, from ``themes.csv`` (labels sv/en, keyword lexicon)."""
    lines = [
        "# Generated from data/reference/themes.csv by ontology.vocab.render_themes_ttl();",
        "# do not edit by hand (tests/ontology/test_ontology_ttl.py checks it is in sync).",
        f"@prefix sam: <{SAM}> .",
        f"@prefix skos: <{SKOS}> .",
        f"@prefix dcterms: <{DCTERMS}> .",
        "",
        "sam:themes a skos:ConceptScheme ;",
        '    skos:prefLabel "Teman"@sv, "Themes"@en ;',
        '    dcterms:source "data/reference/themes.csv" .',
    ]
    for t in themes(directory):
        lines.append("")
        lines.append(f"<{entity_iri(t.id)}> a sam:Theme, skos:Concept ;")
        lines.append("    skos:inScheme sam:themes ;")
        lines.append("    skos:topConceptOf sam:themes ;")
        labels = f"{_turtle_string(t.label_sv)}@sv, {_turtle_string(t.label_en)}@en"
        lines.append(f"    skos:prefLabel {labels} ;")
        if t.keywords:
            words = ", ".join(f"{_turtle_string(k)}@sv" for k in t.keywords)
            lines.append(f"    skos:hiddenLabel {words} ;")
        lines.append(f"    sam:id {_turtle_string(t.id)} .")
    return "\n".join(lines) + "\n"


__all__ = [
    "GEO_NS",
    "ONTOLOGY_TTL",
    "PREFIXES",
    "SAM",
    "SHAPES_TTL",
    "THEMES_TTL",
    "UN_SDG_NS",
    "geoset_iri",
    "render_themes_ttl",
]
