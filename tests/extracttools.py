"""Helpers shared by the loader tests that run the real pipeline on a text excerpt
(tests/ is on sys.path: `from extracttools import extract, works, orgs, related`)."""

from __future__ import annotations

from loaders.pipeline import extract_text_extraction
from ontology.model import EntityType, Extraction, RelationType


def extract(text: str) -> Extraction:
    """The whole extraction pipeline on one excerpt (no file, no curation)."""
    return extract_text_extraction(text, "excerpt")


def works(x: Extraction) -> dict[str, EntityType]:
    """Arena and project names with their types."""
    return {e.name: e.type for e in x.entities if e.type in (EntityType.ARENA, EntityType.PROJECT)}


def orgs(x: Extraction) -> set[str]:
    """Names of every organisation found."""
    return {e.name for e in x.entities if e.type is EntityType.ORGANISATION}


def related(x: Extraction, rtype: RelationType) -> set[tuple[str, str]]:
    """(source name, target name) of every relation of one type."""
    names = {e.id: e.name for e in x.entities}
    return {(names[r.source], names[r.target]) for r in x.relations if r.type is rtype}
