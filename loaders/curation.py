"""Curation: strategists' corrections, applied after extraction in every build (issue 3, step 8).

A curation file (``data/curation.yaml``, documented in ``docs/CURATION.md``) holds a list of
entries under ``curations:``. Each entry names an operation (``op``), the entities it touches
(by id such as ``org:umea-universitet`` or by name or alias, case-insensitive), and who made
it and why (both required). Operations: ``merge``, ``add_alias``, ``rename``, ``set_type``,
``drop``, ``add_relation``, ``remove_relation``.

Entries are applied in file order by :func:`apply_curation`, which also reports the
entries that no longer match anything (stale), so a rebuild after the extractor improved
shows which corrections can go. Relations added by curation carry confidence 1.0 and one
:class:`~ontology.model.Evidence` whose ``document`` is ``curation:<file name>``, whose
``start``/``end`` are the character offsets of the entry in the curation file and whose
``quote`` is the entry's YAML text: the same contract as for report passages
(``quote == text[start:end]``), with the curation file as the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from loaders.curation_ops import EntityGraph, RejectedEntryError, StaleEntryError
from loaders.errors import CurationError
from ontology.model import Document, EntityType, Evidence, Extraction, OrgType, RelationType

_ENTRY = ConfigDict(extra="forbid", frozen=True)
CURATION_PREFIX = "curation:"


class Position(BaseModel):
    """Where an entry stands in its file (filled by :func:`load_curation`)."""

    model_config = _ENTRY
    line: int  # 1-based first line
    start: int  # character offsets of the entry's text in the file
    end: int
    text: str


class _Entry(BaseModel):
    model_config = _ENTRY
    who: str = Field(min_length=1)
    why: str = Field(min_length=1)
    date: str | None = None
    position: Position | None = None


class Merge(_Entry):
    """Several extracted entities are one real thing; ``into`` (default: the first) survives."""

    op: Literal["merge"]
    entities: list[str] = Field(min_length=2)
    into: str | None = None


class AddAlias(_Entry):
    op: Literal["add_alias"]
    entity: str
    aliases: list[str] = Field(min_length=1)


class Rename(_Entry):
    """New display name; the old name is kept as an alias and the id stays stable."""

    op: Literal["rename"]
    entity: str
    name: str = Field(min_length=1)


class SetType(_Entry):
    """Change the entity type (the id prefix follows) and/or the organisation type."""

    op: Literal["set_type"]
    entity: str
    type: EntityType | None = None
    org_type: OrgType | None = None


class Drop(_Entry):
    """A false entity: removed with every relation touching it."""

    op: Literal["drop"]
    entity: str


class AddRelation(_Entry):
    op: Literal["add_relation"]
    type: RelationType
    source: str
    target: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class RemoveRelation(_Entry):
    op: Literal["remove_relation"]
    type: RelationType
    source: str
    target: str


Entry = Annotated[
    Merge | AddAlias | Rename | SetType | Drop | AddRelation | RemoveRelation,
    Field(discriminator="op"),
]


class Curation(BaseModel):
    """A parsed curation file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    version: int = 1
    entries: list[Entry] = Field(default_factory=list)

    @property
    def document_id(self) -> str:
        return CURATION_PREFIX + Path(self.path).name


class EntryResult(BaseModel):
    """One entry's outcome, printable as ``file:line: op — detail``."""

    model_config = _ENTRY
    line: int | None
    op: str
    detail: str

    def format(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line is not None else path
        return f"{where}: {self.op} — {self.detail}"


class CurationReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str
    applied: list[EntryResult] = Field(default_factory=list)
    stale: list[EntryResult] = Field(default_factory=list)  # match nothing any more
    rejected: list[EntryResult] = Field(default_factory=list)  # match, but cannot apply

    @property
    def unmatched(self) -> list[str]:
        """Entries needing attention (stale, then rejected), one formatted line each."""
        return [r.format(self.path) for r in [*self.stale, *self.rejected]]

    def lines(self) -> list[str]:
        """Human-readable lines, the ones that need attention first."""
        return [
            *(f"rejected: {r.format(self.path)}" for r in self.rejected),
            *(f"stale: {r.format(self.path)}" for r in self.stale),
            *(f"applied: {r.format(self.path)}" for r in self.applied),
        ]


# --- loading -----------------------------------------------------------------------------


def load_curation(path: Path) -> Curation:
    """Parse and validate ``path``; :class:`CurationError` names the file and line."""
    name = str(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise CurationError(name, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(name, f"cannot read curation file ({exc})") from None
    return parse_curation(text, name)


def parse_curation(text: str, name: str) -> Curation:
    """Parse curation YAML ``text`` read from ``name``."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CurationError(name, f"not valid YAML ({problem})", line) from None
    if data is None:
        return Curation(path=name)
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise CurationError(name, "expected a mapping with a 'curations:' list", 1)
    unknown = set(data) - {"version", "curations"}
    if unknown:
        raise CurationError(name, f"unknown top-level key(s): {', '.join(sorted(unknown))}", 1)
    raw_entries = data.get("curations") or []
    if not isinstance(raw_entries, list):
        raise CurationError(name, "'curations' must be a list of entries", 1)
    nodes = _entry_nodes(root)
    entries = [_entry(raw, node, text, name) for raw, node in zip(raw_entries, nodes, strict=True)]
    version = data.get("version", 1)
    if version != 1:
        raise CurationError(name, f"unsupported curation file version {version!r}", 1)
    return Curation(path=name, version=version, entries=entries)


def _entry_nodes(root: yaml.MappingNode) -> list[yaml.Node]:
    for key, value in root.value:
        if key.value == "curations" and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    return []


def _entry(raw: Any, node: yaml.Node, text: str, name: str) -> Entry:
    line = node.start_mark.line + 1
    if not isinstance(raw, dict):
        raise CurationError(name, "each curation entry must be a mapping with an 'op'", line)
    start = text.rfind("\n", 0, node.start_mark.index) + 1
    end = len(text[: node.end_mark.index].rstrip())
    position = Position(line=line, start=start, end=end, text=text[start:end])
    try:
        return _ADAPTER.validate_python({**raw, "position": position})
    except ValidationError as exc:
        raise CurationError(name, _explain(exc, raw), line) from None


def _explain(exc: ValidationError, raw: dict[str, Any]) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"][1:]) or "op"
    return f"{raw.get('op', '?')} entry: {where}: {first['msg']}"


_ADAPTER: TypeAdapter[Entry] = TypeAdapter(Entry)


# --- applying ----------------------------------------------------------------------------


def apply_curation(extraction: Extraction, curation: Curation) -> tuple[Extraction, CurationReport]:
    """Apply every entry of ``curation`` in order; stale entries are reported, not fatal."""
    graph = EntityGraph(extraction)
    report = CurationReport(path=curation.path)
    for entry in curation.entries:
        line = entry.position.line if entry.position else None
        try:
            detail = _apply(graph, entry, curation)
        except StaleEntryError as stale:
            report.stale.append(EntryResult(line=line, op=entry.op, detail=str(stale)))
        except RejectedEntryError as rejected:
            report.rejected.append(EntryResult(line=line, op=entry.op, detail=str(rejected)))
        else:
            report.applied.append(EntryResult(line=line, op=entry.op, detail=detail))
    documents = list(extraction.documents)
    if graph.used_curation_evidence and not any(d.id == curation.document_id for d in documents):
        documents.append(
            Document(
                id=curation.document_id, path=curation.path, title=f"Curation: {curation.path}"
            )
        )
    return graph.to_extraction(documents), report


def _apply(graph: EntityGraph, entry: Entry, curation: Curation) -> str:
    if isinstance(entry, Merge):
        return graph.merge(entry.entities, entry.into)
    if isinstance(entry, AddAlias):
        return graph.add_aliases(entry.entity, entry.aliases)
    if isinstance(entry, Rename):
        return graph.rename(entry.entity, entry.name)
    if isinstance(entry, SetType):
        return graph.set_type(entry.entity, entry.type, entry.org_type)
    if isinstance(entry, Drop):
        return graph.drop(entry.entity)
    if isinstance(entry, AddRelation):
        evidence = _evidence(entry, curation)
        return graph.add_relation(
            entry.type, entry.source, entry.target, entry.confidence, evidence
        )
    return graph.remove_relation(entry.type, entry.source, entry.target)


def _evidence(entry: AddRelation, curation: Curation) -> Evidence:
    position = entry.position or Position(line=0, start=0, end=0, text="")
    return Evidence(
        document=curation.document_id, start=position.start, end=position.end, quote=position.text
    )
