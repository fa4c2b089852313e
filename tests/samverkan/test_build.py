"""samverkan.build on real corpus files: idempotence, replacement, removal, bad files, uploads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.store import manifest_json, read_extraction
from ontology.ids import document_graph_iri
from samverkan.build import BuildError, add_document, build_store, upload_path
from samverkan.cli import app
from samverkan.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
SMALL = (
    "norrbotten-north-sweden-green-deal.txt",
    "norrbotten-rus-dialog-alvsbyn-2024.txt",
    "vasterbotten-rus-kickoff-2012.txt",
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SMALL:
        shutil.copy(CORPUS / name, corpus / name)
    (corpus / "README.md").write_text("# not a report\n", encoding="utf-8")
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        corpus_dir=corpus,
        store_dir=tmp_path / "store",
        upload_dir=tmp_path / "uploads",
        curation_file=None,
    )


def _graphs(settings: Settings) -> dict[str, str]:
    graphs: dict[str, str] = manifest_json(settings.store_dir)["graphs"]
    return graphs


def test_build_is_idempotent_and_skips_the_readme(settings: Settings) -> None:
    first = build_store(settings, progress=False, workers=1)
    assert first.changed and first.errors == []
    assert sorted(first.documents) == sorted(Path(n).stem for n in SMALL)
    second = build_store(settings, progress=False, workers=1)
    assert not second.changed
    assert second.version == first.version
    assert second.counts == first.counts


def test_a_changed_document_replaces_only_its_graph(settings: Settings) -> None:
    build_store(settings, progress=False, workers=1)
    before = _graphs(settings)
    changed = settings.corpus_dir / SMALL[0]
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nNätverket Testnätverket för vätgas.\n",
        encoding="utf-8",
    )
    report = build_store(settings, progress=False, workers=1)
    after = _graphs(settings)
    changed_graphs = {iri for iri in after if before.get(iri) != after[iri]}
    assert changed_graphs == {document_graph_iri(Path(SMALL[0]).stem)}
    assert report.changed


def test_a_removed_document_takes_its_facts_away(settings: Settings) -> None:
    build_store(settings, progress=False, workers=1)
    (settings.corpus_dir / SMALL[1]).unlink()
    build_store(settings, progress=False, workers=1)
    extraction = read_extraction(settings.store_dir)
    assert extraction is not None
    gone = Path(SMALL[1]).stem
    assert gone not in {d.id for d in extraction.documents}
    assert document_graph_iri(gone) not in _graphs(settings)
    assert all(m.document != gone for e in extraction.entities for m in e.mentions)


def test_a_file_that_turns_bad_keeps_its_stored_facts(settings: Settings) -> None:
    build_store(settings, progress=False, workers=1)
    before = read_extraction(settings.store_dir)
    assert before is not None
    bad = settings.corpus_dir / SMALL[2]
    bad.write_bytes(b"\x00\x01\x02\xff binary")
    (settings.corpus_dir / "empty.txt").write_bytes(b"")
    report = build_store(settings, progress=False, workers=1)
    messages = " | ".join(m for _, m in report.errors)
    assert str(bad) in messages and "empty.txt" in messages
    assert report.carried_over == [Path(SMALL[2]).stem]
    after = read_extraction(settings.store_dir)
    assert after is not None
    doc = Path(SMALL[2]).stem
    old = {(r.type, r.source, r.target) for r in before.relations if _cites(r, doc)}
    new = {(r.type, r.source, r.target) for r in after.relations if _cites(r, doc)}
    assert old and old == new


def _cites(relation: object, doc: str) -> bool:
    return any(ev.document == doc for ev in relation.evidence)  # type: ignore[attr-defined]


def test_nothing_readable_is_a_clear_error(settings: Settings) -> None:
    for path in settings.corpus_dir.iterdir():
        path.write_bytes(b"")
    with pytest.raises(BuildError, match="empty"):
        build_store(settings, progress=False, workers=1)


def test_upload_adds_replaces_and_refuses(settings: Settings) -> None:
    build_store(settings, progress=False, workers=1)
    text = (CORPUS / "norrbotten-vagen-till-malet.txt").read_bytes()
    report = add_document(settings, "uppladdad-rapport.txt", text)
    assert "uppladdad-rapport" in report.documents
    again = add_document(settings, "uppladdad-rapport.txt", text)
    assert not again.changed  # same bytes: the store stays as it was
    version = again.version
    with pytest.raises(BuildError, match=r"trasig\.txt"):
        add_document(settings, "trasig.txt", b"\x00\x00\x00\x00")
    assert not (settings.upload_dir / "trasig.txt").exists()
    assert manifest_json(settings.store_dir)["version"] == version
    for bad_name in ("../x.txt", ".hidden.txt", "x.exe", "a/b.txt"):
        with pytest.raises(BuildError):
            upload_path(settings, bad_name)


def test_cli_build_then_stats_and_one_line_errors(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the CLI passes options on through the environment: restore it after the test
    monkeypatch.setenv("SAMVERKAN_STORE_DIR", str(settings.store_dir))
    monkeypatch.setenv("SAMVERKAN_CORPUS_DIR", str(settings.corpus_dir))
    runner = CliRunner()
    store = str(settings.store_dir)
    result = runner.invoke(
        app,
        [
            "build",
            "--corpus",
            str(settings.corpus_dir),
            "--store",
            store,
            "--workers",
            "1",
            "--no-curation",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 documents" in result.output
    stats = runner.invoke(app, ["stats", "--store", store, "--json"])
    assert stats.exit_code == 0 and '"triples"' in stats.output
    missing = runner.invoke(app, ["stats", "--store", str(settings.store_dir / "nope")])
    assert missing.exit_code != 0
