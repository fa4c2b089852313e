"""The only place identifiers and IRIs are minted.

Identifiers are readable and stable across rebuilds: ``<prefix>:<slug>`` where the
prefix names the entity type and the slug is lowercase ASCII (å/ä→a, ö→o, é→e).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from ontology.model import EntityType

BASE: Final = "https://w3id.org/samverkansgrafen/"
ONTOLOGY_NS: Final = BASE + "ontology#"
ID_NS: Final = BASE + "id/"
GRAPH_NS: Final = BASE + "graph/"
UN_SDG_NS: Final = "http://metadata.un.org/sdg/"

PREFIX: Final[dict[EntityType, str]] = {
    EntityType.ORGANISATION: "org",
    EntityType.ARENA: "arena",
    EntityType.PROJECT: "project",
    EntityType.MUNICIPALITY: "municipality",
    EntityType.COUNTY: "county",
    EntityType.STRATEGY: "strategy",
    EntityType.PRIORITY: "priority",
    EntityType.STRATEGIC_AREA: "strategic-area",
    EntityType.THEME: "theme",
    EntityType.SDG: "sdg",
    EntityType.EVENT: "event",
    EntityType.CONTACT_PERSON: "person",
}
TYPE_OF_PREFIX: Final[dict[str, EntityType]] = {v: k for k, v in PREFIX.items()}

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80


def slug(text: str) -> str:
    """Lowercase ASCII slug: ``slug("Umeå Universitet") == "umea-universitet"``."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    cut = _NON_SLUG.sub("-", ascii_text).strip("-")[:MAX_SLUG].rstrip("-")
    return cut or "x"


def make_id(entity_type: EntityType, *parts: str) -> str:
    """``make_id(EntityType.ORGANISATION, "Umeå universitet") == "org:umea-universitet"``."""
    return f"{PREFIX[entity_type]}:" + "--".join(slug(p) for p in parts)


def type_of(entity_id: str) -> EntityType:
    """The entity type encoded in an id's prefix; ValueError for an unknown prefix."""
    prefix = entity_id.split(":", 1)[0]
    if prefix not in TYPE_OF_PREFIX:
        raise ValueError(f"unknown id prefix in {entity_id!r}")
    return TYPE_OF_PREFIX[prefix]


def entity_iri(entity_id: str) -> str:
    """``org:umea-universitet`` → ``https://w3id.org/samverkansgrafen/id/org/umea-universitet``.

    SDG goals use the UN's own linked-data IRIs (``sdg:7`` → ``http://metadata.un.org/sdg/7``).
    """
    prefix, _, rest = entity_id.partition(":")
    if prefix == "sdg":
        return f"{UN_SDG_NS}{rest}"
    return f"{ID_NS}{prefix}/{rest}"


def sdg_target_iri(target: str) -> str:
    """A UN target number's linked-data IRI: ``"7.2"`` → ``http://metadata.un.org/sdg/7.2``."""
    goal, dot, rest = target.partition(".")
    if not (dot and goal.isdigit() and 1 <= int(goal) <= 17 and rest.isalnum()):
        raise ValueError(f"not an SDG target number: {target!r}")
    return f"{UN_SDG_NS}{target}"


def id_from_iri(iri: str) -> str:
    """Inverse of :func:`entity_iri`."""
    if iri.startswith(UN_SDG_NS):
        return "sdg:" + iri[len(UN_SDG_NS) :]
    if not iri.startswith(ID_NS):
        raise ValueError(f"not a Samverkansgrafen entity IRI: {iri}")
    prefix, _, rest = iri[len(ID_NS) :].partition("/")
    return f"{prefix}:{rest}"


def document_id(filename: str) -> str:
    """Document ids are the slug of the file stem: ``vasterbotten-resultat-2024``."""
    stem = filename.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return slug(stem)


def document_iri(doc_id: str) -> str:
    return f"{ID_NS}document/{doc_id}"


def document_graph_iri(doc_id: str) -> str:
    """The named graph holding one document's facts and provenance."""
    return f"{GRAPH_NS}document/{doc_id}"


def reference_graph_iri(name: str) -> str:
    """Reference graphs: ``ontology``, ``municipalities``, ``sdg``, ``themes``."""
    return f"{GRAPH_NS}reference/{name}"


def passage_iri(doc_id: str, start: int, end: int) -> str:
    return f"{ID_NS}passage/{doc_id}/{start}-{end}"


def relation_iri(rel_type: str, source: str, target: str) -> str:
    """IRI of the reified assertion of one relation (carries confidence and evidence)."""
    return f"{ID_NS}assertion/{rel_type}/{source.replace(':', '/')}/{target.replace(':', '/')}"
