"""The embedded RDF store: pyoxigraph snapshots on disk, swapped atomically.

Layout (docs/DESIGN.md, "Store directory")::

    store_dir/
      current -> snap-3          symlink, replaced atomically after a complete build
      snap-3/oxigraph/           pyoxigraph store: one named graph per document + reference graphs
      snap-3/extraction.json     the Extraction this snapshot was built from
      snap-3/manifest.json       {version, built_at, documents, graphs, counts}
      .snap-4.tmp-<pid>/         a build in progress (never read; removed if left by a crash)

A build writes a whole new snapshot aside and only then moves ``current``: readers never
see a half-written store, and a killed build leaves the served one intact. The graphs are
streamed into one bulk load, one document graph at a time, so the build's memory does not
grow with the corpus; their content hashes tell which graphs were added, replaced, kept or
removed, and a build whose hashes all equal the served ones is discarded (no new version).
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import shutil
import threading
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from typing import Literal as TypingLiteral

from pydantic import BaseModel
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
)

from graph.triples import (
    UNSOURCED_GRAPH,
    document_graphs,
    graph_hash,
    reference_graphs,
    relation_homes,
)
from ontology import mapping
from ontology.ids import document_graph_iri
from ontology.model import Document, Entity, EntityType, Extraction, Mention, Relation, RelationType
from ontology.vocab import PREFIXES, RDF_PREDICATE, SAM_ASSERTION, SAM_DOCUMENT, SAM_ID, XSD

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

CURRENT: Final = "current"
OXIGRAPH: Final = "oxigraph"
MANIFEST: Final = "manifest.json"
EXTRACTION: Final = "extraction.json"
LOCK: Final = ".lock"
KEEP_SNAPSHOTS: Final = 3  # the served one plus two older ones still open in readers

Term = NamedNode | BlankNode | Literal | Triple
BindingValue = str | int | float | bool | NamedNode | Literal
GraphCallback = Callable[[str], None]


class StoreError(Exception):
    """A store directory that is missing, corrupt or locked; the message names the path."""


class QueryTimeoutError(StoreError):
    """A query that ran longer than its time limit."""


class DocumentEntry(BaseModel):
    path: str
    sha256: str | None = None
    graph_hash: str


class Manifest(BaseModel):
    version: int
    built_at: str
    documents: dict[str, DocumentEntry]
    graphs: dict[str, str]  # graph IRI → content hash (documents and reference graphs)
    counts: dict[str, Any]


@dataclass(frozen=True)
class WriteReport:
    """What a write did: the served version and which graphs changed."""

    version: int
    changed: bool
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)


# --- query results ----------------------------------------------------------------------------

_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def to_python(term: Term | None) -> Any:
    """An RDF term as a plain value: IRI → str, typed literal → int/float/bool/str."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, NamedNode | BlankNode):
        return term.value
    return str(term)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


@dataclass(frozen=True)
class QueryResult:
    """A materialised result: SELECT rows, an ASK boolean or CONSTRUCT/DESCRIBE triples."""

    kind: TypingLiteral["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    truncated: bool = False

    def dicts(self) -> list[dict[str, Any]]:
        """SELECT rows as ``{variable: python value}`` (unbound → None)."""
        return [
            {v: to_python(t) for v, t in zip(self.variables, row, strict=True)} for row in self.rows
        ]

    def to_sparql_json(self) -> dict[str, Any]:
        """The SPARQL 1.1 Query Results JSON form (SELECT and ASK)."""
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        bindings = [
            {v: _json_term(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}


def _term(value: BindingValue) -> NamedNode | Literal:
    if isinstance(value, NamedNode | Literal):
        return value
    return Literal(value)


_IRI_CHARS_END = frozenset('<>"{}|^`\\ \t\r\n')


def _skip_string(q: str, i: int) -> int:
    """Index just past the string literal starting at ``q[i]`` (a quote)."""
    quote = q[i]
    long = q.startswith(quote * 3, i)
    delim = quote * 3 if long else quote
    j = i + len(delim)
    while j < len(q):
        if q[j] == "\\":
            j += 2
            continue
        if q.startswith(delim, j):
            return j + len(delim)
        if not long and q[j] == "\n":
            break
        j += 1
    raise SyntaxError(f"unterminated string literal at offset {i} of the query")


def _skip_iri(q: str, i: int) -> int:
    """Index past ``<…>`` if ``q[i]`` opens an IRI, else ``i + 1`` (a less-than sign)."""
    j = i + 1
    while j < len(q) and q[j] not in _IRI_CHARS_END:
        j += 1
    return j + 1 if j < len(q) and q[j] == ">" else i + 1


def substitute(query: str, bindings: Mapping[str, BindingValue]) -> tuple[str, set[str]]:
    """Replace ``$name`` variables by the bound RDF terms (outside strings, IRIs, comments).

    Terms are serialised by pyoxigraph (escaped literals, validated IRIs), so a value can
    never change the query's structure. Returns the query and the names it replaced.
    """
    out: list[str] = []
    used: set[str] = set()
    i = 0
    while i < len(query):
        c = query[i]
        if c in "\"'":
            j = _skip_string(query, i)
        elif c == "<":
            j = _skip_iri(query, i)
        elif c == "#":
            nl = query.find("\n", i)
            j = len(query) if nl < 0 else nl
        elif c == "$":
            j = i + 1
            while j < len(query) and (query[j].isalnum() or query[j] == "_"):
                j += 1
            name = query[i + 1 : j]
            if name in bindings:
                out.append(str(_term(bindings[name])))
                used.add(name)
                i = j
                continue
        else:
            j = i + 1
        out.append(query[i:j])
        i = j
    return "".join(out), used


# --- reading ------------------------------------------------------------------------------------


def _read_manifest(snapshot: Path) -> Manifest:
    path = snapshot / MANIFEST
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable manifest ({exc})") from exc


def current_snapshot(store_dir: Path) -> Path | None:
    """The snapshot ``current`` points to, or None before the first build."""
    link = Path(store_dir) / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    return link.resolve()


def current_version(store_dir: Path) -> int | None:
    """The served version (cheap: reads the symlink and the manifest)."""
    snapshot = current_snapshot(store_dir)
    return None if snapshot is None else _read_manifest(snapshot).version


class StoreHandle:
    """A read-only view of one snapshot. Queries see the union of all named graphs."""

    def __init__(self, snapshot: Path) -> None:
        self.path = snapshot
        self.manifest = _read_manifest(snapshot)
        try:
            self._store = Store.read_only(str(snapshot / OXIGRAPH))
        except OSError as exc:
            raise StoreError(f"{snapshot / OXIGRAPH}: cannot open the RDF store ({exc})") from exc

    @property
    def version(self) -> int:
        return self.manifest.version

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, BindingValue] | None = None,
        timeout_s: float | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query with parameters bound safely.

        ``bindings`` fill ``$name`` variables (any position where a term may stand, e.g.
        inside FILTER); a name only present as ``?name`` is bound with pyoxigraph's
        ``substitutions=`` (which requires it to be projected). ``timeout_s`` bounds the wall
        time the caller waits (pyoxigraph cannot cancel, so the evaluation is abandoned).
        """
        text, used = substitute(sparql, bindings or {})
        rest = {Variable(k): _term(v) for k, v in (bindings or {}).items() if k not in used}
        box: dict[str, Any] = {}
        deadline = None if timeout_s is None else time.monotonic() + timeout_s

        def run() -> None:
            try:
                box["result"] = self._evaluate(text, rest, max_rows, deadline)
            except BaseException as exc:  # re-raised in the caller's thread
                # pyoxigraph result iterators must be dropped on the thread that made them:
                # clear this thread's frames so the traceback keeps no reference to one.
                traceback.clear_frames(exc.__traceback__)
                box["error"] = exc

        if timeout_s is None:
            run()
        else:
            worker = threading.Thread(target=run, daemon=True, name="sparql-query")
            worker.start()
            worker.join(timeout_s)
            if worker.is_alive():
                raise QueryTimeoutError(f"SPARQL query exceeded its time limit of {timeout_s:g} s")
        if "error" in box:
            raise box["error"]
        result: QueryResult = box["result"]
        return result

    def _evaluate(
        self,
        text: str,
        substitutions: dict[Variable, NamedNode | Literal],
        max_rows: int | None,
        deadline: float | None,
    ) -> QueryResult:
        raw = self._store.query(
            text,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=substitutions or None,  # type: ignore[arg-type]
        )
        if isinstance(raw, QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(raw))
        items: list[Any] = []
        truncated = False
        for item in raw:
            if max_rows is not None and len(items) >= max_rows:
                truncated = True
                break
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeoutError("SPARQL query exceeded its time limit")
            items.append(item)
        if isinstance(raw, QueryTriples):
            return QueryResult(kind="graph", triples=items, truncated=truncated)
        assert isinstance(raw, QuerySolutions)
        names = [v.value for v in raw.variables]
        rows = [tuple(sol[name] for name in names) for sol in items]
        return QueryResult(kind="select", variables=names, rows=rows, truncated=truncated)

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """All quads, or those of one named graph."""
        g = None if graph is None else NamedNode(graph)
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def counts(self) -> dict[str, Any]:
        """Quads, distinct triples, graphs, documents, entities per label, relations per type."""
        return compute_counts(self._store)

    @cached_property
    def extraction(self) -> Extraction:
        """The Extraction this snapshot was built from (networkx and Cypher loaders read it)."""
        path = self.path / EXTRACTION
        return Extraction.model_validate_json(path.read_text(encoding="utf-8"))


def open_current(store_dir: Path) -> StoreHandle:
    """A read-only handle on the served snapshot; StoreError if nothing was built yet."""
    snapshot = current_snapshot(store_dir)
    if snapshot is None or not snapshot.is_dir():
        raise StoreError(f"{store_dir}: no built store (run `samverkan build` first)")
    return StoreHandle(snapshot)


def _count(store: Store, sparql: str) -> dict[str, int]:
    result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return {to_python(row["k"]): int(to_python(row["n"])) for row in result}


def compute_counts(store: Store) -> dict[str, Any]:
    quads = _count(store, 'SELECT ("q" AS ?k) (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }')
    triples = _count(
        store, 'SELECT ("t" AS ?k) (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }'
    )
    classes = {mapping.class_for(t): mapping.label_for(t) for t in EntityType}
    by_class = _count(
        store,
        f"SELECT ?k (COUNT(DISTINCT ?e) AS ?n) {{ ?e a ?k ; <{SAM_ID}> ?id }} GROUP BY ?k",
    )
    predicates = {mapping.predicate_for(r): r.value for r in RelationType}
    by_predicate = _count(
        store,
        f"SELECT ?k (COUNT(DISTINCT ?a) AS ?n) {{ ?a a <{SAM_ASSERTION}> ; <{RDF_PREDICATE}> ?k }}"
        " GROUP BY ?k",
    )
    docs = _count(
        store, f'SELECT ("d" AS ?k) (COUNT(DISTINCT ?d) AS ?n) {{ ?d a <{SAM_DOCUMENT}> }}'
    )
    entities = {label: by_class.get(iri, 0) for iri, label in classes.items()}
    relations = {name: by_predicate.get(iri, 0) for iri, name in predicates.items()}
    return {
        "quads": quads.get("q", 0),
        "triples": triples.get("t", 0),
        "graphs": sum(1 for _ in store.named_graphs()),
        "documents": docs.get("d", 0),
        "entities": entities,
        "relations": relations,
    }


# --- writing ---------------------------------------------------------------------------------


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock across processes (the OS drops it if the holder is killed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _locked(store_dir: Path) -> contextlib.AbstractContextManager[None]:
    """One writer at a time (CLI build and API upload may race)."""
    return file_lock(store_dir / LOCK)


def _snapshots(store_dir: Path) -> list[tuple[int, Path]]:
    out = []
    for p in store_dir.glob("snap-*"):
        suffix = p.name.removeprefix("snap-")
        if suffix.isdigit() and p.is_dir():
            out.append((int(suffix), p))
    return sorted(out)


def _clean(store_dir: Path, keep: int) -> None:
    """Remove crashed builds' temp dirs and snapshots beyond the newest ``keep``."""
    for tmp in store_dir.glob(".snap-*.tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)
    served = current_snapshot(store_dir)
    for _, path in _snapshots(store_dir)[:-keep]:
        if served is None or path.resolve() != served:
            shutil.rmtree(path, ignore_errors=True)


def _swap_current(store_dir: Path, snapshot: Path) -> None:
    tmp_link = store_dir / f".current.tmp-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    tmp_link.symlink_to(snapshot.name)
    os.replace(tmp_link, store_dir / CURRENT)  # atomic on POSIX


# One document graph at a time: graph.triples.document_graphs builds every graph at once
# (3.8 M quads, several GB of Python objects for 1,000 documents). Cut the extraction into
# parts so that document_graphs(part) is exactly one of those graphs, and stream them.


@dataclass
class _Parts:
    """Where each fact of an extraction lands, computed once for the whole extraction."""

    documents: dict[str, Document]  # doc id → document (the last one wins, as in triples.py)
    mentions: dict[str, dict[int, list[Mention]]]  # graph key → entity position → mentions
    homes: dict[str, list[Relation]]  # graph key (doc id or "unsourced") → its relations
    reach: dict[str, set[str]]  # entity id → graph keys it is written to
    positions: dict[str, list[int]]  # entity id → positions in extraction.entities


def _index_parts(extraction: Extraction) -> _Parts:
    mentions: dict[str, dict[int, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    mentioned: dict[str, set[str]] = defaultdict(set)
    positions: dict[str, list[int]] = defaultdict(list)
    for pos, entity in enumerate(extraction.entities):
        positions[entity.id].append(pos)
        for m in entity.mentions:
            mentions[m.document][pos].append(m)
            mentioned[entity.id].add(m.document)
    # The same rule document_graphs applies: evidence first, else the documents naming an end.
    homes = relation_homes(extraction, mentioned)
    reach = {k: set(v) for k, v in mentioned.items()}
    for key, relations in homes.items():
        for rel in relations:
            reach.setdefault(rel.source, set()).add(key)
            reach.setdefault(rel.target, set()).add(key)
    documents = {d.id: d for d in extraction.documents}
    return _Parts(documents, mentions, homes, reach, positions)


def _entities_of(
    extraction: Extraction, parts: _Parts, ids: Iterable[str], mentions: Mapping[int, list[Mention]]
) -> list[Entity]:
    """The entities with these ids, each with only the given mentions (none if absent)."""
    chosen = sorted(pos for i in ids for pos in parts.positions.get(i, ()))
    out = []
    for pos in chosen:
        entity = extraction.entities[pos]
        own = mentions.get(pos, [])
        same = len(own) == len(entity.mentions)
        out.append(entity if same else entity.model_copy(update={"mentions": own}))
    return out


def _document_part(extraction: Extraction, parts: _Parts, doc_id: str) -> Extraction:
    """The facts of one document's graph: its mentions, its relations and their ends."""
    relations = parts.homes.get(doc_id, [])
    mentions = parts.mentions.get(doc_id, {})
    ids = {extraction.entities[pos].id for pos in mentions}
    ids.update(end for rel in relations for end in (rel.source, rel.target))
    return Extraction.model_construct(
        documents=[parts.documents[doc_id]],
        entities=_entities_of(extraction, parts, ids, mentions),
        relations=relations,
    )


def _rest_part(extraction: Extraction, parts: _Parts) -> Extraction:
    """The facts of no known document: unsourced relations, their ends, unmentioned entities."""
    known = parts.documents.keys()
    ids = [i for i in parts.positions if not parts.reach.get(i) or parts.reach[i] - known]
    elsewhere: dict[int, list[Mention]] = defaultdict(list)
    for doc_id, by_entity in parts.mentions.items():
        if doc_id not in known:
            for pos, found in by_entity.items():
                elsewhere[pos].extend(found)
    return Extraction.model_construct(
        documents=[],
        entities=_entities_of(extraction, parts, ids, elsewhere),
        relations=parts.homes.get(UNSOURCED_GRAPH, []),
    )


def iter_graphs(
    extraction: Extraction, texts: Mapping[str, str] | None = None
) -> Iterator[tuple[str, list[Quad]]]:
    """(graph IRI, quads) of every named graph, one at a time; the same graphs and quads
    as graph.triples.all_graphs, which holds them all in memory at once."""
    seen: set[str] = set()

    def once(graphs: Mapping[str, list[Quad]]) -> Iterator[tuple[str, list[Quad]]]:
        for iri, quads in graphs.items():
            if iri in seen:  # a part that overlaps another would lose quads: never silently
                raise StoreError(f"graph {iri} was produced by two parts of the extraction")
            seen.add(iri)
            yield iri, quads

    yield from once(reference_graphs())
    parts = _index_parts(extraction)
    for doc_id in parts.documents:
        yield from once(document_graphs(_document_part(extraction, parts, doc_id), texts).graphs)
    rest = _rest_part(extraction, parts)
    if rest.entities or rest.relations:
        yield from once(document_graphs(rest, texts).graphs)


@dataclass
class _Filled:
    """What one streamed write produced: each graph's content hash and what it did."""

    hashes: dict[str, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


class _ChunkReader(io.RawIOBase):
    """A binary stream over byte chunks made on demand: the bulk loader reads it.

    An exception raised while making a chunk (e.g. by a progress callback) is kept and
    re-raised by :meth:`reraise` after the loader gave up, so the caller sees the original.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._view = memoryview(b"")
        self._pos = 0
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        out = memoryview(buffer).cast("B")
        while self._pos >= len(self._view):
            try:
                chunk = next(self._chunks)
            except StopIteration:
                return 0
            except BaseException as exc:
                self.error = exc
                raise OSError(f"making the quads failed: {exc!r}") from exc
            self._view, self._pos = memoryview(chunk), 0
        n = min(len(out), len(self._view) - self._pos)
        out[:n] = self._view[self._pos : self._pos + n]
        self._pos += n
        return n

    def reraise(self) -> None:
        if self.error is not None:
            raise self.error


def _fill(
    target: Store,
    graphs: Iterable[tuple[str, list[Quad]]],
    previous: Manifest | None,
    on_graph: GraphCallback | None,
) -> _Filled:
    """Write every graph in one bulk load, hashing each as it passes.

    The quads go in as N-Quads text through a stream rather than as Python objects
    (``bulk_extend``): the loader then parses and writes in its own threads, without the
    GIL, while the next graph is being made, as fast as when all quads were built first.
    """
    filled = _Filled()

    def chunks() -> Iterator[bytes]:
        for iri, quads in graphs:
            digest = filled.hashes[iri] = graph_hash(quads)
            old_hash = previous.graphs.get(iri) if previous is not None else None
            if old_hash == digest:
                filled.kept.append(iri)
            else:
                (filled.added if old_hash is None else filled.replaced).append(iri)
            yield "".join([f"{q} .\n" for q in quads]).encode("utf-8")
            if on_graph is not None:
                on_graph(iri)

    reader = _ChunkReader(chunks())
    try:
        # One bulk load: each call has a large fixed cost. The text is pyoxigraph's own
        # serialisation of already validated terms, so the parser may skip re-validating.
        stream = io.BufferedReader(reader, buffer_size=1 << 20)
        target.bulk_load(stream, RdfFormat.N_QUADS, lenient=True)
    except BaseException:
        reader.reraise()
        raise
    return filled


def write_snapshot(
    store_dir: Path,
    extraction: Extraction,
    texts: Mapping[str, str] | None = None,
    *,
    keep: int = KEEP_SNAPSHOTS,
    on_graph: GraphCallback | None = None,
) -> WriteReport:
    """Write ``extraction`` as a new snapshot and serve it; a no-op if nothing changed.

    Idempotent: an unchanged extraction keeps the served version (the snapshot written
    aside to find that out is discarded). ``texts`` (doc id → original text) lets mention
    passages carry quotes; ``on_graph(graph_iri)`` is called after each named graph is
    written (progress bars).
    """
    store_dir = Path(store_dir)
    with _locked(store_dir):
        _clean(store_dir, keep)
        served = current_snapshot(store_dir)
        prev_manifest = _read_manifest(served) if served else None
        numbers = [n for n, _ in _snapshots(store_dir)]
        version = max([*numbers, prev_manifest.version if prev_manifest else 0]) + 1
        tmp = store_dir / f".snap-{version}.tmp-{os.getpid()}"
        tmp.mkdir()
        try:
            report = _write_tmp(tmp, extraction, texts, version, prev_manifest, on_graph)
            if not report.changed:
                shutil.rmtree(tmp)
                return report
            final = store_dir / f"snap-{version}"
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _swap_current(store_dir, final)
        _clean(store_dir, keep)
        return report


def _write_tmp(
    tmp: Path,
    extraction: Extraction,
    texts: Mapping[str, str] | None,
    version: int,
    prev_manifest: Manifest | None,
    on_graph: GraphCallback | None,
) -> WriteReport:
    """Fill ``tmp`` as snapshot ``version``; ``changed=False`` (and the served version) when
    every graph hash equals the served manifest's, so the caller drops ``tmp``."""
    target = Store(str(tmp / OXIGRAPH))
    filled = _fill(target, iter_graphs(extraction, texts), prev_manifest, on_graph)
    hashes = filled.hashes
    if prev_manifest is not None and prev_manifest.graphs == hashes:
        del target  # closes the RocksDB handle before the directory is removed
        return WriteReport(
            version=prev_manifest.version,
            changed=False,
            kept=sorted(hashes),
            counts=prev_manifest.counts,
        )
    target.flush()
    counts = compute_counts(target)
    del target  # closes the RocksDB handle before the directory is renamed
    manifest = Manifest(
        version=version,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        documents={
            d.id: DocumentEntry(
                path=d.path, sha256=d.sha256, graph_hash=hashes[document_graph_iri(d.id)]
            )
            for d in extraction.documents
        },
        graphs=dict(hashes),
        counts=counts,
    )
    (tmp / EXTRACTION).write_text(extraction.model_dump_json(), encoding="utf-8")
    (tmp / MANIFEST).write_text(manifest.model_dump_json(indent=1), encoding="utf-8")
    removed = sorted(set(prev_manifest.graphs) - set(hashes)) if prev_manifest else []
    return WriteReport(
        version=version,
        changed=True,
        added=filled.added,
        replaced=filled.replaced,
        removed=removed,
        kept=filled.kept,
        counts=counts,
    )


def read_extraction(store_dir: Path) -> Extraction | None:
    """The served snapshot's Extraction, or None before the first build."""
    snapshot = current_snapshot(store_dir)
    if snapshot is None:
        return None
    return Extraction.model_validate_json((snapshot / EXTRACTION).read_text(encoding="utf-8"))


def manifest_json(store_dir: Path) -> dict[str, Any]:
    """The served manifest as JSON data (for `samverkan stats` and /health)."""
    snapshot = current_snapshot(store_dir)
    if snapshot is None:
        raise StoreError(f"{store_dir}: no built store (run `samverkan build` first)")
    data: dict[str, Any] = json.loads((snapshot / MANIFEST).read_text(encoding="utf-8"))
    return data


__all__ = [
    "BindingValue",
    "DocumentEntry",
    "Manifest",
    "QueryResult",
    "QueryTimeoutError",
    "StoreError",
    "StoreHandle",
    "WriteReport",
    "compute_counts",
    "current_snapshot",
    "current_version",
    "file_lock",
    "iter_graphs",
    "manifest_json",
    "open_current",
    "read_extraction",
    "substitute",
    "to_python",
    "write_snapshot",
]
