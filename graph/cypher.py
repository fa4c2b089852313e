"""Every Cypher statement the writer sends, built from the ontology's labels and types.

Labels and relationship types come from :func:`node_label` / :func:`rel_type` (the
ontology mapping), never from input: values travel only as ``$rows`` / ``$doc``
parameters. All statements stay in the subset Neo4j 5 and FalkorDB both run
(../shared/ENGINES.md): no label expressions, no EXISTS{} subqueries, no APOC, and both
ends of every write MATCH are labelled so the id index is used.

Evidence on a relationship is kept as parallel lists (``ev_documents``, ``ev_starts``,
``ev_ends``, ``ev_quotes``, docs/DESIGN.md). A write first drops the entries of the
documents the row speaks for, then appends the row's entries, so re-loading the same
extraction changes nothing and a document's evidence is replaced, not duplicated.
"""

from __future__ import annotations

import re
from typing import Final

from ontology import mapping
from ontology.model import EntityType, RelationType

ENTITY_LABEL: Final = "Entity"
DOCUMENT_LABEL: Final = "Document"
GEOSET_LABEL: Final = "GeoSet"
MENTIONS: Final = "MENTIONS"
INCLUDES: Final = "INCLUDES"
EVIDENCE_LISTS: Final = ("ev_documents", "ev_starts", "ev_ends", "ev_quotes")

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _checked(name: str) -> str:
    # Labels are spliced into query text, so refuse anything that is not a plain name.
    if not _IDENT.match(name):
        raise ValueError(f"not a safe Cypher label or type: {name!r}")
    return name


def node_label(entity_type: EntityType) -> str:
    """``EntityType.STRATEGIC_AREA`` → ``StrategicArea`` (from the ontology mapping)."""
    return _checked(mapping.label_for(entity_type))


def rel_type(relation: RelationType) -> str:
    """``RelationType.MEMBER_OF`` → ``MEMBER_OF`` (from the ontology mapping)."""
    return _checked(mapping.rel_type_for(relation))


def all_id_labels() -> list[str]:
    """Every label that gets an index (and a Neo4j uniqueness constraint) on ``id``."""
    return [ENTITY_LABEL, *(node_label(t) for t in EntityType), DOCUMENT_LABEL, GEOSET_LABEL]


# --- nodes -------------------------------------------------------------------------


def merge_entities(entity_type: EntityType) -> str:
    """Upsert entity nodes; ``documents`` is merged (this row's documents replace their own)."""
    label = node_label(entity_type)
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{ENTITY_LABEL}:{label} {{id: row.id}}) "
        "SET n += row.props "
        "SET n.documents = [d IN coalesce(n.documents, []) WHERE NOT d IN row.documents] "
        "+ row.documents"
    )


def merge_documents() -> str:
    return f"UNWIND $rows AS row MERGE (d:{DOCUMENT_LABEL} {{id: row.id}}) SET d += row.props"


def merge_geosets() -> str:
    return f"UNWIND $rows AS row MERGE (g:{GEOSET_LABEL} {{id: row.id}}) SET g += row.props"


def merge_includes() -> str:
    muni = node_label(EntityType.MUNICIPALITY)
    return (
        "UNWIND $rows AS row "
        f"MATCH (g:{GEOSET_LABEL} {{id: row.source}}) "
        f"MATCH (m:{muni} {{id: row.target}}) "
        f"MERGE (g)-[:{INCLUDES}]->(m)"
    )


def merge_mentions() -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (d:{DOCUMENT_LABEL} {{id: row.source}}) "
        f"MATCH (e:{ENTITY_LABEL} {{id: row.target}}) "
        f"MERGE (d)-[:{MENTIONS}]->(e)"
    )


# --- relationships -------------------------------------------------------------------

# Each evidence list's old value, by short name. Upsert and removal both filter all four
# by the same ``keep`` indexes: written once here so the parallel lists stay in step.
_OLD: Final = dict(zip(EVIDENCE_LISTS, ("od", "os", "oe", "oq"), strict=True))
_OLD_NAMES: Final = ", ".join(_OLD.values())


def _old_evidence() -> str:
    return ", ".join(f"coalesce(r.{name}, []) AS {old}" for name, old in _OLD.items())


def _kept_evidence(append_row: bool) -> str:
    """``SET`` items keeping the ``keep`` entries of each list, then the row's own entries."""
    return ", ".join(
        f"r.{name} = [i IN keep | {old}[i]]" + (f" + row.{name}" if append_row else "")
        for name, old in _OLD.items()
    )


def merge_relations(relation: RelationType, source: EntityType, target: EntityType) -> str:
    """Upsert one relationship type between two labels, merging documents and evidence."""
    keep = "[i IN range(0, size(od) - 1) WHERE NOT od[i] IN row.documents]"
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{node_label(source)} {{id: row.source}}) "
        f"MATCH (b:{node_label(target)} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel_type(relation)}]->(b) "
        f"WITH r, row, coalesce(r.documents, []) AS odocs, {_old_evidence()} "
        f"WITH r, row, odocs, {_OLD_NAMES}, {keep} AS keep "
        "SET r.confidence = row.confidence, "
        "r.documents = [d IN odocs WHERE NOT d IN row.documents] + row.documents, "
        f"{_kept_evidence(append_row=True)}"
    )


# --- per-document replacement -----------------------------------------------------------


def delete_document_mentions() -> str:
    return f"MATCH (d:{DOCUMENT_LABEL} {{id: $doc}})-[m:{MENTIONS}]->(:{ENTITY_LABEL}) DELETE m"


def delete_document_node() -> str:
    """Last step of a removal: the node (and its fingerprint) marks the work as unfinished."""
    return f"MATCH (d:{DOCUMENT_LABEL} {{id: $doc}}) DETACH DELETE d"


def delete_sole_relations() -> str:
    """Relationships only this document supports go away."""
    return f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) WHERE r.documents = [$doc] DELETE r"


def strip_document_from_relations() -> str:
    """Remove the document from shared relationships, with its evidence entries."""
    keep = "[i IN range(0, size(od) - 1) WHERE od[i] <> $doc]"
    return (
        f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) WHERE $doc IN r.documents "
        f"WITH r, {_old_evidence()} "
        f"WITH r, {_OLD_NAMES}, {keep} AS keep "
        "SET r.documents = [d IN r.documents WHERE d <> $doc], "
        f"{_kept_evidence(append_row=False)}"
    )


def strip_document_from_entities() -> str:
    return (
        f"MATCH (n:{ENTITY_LABEL}) WHERE $doc IN n.documents "
        "SET n.documents = [d IN n.documents WHERE d <> $doc]"
    )


def delete_sole_entities() -> str:
    """Entities only this document mentioned and nothing links to; reference nodes stay.

    Run after the document's MENTIONS and relationships are gone, so a node still linked
    by another document's relationship (or mention) survives.
    """
    return (
        f"MATCH (n:{ENTITY_LABEL}) WHERE n.documents = [$doc] "
        "AND coalesce(n.reference, false) = false AND NOT (n)--() DETACH DELETE n"
    )


def document_fingerprints() -> str:
    return f"MATCH (d:{DOCUMENT_LABEL}) RETURN d.id, d.fingerprint"


def delete_project_nodes() -> str:
    """Everything the writer wrote (and nothing else in a shared database): ``--fresh``."""
    labels = " OR ".join(f"n:{label}" for label in (ENTITY_LABEL, DOCUMENT_LABEL, GEOSET_LABEL))
    return f"MATCH (n) WHERE {labels} DETACH DELETE n"


# --- counts (tests, CLI summary) -----------------------------------------------------------


def count_nodes(label: str) -> str:
    return f"MATCH (n:{_checked(label)}) RETURN count(n)"


def count_relationships(type_name: str) -> str:
    return f"MATCH ()-[r:{_checked(type_name)}]->() RETURN count(r)"
