"""The whole pipeline on the real corpus: provenance invariants, SDG links, bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.pipeline import ExtractOptions, ExtractResult, extract
from ontology.model import EntityType, RelationType

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = sorted((ROOT / "data" / "corpus").glob("*.txt"))
REPORT = ROOT / "data" / "corpus" / "vasterbotten-resultat-2024.txt"


@pytest.fixture(scope="module")
def corpus_result() -> ExtractResult:
    return extract(CORPUS, ExtractOptions(workers=2, apply_curation=False))


def _originals(result: ExtractResult) -> dict[str, str]:
    return {d.id: Path(d.path).read_text(encoding="utf-8") for d in result.extraction.documents}


def test_every_mention_and_evidence_slices_the_original(corpus_result: ExtractResult) -> None:
    originals = _originals(corpus_result)
    assert len(originals) == len(CORPUS) and not corpus_result.errors
    for entity in corpus_result.extraction.entities:
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(originals[m.document])
    for rel in corpus_result.extraction.relations:
        for ev in rel.evidence:
            assert originals[ev.document][ev.start : ev.end] == ev.quote


def test_every_goal_line_of_the_report_gives_an_sdg_link(corpus_result: ExtractResult) -> None:
    text = REPORT.read_text(encoding="utf-8")
    # Independent count: "Mål N" lines after a "Aktuella Agenda 2030-mål" header, per list.
    expected: set[tuple[int, int]] = set()
    list_no = 0
    in_list = False
    for line in text.splitlines():
        if line.startswith("Aktuella Agenda 2030-mål"):
            list_no, in_list = list_no + 1, True
        elif m := re.match(r"Mål (\d+)", line):
            if in_list:
                expected.add((list_no, int(m.group(1))))
        elif line.strip() and not line[0].islower() and len(line) < 90 and line[-1] != ".":
            in_list = in_list and not line.startswith(("Ett urval", "Västerbotten –"))
    links = [r for r in corpus_result.extraction.relations if r.type is RelationType.CONTRIBUTES_TO]
    assert len(links) == len(expected)
    assert all(
        r.target.startswith("sdg:") and r.source.startswith("strategic-area:") for r in links
    )


def test_municipality_organisations_are_located_in_their_place(
    corpus_result: ExtractResult,
) -> None:
    index = corpus_result.extraction.entity_index()
    umea = index["org:umea-kommun"]
    assert umea.type is EntityType.ORGANISATION and umea.attributes["org_type"] == "municipality"
    assert any(
        r.type is RelationType.LOCATED_IN
        and r.source == umea.id
        and r.target == "municipality:umea"
        for r in corpus_result.extraction.relations
    )
    assert index["municipality:umea"].attributes["code"] == "2480"


def test_arenas_have_section_path_and_theme(corpus_result: ExtractResult) -> None:
    x = corpus_result.extraction
    arenas = [e for e in x.entities if e.type is EntityType.ARENA]
    assert arenas
    themed = {r.source for r in x.relations if r.type is RelationType.HAS_THEME}
    with_path = [a for a in arenas if a.attributes.get("section_path")]
    assert len(with_path) >= len(arenas) // 2
    assert len([a for a in with_path if a.id in themed]) >= len(with_path) * 3 // 4


def test_table_of_contents_creates_no_priority_mentions(corpus_result: ExtractResult) -> None:
    text = REPORT.read_text(encoding="utf-8")
    toc_end = text.index("Översikt över rapporten\n")  # the first body heading
    for e in corpus_result.extraction.entities:
        if e.type is EntityType.PRIORITY:
            assert all(m.start > toc_end for m in e.mentions)


def test_bad_files_are_reported_and_others_still_load(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    small = ROOT / "data" / "corpus" / "norrbotten-vagen-till-malet.txt"
    result = extract([empty, small, missing], ExtractOptions(workers=1, apply_curation=False))
    assert [d.id for d in result.extraction.documents] == ["norrbotten-vagen-till-malet"]
    assert {Path(e.path).name for e in result.errors} == {"empty.txt", "missing.txt"}
    assert all(Path(e.path).name in e.message for e in result.errors)
