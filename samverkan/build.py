"""Build the served store from the corpus and uploaded documents: extract → merge → snapshot.

One function for the CLI (``samverkan build``), ``samverkan serve`` on a fresh machine and
the API's document upload. Failure rules (issue 7, "bad input"):

- a file that cannot be read or extracted is reported by name and skipped; the others load;
- if that file was in the served store before, its previously stored facts are carried
  over unchanged, so a broken re-export of a report never erases what the graph knew;
- the store itself is written aside and swapped atomically (graph.store), so a failed or
  killed build leaves the served snapshot intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from graph.store import file_lock, open_current, read_extraction, write_snapshot
from loaders.errors import LoaderError
from loaders.pipeline import ExtractOptions, ExtractResult, extract
from loaders.read import read_bytes
from ontology.ids import document_graph_iri, document_id
from ontology.model import Entity, Extraction, Relation
from ontology.vocab import SAM_END, SAM_QUOTE, SAM_START
from samverkan.errors import SamverkanError
from samverkan.settings import ROOT, Settings

SOURCE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"})
# The corpus folder documents itself; its README is not a report.
NOT_SOURCES = frozenset({"readme.md", "readme.txt", "sources.md"})
SAFE_NAME = re.compile(r"^[\w][\w .()-]{0,120}$")


class BuildError(SamverkanError):
    """A build or upload that cannot go ahead; the message names the file and the problem."""


@dataclass
class BuildReport:
    version: int
    changed: bool
    counts: dict[str, object]
    errors: list[tuple[str, str]] = field(default_factory=list)
    carried_over: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    seconds: float = 0.0
    unmatched_curations: list[str] = field(default_factory=list)


def source_files(settings: Settings) -> list[Path]:
    """Every report file of the corpus folder and the upload folder, in a stable order."""
    found: list[Path] = []
    for folder in (settings.corpus_dir, settings.upload_dir):
        if not folder.is_dir():
            continue
        found.extend(
            p
            for p in sorted(folder.iterdir())
            if p.is_file()
            and not p.name.startswith(".")
            and p.suffix.lower() in SOURCE_SUFFIXES
            and p.name.lower() not in NOT_SOURCES
        )
    return found


def _options(settings: Settings, workers: int | None, no_curation: bool) -> ExtractOptions:
    curation = settings.curation_file
    usable = curation is not None and curation.exists() and not no_curation
    return ExtractOptions(
        keep_contact_details=settings.keep_contact_details,
        curation=curation if usable else None,
        workers=workers,
        apply_curation=usable,
    )


def _only_document(extraction: Extraction, doc_id: str) -> Extraction:
    """The part of a stored extraction that one document supports."""
    documents = [d for d in extraction.documents if d.id == doc_id]
    entities = []
    for ent in extraction.entities:
        mentions = [m for m in ent.mentions if m.document == doc_id]
        if mentions:
            entities.append(ent.model_copy(update={"mentions": mentions}))
    relations = []
    mentioned = {e.id for e in entities}
    for rel in extraction.relations:
        evidence = [e for e in rel.evidence if e.document == doc_id]
        if evidence:
            relations.append(rel.model_copy(update={"evidence": evidence}))
        elif not rel.evidence and {rel.source, rel.target} & mentioned:
            relations.append(rel)  # unevidenced: stored with the documents naming an end
    # Ends of kept relations that the document does not mention (e.g. a grouping's members).
    ends = {end for rel in relations for end in (rel.source, rel.target)} - mentioned
    entities += [e.model_copy(update={"mentions": []}) for e in extraction.entities if e.id in ends]
    return Extraction(documents=documents, entities=entities, relations=relations)


def _merge_entity(into: Entity, other: Entity) -> Entity:
    aliases = list(dict.fromkeys([*into.aliases, *other.aliases]))
    mentions = [*into.mentions, *other.mentions]
    attributes = {**other.attributes, **into.attributes}
    return into.model_copy(
        update={"aliases": aliases, "mentions": mentions, "attributes": attributes}
    )


def _merge_relation(into: Relation, other: Relation) -> Relation:
    evidence = [*into.evidence, *other.evidence]
    confidence = max(into.confidence, other.confidence)
    return into.model_copy(update={"evidence": evidence, "confidence": confidence})


def merge_extractions(base: Extraction, extra: Extraction) -> Extraction:
    """Union by stable ids: one node per entity id, one edge per (type, source, target)."""
    entities = {e.id: e for e in base.entities}
    for ent in extra.entities:
        entities[ent.id] = _merge_entity(entities[ent.id], ent) if ent.id in entities else ent
    relations = {(r.type, r.source, r.target): r for r in base.relations}
    for rel in extra.relations:
        key = (rel.type, rel.source, rel.target)
        relations[key] = _merge_relation(relations[key], rel) if key in relations else rel
    known = {d.id for d in base.documents}
    documents = [*base.documents, *(d for d in extra.documents if d.id not in known)]
    return Extraction(
        documents=documents, entities=list(entities.values()), relations=list(relations.values())
    )


def _carry_over(result: ExtractResult, previous: Extraction | None) -> tuple[Extraction, list[str]]:
    """Keep what the served store knew from files that failed this time."""
    extraction = result.extraction
    if previous is None or not result.errors:
        return extraction, []
    failed_ids = {document_id(err.path) for err in result.errors}
    carried = []
    for doc in previous.documents:
        if doc.id in failed_ids and doc.id not in {d.id for d in extraction.documents}:
            extraction = merge_extractions(extraction, _only_document(previous, doc.id))
            carried.append(doc.id)
    return extraction, carried


def _stored_texts(store_dir: Path, doc_ids: Sequence[str]) -> dict[str, str]:
    """Stand-in texts of carried-over documents, rebuilt from their stored passage quotes.

    Their files cannot be read this time, yet mention passages need their quotes to be
    written again; every stored quote sits at its offsets, the rest is blank.
    """
    if not doc_ids:
        return {}
    handle = open_current(store_dir)
    texts = {}
    for doc in doc_ids:
        rows = handle.query(
            f"SELECT ?s ?e ?q {{ GRAPH <{document_graph_iri(doc)}> "
            f"{{ ?p <{SAM_START}> ?s ; <{SAM_END}> ?e ; <{SAM_QUOTE}> ?q }} }}"
        ).dicts()
        chars = [" "] * max((int(r["e"]) for r in rows), default=0)
        for row in rows:
            start, end, quote = int(row["s"]), int(row["e"]), str(row["q"])
            if len(quote) == end - start:
                chars[start:end] = quote
        texts[doc] = "".join(chars)
    return texts


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=True,
    )
    with progress:
        yield progress


def build_store(
    settings: Settings,
    *,
    workers: int | None = None,
    no_curation: bool = False,
    progress: bool = True,
    extra_paths: Sequence[Path] = (),
) -> BuildReport:
    """Extract every source file in parallel and serve the result as a new snapshot."""
    started = time.perf_counter()
    with _build_lock(settings):
        paths = [*source_files(settings), *extra_paths]
        if not paths:
            raise BuildError(f"{settings.corpus_dir}: no report files to build from")
        with _progress(progress) as bar:
            task = bar.add_task(f"extracting {len(paths)} files", total=None)
            result = extract(paths, _options(settings, workers, no_curation))
            bar.update(task, total=1, completed=1)
            result.extraction = _with_file_facts(result.extraction, paths)
            previous = read_extraction(settings.store_dir)
            extraction, carried = _carry_over(result, previous)
            texts = {**_stored_texts(settings.store_dir, carried), **result.texts}
            if not extraction.documents:
                raise BuildError("no input file could be read: " + _first_error(result))
            graphs = bar.add_task("writing named graphs", total=None)
            written = write_snapshot(
                settings.store_dir,
                extraction,
                texts,
                on_graph=lambda _iri: bar.advance(graphs),
            )
    return BuildReport(
        version=written.version,
        changed=written.changed,
        counts=dict(written.counts or {}),
        errors=[(e.path, e.message) for e in result.errors],
        carried_over=carried,
        documents=[d.id for d in extraction.documents],
        seconds=time.perf_counter() - started,
        unmatched_curations=[str(u) for u in getattr(result.curation_report, "unmatched", [])],
    )


def _build_lock(settings: Settings) -> contextlib.AbstractContextManager[None]:
    """One build at a time, from listing the files to serving the snapshot.

    The store's own lock only covers the write; without this, an upload landing while
    another process is extracting would be missing from that process's snapshot.
    """
    return file_lock(settings.store_dir / ".build.lock")


def display_path(path: Path) -> str:
    """A path that names the file without exposing the server's directory layout."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(ROOT))
    except ValueError:
        return f"{resolved.parent.name}/{resolved.name}"


def _with_file_facts(extraction: Extraction, paths: Sequence[Path]) -> Extraction:
    """Documents get a project-relative path and the sha256 of the bytes they came from."""
    by_name = {str(p): p for p in paths}
    documents = []
    for doc in extraction.documents:
        source = by_name.get(doc.path)
        if source is None:
            documents.append(doc)
            continue
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        documents.append(doc.model_copy(update={"path": display_path(source), "sha256": digest}))
    return extraction.model_copy(update={"documents": documents})


def _first_error(result: ExtractResult) -> str:
    return result.errors[0].message if result.errors else "nothing extracted"


def upload_path(settings: Settings, filename: str) -> Path:
    """Where an upload of this name is kept; refuses names that could escape the folder."""
    name = Path(filename).name
    if name != filename.strip() or not SAFE_NAME.match(name) or name.startswith("."):
        raise BuildError(f"{filename!r}: not an acceptable file name (letters, digits, . - _)")
    if Path(name).suffix.lower() not in SOURCE_SUFFIXES:
        allowed = ", ".join(sorted(SOURCE_SUFFIXES))
        raise BuildError(f"{name}: unsupported file type (allowed: {allowed})")
    return settings.upload_dir / name


def _check_not_corpus(settings: Settings, target: Path) -> None:
    doc = document_id(str(target))
    for path in source_files(settings):
        if path.parent != target.parent and document_id(str(path)) == doc:
            raise BuildError(f"{target.name}: document id {doc!r} belongs to corpus file {path}")


def add_document(settings: Settings, filename: str, data: bytes) -> BuildReport:
    """Store an uploaded report (re-upload of a name replaces it) and rebuild the store."""
    target = upload_path(settings, filename)
    _check_not_corpus(settings, target)
    try:
        read_bytes(data, target.name)  # refuse unreadable input before anything is kept
    except LoaderError as exc:
        raise BuildError(str(exc)) from exc
    settings.upload_dir.mkdir(parents=True, exist_ok=True)
    tmp = settings.upload_dir / f".{target.name}.tmp-{os.getpid()}"
    previous = target.read_bytes() if target.exists() else None
    tmp.write_bytes(data)
    os.replace(tmp, target)  # atomic: a killed upload leaves the old file or the new one
    try:
        report = build_store(settings, progress=False)
    except BaseException:
        _restore(target, previous)
        raise
    if target.name in {Path(p).name for p, _ in report.errors}:
        _restore(target, previous)
        message = next(m for p, m in report.errors if Path(p).name == target.name)
        raise BuildError(message)
    return report


def _restore(target: Path, previous: bytes | None) -> None:
    if previous is None:
        target.unlink(missing_ok=True)
    else:
        tmp = target.with_name(f".{target.name}.restore-{os.getpid()}")
        tmp.write_bytes(previous)
        os.replace(tmp, target)
