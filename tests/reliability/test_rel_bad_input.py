"""Bad input through extract and build (issue 7): one clear error per bad file naming it, or a
correct result; never a crash of the whole build; the served facts of a file that now fails
stay exactly as they were."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from relkit import CORPUS, SMALL_DOCS, small_corpus, store_facts

from loaders.pipeline import ExtractOptions, ExtractResult, extract
from loaders.read import read_source
from samverkan.build import BuildError, add_document, build_store
from samverkan.settings import Settings

REFERENCE = "vasterbotten-rus-kickoff-2012.txt"  # real text with å, ä, ö, – and NBSP
HUGE_BYTES = 50 * 1024 * 1024


def _text() -> str:
    return (CORPUS / REFERENCE).read_text("utf-8")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.txt", _text())
    return buffer.getvalue()


def _html(text: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    page = (
        "<!DOCTYPE html><html><head><title>RUS kickoff</title>"
        "<script>var tracking = '<p>Region Fejk</p>';</script><style>p{}</style></head>"
        "<body><nav><a href='/'>Hem</a> | <a href='/kontakt'>Kontakt</a></nav>"
        f"<main>{paragraphs}</main><footer>Cookies &amp; personuppgifter</footer></body></html>"
    )
    return page.encode("utf-8")


def _malformed_markdown(text: str) -> bytes:
    junk = "#\n## ##\n```\nunclosed fence\n* [länk](\n> > >\n|a|b\n|-\n#######\n***\n<div>\n"
    return (junk + text + "\n#\n[^1]: \n").encode("utf-8")


def _truncated_utf8(text: str) -> bytes:
    data = text.encode("utf-8")
    cut = data.rfind("ö".encode()) + 1  # inside the last two-byte character
    return data[:cut]


# file name → (bytes, expected outcome): "error" or "ok"
def _cases() -> dict[str, tuple[bytes, str]]:
    text = _text()
    rng = random.Random(7)
    return {
        "empty.txt": (b"", "error"),
        "blank.md": (b"  \n\t\r\n  ", "error"),
        "binary.txt": (rng.randbytes(20_000), "error"),
        "image.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(4_000), "error"),
        "archive.txt": (_zip_bytes(), "error"),
        "cut.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "error"),
        "cut.docx": (_zip_bytes()[:200], "error"),
        "truncated-utf8.txt": (_truncated_utf8(text), "ok"),
        "utf16-bom.txt": (text.encode("utf-16"), "ok"),
        "utf16le-nobom.txt": (text.encode("utf-16-le"), "ok"),
        "utf16be-nobom.txt": (text.encode("utf-16-be"), "ok"),
        "windows-1252.txt": (text.encode("cp1252"), "ok"),
        "page.html": (_html(text), "ok"),
        "malformed.md": (_malformed_markdown(text), "ok"),
        "reference.txt": (text.encode("utf-8"), "ok"),
    }


def _write_huge(path: Path) -> None:
    """50 MB of real report text: a correct file, just far too large to extract."""
    chunk = (_text() + "\n").encode("utf-8") * 64
    with path.open("wb") as out:
        while out.tell() < HUGE_BYTES:
            out.write(chunk)


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input")
    for name, (data, _) in _cases().items():
        (folder / name).write_bytes(data)
    _write_huge(folder / "huge.txt")
    return folder


@pytest.fixture(scope="module")
def extracted(bad_dir: Path) -> ExtractResult:
    return extract(sorted(bad_dir.iterdir()), ExtractOptions(workers=2))


def _entities_of(result: ExtractResult, doc_id: str) -> set[str]:
    return {
        e.id for e in result.extraction.entities if any(m.document == doc_id for m in e.mentions)
    }


def test_each_bad_file_gets_one_error_naming_it(bad_dir: Path, extracted: ExtractResult) -> None:
    expected = {n for n, (_, outcome) in _cases().items() if outcome == "error"} | {"huge.txt"}
    failed = [Path(e.path).name for e in extracted.errors]
    assert sorted(failed) == sorted(expected)
    for error in extracted.errors:
        assert str(bad_dir / Path(error.path).name) in error.message
        assert "\n" not in error.message and "Traceback" not in error.message
    huge = next(e for e in extracted.errors if e.path.endswith("huge.txt"))
    assert "too large" in huge.message


def test_odd_but_valid_files_give_the_same_graph_as_clean_utf8(extracted: ExtractResult) -> None:
    documents = {d.id for d in extracted.extraction.documents}
    reference = _entities_of(extracted, "reference")
    assert "org:region-vasterbotten" in reference and len(reference) >= 5
    for doc in ("utf16-bom", "utf16le-nobom", "utf16be-nobom", "windows-1252"):
        assert doc in documents
        assert _entities_of(extracted, doc) == reference, doc
    # HTML: same actors, no markup or script text turned into entities.
    html = _entities_of(extracted, "page")
    assert len(html & reference) >= 0.8 * len(reference)
    names = [e.name for e in extracted.extraction.entities if e.id in html]
    assert not [n for n in names if "<" in n or ">" in n or "Fejk" in n]
    # Malformed markdown and a cut-off last character still yield the document's actors.
    assert _entities_of(extracted, "malformed") >= reference - {"theme:kultur"}
    assert "org:region-vasterbotten" in _entities_of(extracted, "truncated-utf8")


def test_encodings_decode_to_the_same_text(bad_dir: Path) -> None:
    text = _text()
    for name in ("utf16-bom.txt", "utf16le-nobom.txt", "utf16be-nobom.txt", "windows-1252.txt"):
        source = read_source(bad_dir / name)
        assert source.original == text, name
        assert source.notes, name  # the conversion is reported
    truncated = read_source(bad_dir / "truncated-utf8.txt")
    assert truncated.encoding == "utf-8" and "Ã" not in truncated.original
    assert text.startswith(truncated.original) and len(truncated.original) == len(text) - 1 - len(
        text[text.rfind("ö") + 1 :]
    )


def _settings(tmp: Path, corpus: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        corpus_dir=corpus,
        store_dir=tmp / "store",
        upload_dir=tmp / "uploads",
        curation_file=None,
        embedded_falkordb=False,
    )


def test_build_reports_bad_files_and_keeps_the_facts_of_files_that_now_fail(
    tmp_path: Path, bad_dir: Path
) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    settings = _settings(tmp_path, corpus)
    first = build_store(settings, workers=2, progress=False)
    assert not first.errors
    before = store_facts(settings.store_dir)
    # Every served report is replaced by a broken file, and every broken file is added.
    bad_copies = ("archive.txt", "empty.txt", "binary.txt", "huge.txt")
    broken = dict(zip(SMALL_DOCS, bad_copies, strict=True))
    for served_name, bad_name in broken.items():
        shutil.copy(bad_dir / bad_name, corpus / served_name)
    bad_names = {n for n, (_, outcome) in _cases().items() if outcome == "error"} | {"huge.txt"}
    for name in bad_names:
        shutil.copy(bad_dir / name, corpus / f"new-{name}")

    report = build_store(settings, workers=2, progress=False)

    failed = {Path(p).name: message for p, message in report.errors}
    assert set(failed) == set(broken) | {f"new-{n}" for n in bad_names}
    assert all(name in message for name, message in failed.items())
    assert sorted(report.carried_over) == sorted(Path(n).stem for n in broken)
    # Nothing readable changed, so the served store is the same version with the same facts.
    after = store_facts(settings.store_dir)
    assert (report.changed, report.version) == (False, before.version)
    assert after == before


def test_build_adds_odd_but_valid_files_beside_failing_ones(tmp_path: Path, bad_dir: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    settings = _settings(tmp_path, corpus)
    build_store(settings, workers=2, progress=False)
    before = store_facts(settings.store_dir)
    shutil.copy(bad_dir / "binary.txt", corpus / SMALL_DOCS[0])
    for path in bad_dir.iterdir():
        shutil.copy(path, corpus / f"new-{path.name}")

    report = build_store(settings, workers=2, progress=False)

    ok = {f"new-{n}" for n, (_, outcome) in _cases().items() if outcome == "ok"}
    assert {Path(p).name for p, _ in report.errors} == (
        {f"new-{p.name}" for p in bad_dir.iterdir()} - ok
    ) | {SMALL_DOCS[0]}
    after = store_facts(settings.store_dir)
    assert after.version == before.version + 1
    assert {Path(n).stem for n in ok} | set(before.documents) == set(after.documents)
    kept = Path(SMALL_DOCS[0]).stem  # its facts are carried over, not lost
    assert report.carried_over == [kept]
    # Entity descriptions in a document graph may gain aliases and links from the new
    # documents, but every node it spoke about (entities, passages, assertions) is still there.
    assert _subjects(after.graph_of(kept)) >= _subjects(before.graph_of(kept))


def _subjects(quads: frozenset[str]) -> set[str]:
    return {q.split(" ", 1)[0] for q in quads}


# --- fuzzing ------------------------------------------------------------------------------

_FRAGMENTS = [*_text().split()[:400], "\n", "\n\n", "# ", "## ", "* ", "- ", "<p>", "</p>"]
_SWEDISH = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=12)), max_size=300).map(
    " ".join
)
_ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])
_FILE_BYTES = st.one_of(
    st.binary(max_size=3_000),
    st.tuples(_SWEDISH, _ENCODINGS).map(lambda t: t[0].encode(t[1], errors="ignore")),
    st.tuples(st.text(max_size=2_000), _ENCODINGS).map(lambda t: t[0].encode(t[1], "ignore")),
)
_SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".htm", ".markdown", ".pdf", ".docx"])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=_FILE_BYTES, suffix=_SUFFIXES)
def test_fuzzed_files_give_an_error_naming_them_or_a_document(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    good = CORPUS / SMALL_DOCS[2]
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    result = extract([good, path], ExtractOptions(workers=1))
    assert Path(SMALL_DOCS[2]).stem in {d.id for d in result.extraction.documents}
    if result.errors:
        (error,) = result.errors
        assert error.path == str(path) and str(path) in error.message
        assert "fuzz" not in {d.id for d in result.extraction.documents}
    else:
        assert "fuzz" in {d.id for d in result.extraction.documents}
    for relation in result.extraction.relations:
        for ev in relation.evidence:
            assert ev.quote == result.texts[ev.document][ev.start : ev.end]


@pytest.fixture(scope="module")
def upload_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    tmp = tmp_path_factory.mktemp("fuzz-build")
    settings = _settings(tmp, small_corpus(tmp / "corpus", SMALL_DOCS[2:3]))
    build_store(settings, workers=1, progress=False)
    return settings


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=_FILE_BYTES, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_fuzzed_uploads_are_refused_clearly_or_served(
    upload_settings: Settings, data: bytes, suffix: str
) -> None:
    before = store_facts(upload_settings.store_dir)
    name = f"fuzz-upload{suffix}"
    try:
        report = add_document(upload_settings, name, data)
    except BuildError as exc:
        assert name in str(exc) and "\n" not in str(exc)
        after = store_facts(upload_settings.store_dir)
        assert after.graphs == before.graphs  # a refused upload changes nothing served
        assert not (upload_settings.upload_dir / name).exists()
        return
    assert "fuzz-upload" in report.documents
    assert store_facts(upload_settings.store_dir).version >= before.version
    (upload_settings.upload_dir / name).unlink()  # next example starts from the corpus only
