"""The curation operations on a mutable working copy of an extraction (see ``loaders.curation``).

Entities are addressed by id or by name/alias (case-insensitive; names win over aliases).
An operation whose entities or relation cannot be found raises :class:`StaleEntryError`; one that
matches but cannot be carried out (e.g. a type whose required attributes are missing)
raises :class:`RejectedEntryError`. Either way the working copy is left unchanged by that entry.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ontology.ids import PREFIX, TYPE_OF_PREFIX
from ontology.model import (
    ATTRIBUTE_MODELS,
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    OrgType,
    Relation,
    RelationType,
)

RelationKey = tuple[str, str, str]


class StaleEntryError(Exception):
    """The entry no longer matches anything in the extraction."""


class RejectedEntryError(Exception):
    """The entry matches but cannot be applied as written."""


class EntityGraph:
    """Entities by id and relations by (type, source, target), in extraction order."""

    def __init__(self, extraction: Extraction) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in extraction.entities}
        self.relations: dict[RelationKey, Relation] = {}
        for relation in extraction.relations:
            self._put_relation(relation)
        self.used_curation_evidence = False

    def to_extraction(self, documents: list[Document]) -> Extraction:
        return Extraction(
            documents=documents,
            entities=list(self.entities.values()),
            relations=list(self.relations.values()),
        )

    # --- lookup ---------------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """The id of the one entity ``ref`` names; StaleEntryError when none or several do."""
        if ref in self.entities:
            return ref
        prefix, sep, _ = ref.partition(":")
        if sep and prefix in TYPE_OF_PREFIX:
            raise StaleEntryError(f"no entity with id {ref}")
        wanted = ref.casefold().strip()
        for field in ("name", "aliases"):
            found = [e.id for e in self.entities.values() if wanted in _names(e, field)]
            if len(found) == 1:
                return found[0]
            if found:
                raise StaleEntryError(f"{ref!r} is ambiguous: {', '.join(found)}; use an id")
        raise StaleEntryError(f"no entity named {ref!r}")

    # --- entity operations ------------------------------------------------------------

    def merge(self, refs: list[str], into: str | None) -> str:
        found: list[str] = []
        for ref in refs:
            try:
                entity_id = self.resolve(ref)
            except StaleEntryError:
                continue
            if entity_id not in found:
                found.append(entity_id)
        survivor = self.resolve(into) if into else (found[0] if found else None)
        others = [i for i in found if i != survivor]
        if survivor is None or not others:
            raise StaleEntryError(f"nothing left to merge among {', '.join(refs)}")
        for other in others:
            self._absorb(survivor, other)
        return f"merged {', '.join(others)} into {survivor}"

    def _absorb(self, survivor_id: str, other_id: str) -> None:
        survivor, other = self.entities[survivor_id], self.entities.pop(other_id)
        aliases = _unique([*survivor.aliases, other.name, *other.aliases], survivor.name)
        attributes = {**other.attributes, **survivor.attributes}
        mentions = list(dict.fromkeys([*survivor.mentions, *other.mentions]))
        confidence = max(survivor.confidence, other.confidence)
        try:
            merged = _rebuild(survivor, aliases=aliases, attributes=attributes)
        except ValidationError:  # the other's attributes do not fit the survivor's type
            merged = _rebuild(survivor, aliases=aliases)
        self.entities[survivor_id] = merged.model_copy(
            update={"mentions": mentions, "confidence": confidence}
        )
        self._repoint(other_id, survivor_id)

    def add_aliases(self, ref: str, aliases: list[str]) -> str:
        entity_id = self.resolve(ref)
        entity = self.entities[entity_id]
        new = [a for a in _unique(aliases, entity.name) if a not in entity.aliases]
        self.entities[entity_id] = _rebuild(entity, aliases=[*entity.aliases, *new])
        return f"{entity_id}: added {', '.join(new)}" if new else f"{entity_id}: already known"

    def rename(self, ref: str, name: str) -> str:
        entity_id = self.resolve(ref)
        entity = self.entities[entity_id]
        aliases = _unique([*entity.aliases, entity.name], name)
        self.entities[entity_id] = _rebuild(entity, name=name, aliases=aliases)
        return f"{entity_id}: {entity.name!r} → {name!r}"

    def set_type(self, ref: str, new_type: EntityType | None, org_type: OrgType | None) -> str:
        entity_id = self.resolve(ref)
        entity = self.entities[entity_id]
        target_type = new_type or entity.type
        if org_type is not None and target_type is not EntityType.ORGANISATION:
            raise RejectedEntryError("org_type applies to organisations only")
        fields = ATTRIBUTE_MODELS[target_type].model_fields
        attributes = {k: v for k, v in entity.attributes.items() if k in fields}
        if org_type is not None:
            attributes["org_type"] = org_type.value
        new_id = f"{PREFIX[target_type]}:{entity_id.partition(':')[2]}"
        try:
            changed = _rebuild(entity, id=new_id, type=target_type, attributes=attributes)
        except ValidationError as exc:
            raise RejectedEntryError(
                f"cannot make {entity_id} a {target_type.value}: {_first(exc)}"
            ) from None
        if new_id != entity_id:
            del self.entities[entity_id]
            if new_id in self.entities:  # the retyped entity already exists: one thing
                self.entities[entity_id] = changed.model_copy(update={"id": entity_id})
                self._absorb(new_id, entity_id)
                return f"{entity_id} merged into existing {new_id}"
            self.entities[new_id] = changed
            self._repoint(entity_id, new_id)
        else:
            self.entities[entity_id] = changed
        return f"{entity_id} → {new_id} ({target_type.value}{_org(org_type)})"

    def drop(self, ref: str) -> str:
        entity_id = self.resolve(ref)
        del self.entities[entity_id]
        touching = [k for k in self.relations if entity_id in (k[1], k[2])]
        for key in touching:
            del self.relations[key]
        return f"dropped {entity_id} and {len(touching)} relation(s)"

    # --- relation operations ------------------------------------------------------------

    def add_relation(
        self, rel_type: RelationType, source: str, target: str, confidence: float, ev: Evidence
    ) -> str:
        key = (rel_type.value, self.resolve(source), self.resolve(target))
        existing = self.relations.get(key)
        evidence = [*(existing.evidence if existing else []), ev]
        relation = Relation(
            type=rel_type, source=key[1], target=key[2], confidence=confidence, evidence=evidence
        )
        self.relations[key] = relation
        self.used_curation_evidence = True
        verb = "confirmed" if existing else "added"
        return f"{verb} {key[1]} {rel_type.value} {key[2]}"

    def remove_relation(self, rel_type: RelationType, source: str, target: str) -> str:
        key = (rel_type.value, self.resolve(source), self.resolve(target))
        if key not in self.relations:
            raise StaleEntryError(f"no relation {key[1]} {rel_type.value} {key[2]}")
        del self.relations[key]
        return f"removed {key[1]} {rel_type.value} {key[2]}"

    # --- helpers ------------------------------------------------------------------------

    def _put_relation(self, relation: Relation) -> None:
        """Add ``relation``, folding it into an existing one with the same key."""
        if relation.source == relation.target:
            return
        existing = self.relations.get(relation.key)
        if existing is not None:
            evidence = list(dict.fromkeys([*existing.evidence, *relation.evidence]))
            confidence = max(existing.confidence, relation.confidence)
            relation = existing.model_copy(update={"evidence": evidence, "confidence": confidence})
        self.relations[relation.key] = relation

    def _repoint(self, old: str, new: str) -> None:
        """Relations and id-valued attributes that named ``old`` now name ``new``."""
        relations = list(self.relations.values())
        self.relations = {}
        for relation in relations:
            source = new if relation.source == old else relation.source
            target = new if relation.target == old else relation.target
            self._put_relation(relation.model_copy(update={"source": source, "target": target}))
        for entity_id, entity in self.entities.items():
            if old in entity.attributes.values():
                attributes = {k: new if v == old else v for k, v in entity.attributes.items()}
                self.entities[entity_id] = _rebuild(entity, attributes=attributes)


def _names(entity: Entity, field: str) -> set[str]:
    values = [entity.name] if field == "name" else entity.aliases
    return {v.casefold().strip() for v in values}


def _unique(names: list[str], exclude: str) -> list[str]:
    """``names`` without case-insensitive duplicates and without ``exclude``."""
    seen = {exclude.casefold()}
    out = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def _rebuild(entity: Entity, **changes: Any) -> Entity:
    """A validated copy of ``entity`` (``model_copy`` would skip the attribute check)."""
    return Entity.model_validate({**entity.model_dump(), **changes})


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"


def _org(org_type: OrgType | None) -> str:
    return f", org_type {org_type.value}" if org_type else ""
