"""The real corpus in all three stores: RDF (pyoxigraph), FalkorDB (GraphWriter), networkx.

Built once per session from data/corpus with the real extraction pipeline. Nothing here
names a corpus entity: every expectation is computed from the extraction or another store.
"""

from __future__ import annotations

import shutil
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from graphtools import CORPUS_REL, ROOT, build_corpus_store, graph_state, one

from api.app import create_app
from graph import cypher
from graph.cypher_engines import (
    CypherEngine,
    CypherResult,
    EngineUnavailableError,
    FalkorEngine,
)
from graph.falkor_server import FalkorServer, running_falkordb
from graph.projections import full_graph
from graph.store import manifest_json, open_current, write_snapshot
from graph.writer import GraphWriter
from ontology.ids import document_graph_iri
from ontology.model import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Relation,
    RelationType,
)
from ontology.vocab import RDFS_LABEL, SAM, SAM_ID

pytestmark = pytest.mark.cypher

COUNTED = (EntityType.ORGANISATION, EntityType.ARENA, EntityType.PROJECT)
RELATIONS = [r for r in RelationType if r is not RelationType.MENTIONS]
TRICKY = 'Föreningen "Älvdalen\'s" C:\\väg\\ö — Åsa\'s \\n "citat"'


@dataclass(frozen=True)
class Build:
    extraction: Extraction
    texts: dict[str, str]
    store_dir: Path


def _build(root: Path, store_dir: Path) -> Build:
    extraction, texts = build_corpus_store(store_dir, root)
    return Build(extraction, texts, store_dir)


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """data/corpus/*.txt extracted and written to a real pyoxigraph store."""
    return _build(ROOT, tmp_path_factory.mktemp("corpus-store"))


@dataclass(frozen=True)
class Change:
    """The corpus with one document cut to its first half lines, re-extracted."""

    doc_id: str
    before: Build
    after: Build


def _changed_doc(extraction: Extraction) -> Document:
    """The smallest document that has relation evidence (its change must change facts)."""
    with_evidence = {ev.document for r in extraction.relations for ev in r.evidence}
    docs = [d for d in extraction.documents if d.id in with_evidence]
    return min(docs, key=lambda d: (d.chars or 0, d.id))


@pytest.fixture(scope="session")
def corpus_change(tmp_path_factory: pytest.TempPathFactory, corpus_build: Build) -> Change:
    doc = _changed_doc(corpus_build.extraction)
    copy = tmp_path_factory.mktemp("corpus-changed")
    shutil.copytree(ROOT / CORPUS_REL, copy / CORPUS_REL)
    changed = copy / CORPUS_REL / Path(doc.path).name
    lines = changed.read_text(encoding="utf-8").splitlines()
    # Half the text goes and a new arena with its convenor comes in: a change that must
    # show, whatever the removed half happened to hold.
    added = "Nätverket Vätgasforum Testbotten samordnas av Luleå tekniska universitet."
    changed.write_text("\n".join(lines[: len(lines) // 2]) + f"\n\n{added}\n", encoding="utf-8")
    after = _build(copy, tmp_path_factory.mktemp("changed-store"))
    return Change(doc.id, corpus_build, after)


# --- helpers ----------------------------------------------------------------------------


def falkor_counts(engine: CypherEngine) -> dict[str, int]:
    counts = {
        cypher.node_label(t): one(engine, cypher.count_nodes(cypher.node_label(t))) for t in COUNTED
    }
    for rel in RELATIONS:
        counts[rel.value] = one(engine, cypher.count_relationships(cypher.rel_type(rel)))
    counts["documents"] = one(engine, cypher.count_nodes(cypher.DOCUMENT_LABEL))
    return counts


def rdf_counts(store_dir: Path) -> dict[str, int]:
    counts = manifest_json(store_dir)["counts"]
    out = {cypher.node_label(t): counts["entities"][cypher.node_label(t)] for t in COUNTED}
    out.update({rel.value: counts["relations"][rel.value] for rel in RELATIONS})
    out["documents"] = counts["documents"]
    return out


def networkx_counts(extraction: Extraction) -> dict[str, int]:
    graph = full_graph(extraction)
    nodes = Counter(data["type"] for _, data in graph.nodes(data=True))
    edges = Counter(key for _, _, key in graph.edges(keys=True))
    out = {cypher.node_label(t): nodes[t.value] for t in COUNTED}
    out.update({rel.value: edges[rel.value] for rel in RELATIONS})
    out["documents"] = len(extraction.documents)
    return out


def other_evidence(rels: list[Any], doc_id: str) -> dict[tuple[str, str, str], list[Any]]:
    """Per relationship, its evidence entries from documents other than ``doc_id``."""
    out = {}
    for source, kind, target, props in rels:
        entries = [
            entry
            for entry in zip(
                props.get("ev_documents") or [],
                props.get("ev_starts") or [],
                props.get("ev_ends") or [],
                props.get("ev_quotes") or [],
                strict=True,
            )
            if entry[0] != doc_id
        ]
        if entries:
            out[(source, kind, target)] = entries
    return out


@pytest.fixture
def fresh_engine(falkordb_server: FalkorServer) -> Iterator[Callable[[], FalkorEngine]]:
    """A factory of engines on new graphs of the session server, all dropped afterwards."""
    made: list[FalkorEngine] = []

    def make() -> FalkorEngine:
        engine = FalkorEngine.from_socket(
            falkordb_server.socket_path, f"corpus-{uuid.uuid4().hex[:10]}"
        )
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.clear()
        engine.close()


# --- the same counts in every store ------------------------------------------------------


def test_counts_agree_in_rdf_falkordb_and_networkx(
    corpus_build: Build, falkor_engine: FalkorEngine
) -> None:
    report = GraphWriter(falkor_engine).write(corpus_build.extraction)
    assert report.skipped_relations == []
    rdf = rdf_counts(corpus_build.store_dir)
    falkor = falkor_counts(falkor_engine)
    nx_counts = networkx_counts(corpus_build.extraction)
    assert rdf == falkor == nx_counts
    extracted = Counter(e.type for e in corpus_build.extraction.entities)
    for entity_type in COUNTED:
        assert falkor[cypher.node_label(entity_type)] == extracted[entity_type] > 0
    keys = Counter(RelationType(k[0]) for k in {r.key for r in corpus_build.extraction.relations})
    for rel in RELATIONS:
        assert falkor[rel.value] == keys[rel]
    assert sum(falkor[rel.value] for rel in RELATIONS) > 0


def test_reload_into_falkordb_is_idempotent(
    corpus_build: Build, falkor_engine: FalkorEngine
) -> None:
    writer = GraphWriter(falkor_engine, batch_size=200)
    writer.write(corpus_build.extraction)
    before = graph_state(falkor_engine)
    counts = falkor_counts(falkor_engine)
    report = GraphWriter(falkor_engine, batch_size=1000).write(corpus_build.extraction)
    assert report.replaced_documents == []
    assert falkor_counts(falkor_engine) == counts
    assert graph_state(falkor_engine) == before


# --- one changed document ------------------------------------------------------------------


def test_the_change_touches_only_one_document(corpus_change: Change) -> None:
    """Precondition of the replacement tests: other documents' facts are identical."""

    def facts(extraction: Extraction, own: bool) -> set[tuple[Any, ...]]:
        def keep(document: str) -> bool:
            return (document == corpus_change.doc_id) is own

        mentions = {
            (e.id, m.document, m.start, m.end)
            for e in extraction.entities
            for m in e.mentions
            if keep(m.document)
        }
        evidence = {
            (*r.key, ev.document, ev.start, ev.end, ev.quote)
            for r in extraction.relations
            for ev in r.evidence
            if keep(ev.document)
        }
        return mentions | evidence

    before, after = corpus_change.before.extraction, corpus_change.after.extraction
    assert facts(before, own=False) == facts(after, own=False)
    assert facts(before, own=True) != facts(after, own=True)


def test_changed_document_replaces_only_its_graph_in_rdf(
    corpus_change: Change, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    before, after = corpus_change.before, corpus_change.after
    write_snapshot(store, before.extraction, before.texts)
    report = write_snapshot(store, after.extraction, after.texts)
    assert report.replaced == [document_graph_iri(corpus_change.doc_id)]
    assert report.added == report.removed == []
    assert rdf_counts(store) == rdf_counts(after.store_dir)


def test_changed_document_replaces_only_its_facts_in_falkordb(
    corpus_change: Change, fresh_engine: Callable[[], FalkorEngine]
) -> None:
    engine = fresh_engine()
    writer = GraphWriter(engine)
    writer.write(corpus_change.before.extraction)
    _, rels_before = graph_state(engine)
    report = writer.write(corpus_change.after.extraction)
    assert report.replaced_documents == [corpus_change.doc_id]
    state = graph_state(engine)
    # Other documents' evidence is untouched, relationship by relationship.
    assert other_evidence(state[1], corpus_change.doc_id) == other_evidence(
        rels_before, corpus_change.doc_id
    )
    # And the result is exactly a clean load of the changed corpus.
    clean = fresh_engine()
    GraphWriter(clean).write(corpus_change.after.extraction)
    assert state == graph_state(clean)
    assert falkor_counts(engine) == rdf_counts(corpus_change.after.store_dir)


# --- an engine that stops mid-load ---------------------------------------------------------


def test_server_stopped_mid_load_is_a_clear_error_and_a_rerun_completes(
    corpus_build: Build, tmp_path_factory: pytest.TempPathFactory
) -> None:
    directory = tmp_path_factory.mktemp("fk-stop")
    extraction = corpus_build.extraction
    batches: list[int] = []
    with running_falkordb(directory) as server:
        engine = FalkorEngine.from_socket(server.socket_path, "samverkan")

        def stop_after_three(stage: str, done: int, total: int) -> None:
            batches.append(done)
            if len(batches) == 3:
                server.process.kill()
                server.process.wait(timeout=10)

        writer = GraphWriter(engine, batch_size=50, progress=stop_after_three)
        with pytest.raises(EngineUnavailableError) as stopped:
            writer.write(extraction)
        engine.close()
    message = str(stopped.value)
    assert f"FalkorDB at unix://{server.socket_path} is unreachable" in message
    assert "re-run" in message
    assert "\n" not in message
    assert len(batches) == 3
    # The private server keeps nothing on disk: restarted, it is empty and a re-run loads all.
    with running_falkordb(directory) as server:
        engine = FalkorEngine.from_socket(server.socket_path, "samverkan")
        try:
            GraphWriter(engine, batch_size=50).write(extraction)
            counts = falkor_counts(engine)
            assert counts == rdf_counts(corpus_build.store_dir)
            assert GraphWriter(engine).write(extraction).replaced_documents == []
            assert falkor_counts(engine) == counts
        finally:
            engine.close()


class _InterruptedError(Exception):
    pass


def test_load_interrupted_halfway_is_completed_by_a_rerun(
    corpus_build: Build, fresh_engine: Callable[[], FalkorEngine]
) -> None:
    """A client that dies mid-load leaves a partial graph; the next load completes it."""
    engine = fresh_engine()

    def die(stage: str, done: int, total: int) -> None:
        if done > total // 2:
            raise _InterruptedError(stage)

    with pytest.raises(_InterruptedError):
        GraphWriter(engine, batch_size=100, progress=die).write(corpus_build.extraction)
    partial = falkor_counts(engine)
    assert partial != rdf_counts(corpus_build.store_dir)
    GraphWriter(engine, batch_size=100).write(corpus_build.extraction)
    clean = fresh_engine()
    GraphWriter(clean).write(corpus_build.extraction)
    assert graph_state(engine) == graph_state(clean)


class _LosesConnection:
    """The real engine, whose connection drops at the ``fail_at``-th statement."""

    kind = "falkordb"

    def __init__(self, engine: FalkorEngine, fail_at: int) -> None:
        self.engine = engine
        self.fail_at = fail_at
        self.calls = 0

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> CypherResult:
        self.calls += 1
        if self.calls == self.fail_at:
            raise EngineUnavailableError(f"FalkorDB at {self.engine.target} is unreachable")
        return self.engine.query(text, params)

    def ro_query(
        self, text: str, params: Mapping[str, Any] | None = None, timeout_ms: int | None = None
    ) -> CypherResult:
        return self.engine.ro_query(text, params, timeout_ms)

    def ensure_id_indexes(self, labels: Sequence[str]) -> None:
        self.engine.ensure_id_indexes(labels)

    def clear(self) -> None:
        self.engine.clear()

    def close(self) -> None:
        self.engine.close()


def test_replacement_interrupted_at_any_step_is_completed_by_a_rerun(
    corpus_change: Change, fresh_engine: Callable[[], FalkorEngine]
) -> None:
    """The stale Document node goes last, so a re-run still sees the document as changed."""
    clean = fresh_engine()
    GraphWriter(clean).write(corpus_change.after.extraction)
    expected = graph_state(clean)
    removal_steps = 6  # statements of GraphWriter.remove_document
    for step in range(removal_steps):
        engine = fresh_engine()
        GraphWriter(engine).write(corpus_change.before.extraction)
        flaky = _LosesConnection(engine, fail_at=2 + step)  # call 1 reads the fingerprints
        with pytest.raises(EngineUnavailableError, match="removing document"):
            GraphWriter(flaky).write(corpus_change.after.extraction)
        report = GraphWriter(engine).write(corpus_change.after.extraction)
        assert report.replaced_documents == [corpus_change.doc_id], step
        assert graph_state(engine) == expected, step


# --- strings -----------------------------------------------------------------------------


def _tricky_extraction() -> Extraction:
    doc = Document(id="doc-tricky", path="data/corpus/doc-tricky.txt", title=TRICKY)
    org = Entity(
        id="org:foreningen",
        type=EntityType.ORGANISATION,
        name=TRICKY,
        aliases=[TRICKY[::-1], "Umeå–Luleå"],
        mentions=[Mention(document=doc.id, start=0, end=10)],
    )
    arena = Entity(
        id="arena:nod",
        type=EntityType.ARENA,
        name="Nätverk för ÅÄÖ åäö",
        mentions=[Mention(document=doc.id, start=20, end=30)],
    )
    relation = Relation(
        type=RelationType.MEMBER_OF,
        source=org.id,
        target=arena.id,
        evidence=[Evidence(document=doc.id, start=0, end=30, quote=TRICKY)],
    )
    return Extraction(documents=[doc], entities=[org, arena], relations=[relation])


def test_quotes_backslashes_and_swedish_letters_round_trip(
    tmp_path: Path, falkor_engine: FalkorEngine
) -> None:
    extraction = _tricky_extraction()
    write_snapshot(tmp_path / "store", extraction)
    handle = open_current(tmp_path / "store")
    label_query = f"SELECT DISTINCT ?n WHERE {{ ?e <{SAM_ID}> $id ; <{RDFS_LABEL}> ?n }}"
    rdf = handle.query(label_query, {"id": "org:foreningen"}).dicts()
    assert [row["n"] for row in rdf] == [TRICKY]
    by_name = f"SELECT DISTINCT ?id WHERE {{ ?e <{RDFS_LABEL}> $name ; <{SAM_ID}> ?id }}"
    assert handle.query(by_name, {"name": TRICKY}).dicts() == [{"id": "org:foreningen"}]
    quotes = handle.query(f"SELECT DISTINCT ?q WHERE {{ ?p <{SAM}quote> ?q }}").dicts()
    assert TRICKY in [row["q"] for row in quotes]

    GraphWriter(falkor_engine).write(extraction)
    org = falkor_engine.ro_query(
        "MATCH (o:Organisation {id: $id}) RETURN o.name, o.aliases", {"id": "org:foreningen"}
    ).rows
    assert org == [[TRICKY, [TRICKY[::-1], "Umeå–Luleå"]]]
    found = falkor_engine.ro_query(
        "MATCH (o:Organisation) WHERE o.name = $n RETURN o.id", {"n": TRICKY}
    ).rows
    assert found == [["org:foreningen"]]
    rel = falkor_engine.ro_query("MATCH ()-[r:MEMBER_OF]->() RETURN r.ev_quotes").rows
    assert rel == [[[TRICKY]]]
    doc = falkor_engine.ro_query("MATCH (d:Document) RETURN d.title").rows
    assert doc == [[TRICKY]]
    assert full_graph(extraction).nodes["org:foreningen"]["name"] == TRICKY


# --- the embedded default: the API's private FalkorDB --------------------------------------


def test_api_starts_loads_and_stops_a_private_falkordb(corpus_build: Build) -> None:
    from apitools import api_test_settings

    settings = api_test_settings(
        corpus_build.store_dir, embedded_falkordb=True, neo4j_uri=None, max_rows=100_000
    )
    app = create_app(settings)
    with TestClient(app) as client:
        server = app.state.runtime._server
        assert server is not None and server.process.poll() is None
        probe = redis.Redis(unix_socket_path=str(server.socket_path), decode_responses=True)
        try:
            assert probe.config_get("port")["port"] == "0"  # no TCP port at all
        finally:
            probe.close()
        response = client.post(
            "/cypher",
            json={"query": "MATCH (o:Organisation) RETURN count(o) AS n, collect(o.id) AS ids"},
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["engine"] == "falkordb"
        orgs = sorted(
            e.id for e in corpus_build.extraction.entities if e.type is EntityType.ORGANISATION
        )
        assert body["rows"][0][0] == rdf_counts(corpus_build.store_dir)["Organisation"]
        assert sorted(body["rows"][0][1]) == orgs
    assert server.process.poll() is not None, "the private FalkorDB outlived the app"
    assert not server.directory.exists()
