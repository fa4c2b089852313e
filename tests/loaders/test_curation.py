"""Curation files: parsing errors name file and line; every operation; stale entries."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store import open_current, read_extraction
from graph.validate import validate_store
from loaders.curation import apply_curation, load_curation, parse_curation
from loaders.errors import CurationError
from ontology.ids import make_id
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
from samverkan.build import BuildReport, build_store
from samverkan.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "curation"
GREEN_DEAL = ROOT / "data" / "corpus" / "norrbotten-north-sweden-green-deal.txt"
DOC = "norrbotten-north-sweden-green-deal"
PROJECT = "project:north-sweden-green-deal"


def _entity(kind: EntityType, name: str, text: str, **attributes: str) -> Entity:
    at = text.index(name)
    return Entity(
        id=make_id(kind, name),
        type=kind,
        name=name,
        attributes=attributes,
        mentions=[Mention(document=DOC, start=at, end=at + len(name))],
    )


def _relation(kind: RelationType, source: str, target: str, text: str, quote: str) -> Relation:
    at = text.index(quote)
    evidence = Evidence(document=DOC, start=at, end=at + len(quote), quote=quote)
    return Relation(type=kind, source=source, target=target, confidence=0.8, evidence=[evidence])


def green_deal_extraction() -> Extraction:
    """A small extraction of the Green Deal page, with the mistakes the fixture corrects."""
    text = GREEN_DEAL.read_text("utf-8")
    org, project = EntityType.ORGANISATION, EntityType.PROJECT
    entities = [
        _entity(org, "Region Norrbotten", text, org_type="region"),
        _entity(org, "Region Västerbotten", text, org_type="region"),
        _entity(org, "Luleå tekniska universitet", text, org_type="university"),
        _entity(org, "LTU", text),
        _entity(org, "Länsstyrelsen Norrbotten", text, org_type="county_board"),
        _entity(project, "North Sweden Green Deal", text),
        _entity(project, "regionalt kompetensråd", text),
        _entity(project, "Hur bedrivs arbetet", text),
    ]
    partners = "Samverkanspartner: LTU, Norrbottens kommuner, Länsstyrelsen Norrbotten."
    relations = [
        _relation(
            RelationType.LEADS,
            "org:region-norrbotten",
            PROJECT,
            text,
            "Det drivs av Region Norrbotten",
        ),
        _relation(RelationType.PARTNER_IN, "org:ltu", PROJECT, text, partners),
        _relation(
            RelationType.PARTNER_IN,
            "org:lulea-tekniska-universitet",
            PROJECT,
            text,
            "Luleå tekniska universitet",
        ),
        _relation(RelationType.PARTNER_IN, "org:lansstyrelsen-norrbotten", PROJECT, text, partners),
        _relation(
            RelationType.PART_OF,
            "project:hur-bedrivs-arbetet",
            PROJECT,
            text,
            "Hur bedrivs arbetet?",
        ),
        _relation(
            RelationType.LEADS,
            "org:region-norrbotten",
            "project:regionalt-kompetensrad",
            text,
            "Region Norrbotten har dessutom samlat aktörer",
        ),
    ]
    document = Document(id=DOC, path=str(GREEN_DEAL), title="North Sweden Green Deal")
    return Extraction(documents=[document], entities=entities, relations=relations)


def test_shipped_file_has_no_entries_and_its_examples_are_valid() -> None:
    shipped = ROOT / "data" / "curation.yaml"
    assert load_curation(shipped).entries == []
    text = shipped.read_text("utf-8")
    examples = [line[2:] for line in text.splitlines() if re.match(r"#  (- |  \S)", line)]
    curation = parse_curation("version: 1\ncurations:\n" + "\n".join(examples), "examples")
    assert {e.op for e in curation.entries} == {
        "merge",
        "add_alias",
        "rename",
        "set_type",
        "drop",
        "add_relation",
        "remove_relation",
    }


def test_every_operation_on_a_small_extraction() -> None:
    curation = load_curation(FIXTURES / "all_ops.yaml")
    curated, report = apply_curation(green_deal_extraction(), curation)
    index = curated.entity_index()
    ltu = index["org:lulea-tekniska-universitet"]
    assert "org:ltu" not in index and ltu.aliases == ["LTU"]
    assert ltu.attributes["org_type"] == "university" and len(ltu.mentions) == 2
    assert index[PROJECT].aliases == ["NSGD"]  # its own name is not repeated as alias
    county = index["org:lansstyrelsen-norrbotten"]
    assert (county.name, county.aliases) == (
        "Länsstyrelsen i Norrbottens län",
        ["Länsstyrelsen Norrbotten"],
    )
    assert "project:regionalt-kompetensrad" not in index
    assert index["arena:regionalt-kompetensrad"].type is EntityType.ARENA
    assert "project:hur-bedrivs-arbetet" not in index
    keys = {r.key for r in curated.relations}
    assert ("leads", "org:region-norrbotten", "arena:regionalt-kompetensrad") in keys
    assert ("partner_in", "org:lansstyrelsen-norrbotten", PROJECT) not in keys
    assert not [k for k in keys if "project:hur-bedrivs-arbetet" in k or "org:ltu" in k]
    merged = [r for r in curated.relations if r.key == ("partner_in", ltu.id, PROJECT)]
    assert len(merged) == 1 and len(merged[0].evidence) == 2
    assert [r.line for r in report.applied] == [5, 10, 16, 22, 28, 33, 40]
    assert [(r.line, r.op) for r in report.stale] == [(47, "drop"), (52, "add_alias")]
    assert "no entity with id org:finns-inte" in report.stale[0].detail
    assert report.stale[1].detail == "no entity named 'Region'"
    assert [(r.line, r.op) for r in report.rejected] == [(58, "set_type")]
    assert any(line.startswith(f"stale: {curation.path}:47: drop") for line in report.lines())
    assert report.unmatched[0] == f"{curation.path}:47: drop — no entity with id org:finns-inte"
    assert len(report.unmatched) == 3


def test_added_relation_cites_the_curation_entry() -> None:
    path = FIXTURES / "all_ops.yaml"
    curated, _ = apply_curation(green_deal_extraction(), load_curation(path))
    funds = [r for r in curated.relations if r.type is RelationType.FUNDS]
    assert len(funds) == 1
    relation = funds[0]
    assert (relation.source, relation.target, relation.confidence) == (
        "org:region-vasterbotten",
        PROJECT,
        1.0,
    )
    (evidence,) = relation.evidence
    assert evidence.document == "curation:all_ops.yaml"
    assert evidence.quote == path.read_text("utf-8")[evidence.start : evidence.end]
    assert evidence.quote.startswith("  - op: add_relation") and "50 % från" in evidence.quote
    assert "curation:all_ops.yaml" in {d.id for d in curated.documents}


def test_curation_is_deterministic_and_goes_stale_once_applied() -> None:
    curation = load_curation(FIXTURES / "all_ops.yaml")
    first, _ = apply_curation(green_deal_extraction(), curation)
    again, _ = apply_curation(green_deal_extraction(), curation)
    assert first == again
    _, report = apply_curation(first, curation)
    stale_ops = [r.op for r in report.stale]
    assert "merge" in stale_ops and "drop" in stale_ops and "remove_relation" in stale_ops


def test_ambiguous_name_is_not_applied() -> None:
    extraction = green_deal_extraction()
    doubled = [
        *extraction.entities,
        Entity(id="org:ltu-2", type=EntityType.ORGANISATION, name="ltu"),
    ]
    entry = "curations:\n  - {op: drop, entity: LTU, who: A, why: B}\n"
    curated, report = apply_curation(
        extraction.model_copy(update={"entities": doubled}), parse_curation(entry, "c.yaml")
    )
    assert "ambiguous" in report.stale[0].detail
    assert len(curated.entities) == len(doubled)


def test_merging_different_types_keeps_the_survivors_attributes() -> None:
    entry = (
        "curations:\n  - {op: merge, who: A, why: B,\n"
        "     entities: [LTU, org:region-norrbotten, project:hur-bedrivs-arbetet]}\n"
    )
    curated, report = apply_curation(green_deal_extraction(), parse_curation(entry, "c.yaml"))
    ltu = curated.entity_index()["org:ltu"]
    assert ltu.aliases == ["Region Norrbotten", "Hur bedrivs arbetet"]
    assert ltu.attributes == {"org_type": "region"}
    assert not [r for r in curated.relations if r.source == r.target]
    assert report.applied[0].detail.startswith("merged org:region-norrbotten, project:hur-bedrivs")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad_yaml.yaml", r"bad_yaml\.yaml:6: not valid YAML"),
        ("missing_who.yaml", r"missing_who\.yaml:8: rename entry: who: Field required"),
    ],
)
def test_fixture_errors_name_file_and_line(name: str, message: str) -> None:
    with pytest.raises(CurationError, match=message):
        load_curation(FIXTURES / name)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "curations:\n  - {op: explode, who: A, why: B}\n",
            r"c\.yaml:2: explode entry: .*does not match",
        ),
        (
            "curations:\n  - {op: drop, entity: x, who: A, why: ''}\n",
            r"c\.yaml:2: drop entry: why: String should have at least 1",
        ),
        (
            "curations:\n  - {op: drop, entity: x, who: A, why: B, extra: 1}\n",
            r"c\.yaml:2: drop entry: extra: Extra inputs",
        ),
        (
            "curations:\n  - {op: merge, entities: [a], who: A, why: B}\n",
            r"c\.yaml:2: merge entry: entities: List should have at least 2",
        ),
        ("curations:\n  - just a string\n", r"c\.yaml:2: each curation entry must be a mapping"),
        ("curations: {op: drop}\n", r"c\.yaml:1: 'curations' must be a list"),
        ("- op: drop\n", r"c\.yaml:1: expected a mapping"),
        ("entries: []\n", r"c\.yaml:1: unknown top-level key\(s\): entries"),
        ("version: 2\ncurations: []\n", r"c\.yaml:1: unsupported curation file version 2"),
    ],
)
def test_bad_entries_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(CurationError, match=message):
        parse_curation(text, "c.yaml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CurationError, match=r"saknas\.yaml: no such file"):
        load_curation(tmp_path / "saknas.yaml")


# --- through a real build: curation applied after extraction, reported, switchable ---------

BUILD_OPS = FIXTURES / "build_ops.yaml"
NSGD_ARENA = "arena:north-sweden-green-deal"


@pytest.fixture(scope="module")
def curated_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildReport]:
    """The Green Deal page built with samverkan.build.build_store and the fixture curation."""
    root = tmp_path_factory.mktemp("curated-build")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(GREEN_DEAL, corpus / GREEN_DEAL.name)
    settings = Settings(
        _env_file=None,
        corpus_dir=corpus,
        store_dir=root / "store",
        upload_dir=root / "uploads",
        curation_file=BUILD_OPS,
    )
    return settings, build_store(settings, progress=False, workers=1)


def test_build_applies_every_operation(curated_build: tuple[Settings, BuildReport]) -> None:
    settings, _ = curated_build
    extraction = read_extraction(settings.store_dir)
    assert extraction is not None
    index = extraction.entity_index()
    assert "org:pitea-kommun" not in index and "Piteå kommun" in index["org:lulea-kommun"].aliases
    assert "org:gallivare-kommun" not in index
    assert index["org:lulea-tekniska-universitet"].attributes["org_type"] == "research_institute"
    assert "project:north-sweden-green-deal" not in index
    assert index[NSGD_ARENA].type is EntityType.ARENA and "NSGD" in index[NSGD_ARENA].aliases
    keys = {r.key for r in extraction.relations}
    assert ("leads", "org:lulea-tekniska-universitet", NSGD_ARENA) in keys
    assert ("funds", "org:skelleftea-kommun", NSGD_ARENA) not in keys
    assert not [k for k in keys if {"org:pitea-kommun", "org:gallivare-kommun"} & {k[1], k[2]}]
    assert ("partner_in", "org:lulea-kommun", NSGD_ARENA) in keys  # Piteå's link moved over


def test_built_store_shows_the_curation_in_sparql(
    curated_build: tuple[Settings, BuildReport],
) -> None:
    settings, _ = curated_build
    handle = open_current(settings.store_dir)
    prefixes = (
        "PREFIX sam: <https://w3id.org/samverkansgrafen/ontology#> "
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> "
    )
    rows = handle.query(
        prefixes
        + "SELECT DISTINCT ?doc ?quote WHERE { ?a a sam:Assertion ; rdf:predicate sam:leads ;"
        " rdf:subject ?s ; rdf:object ?o ; prov:wasDerivedFrom ?p . ?s sam:id $s . ?o sam:id $o ."
        " ?p sam:quote ?quote ; sam:document ?d . ?d sam:id ?doc }",
        {"s": "org:lulea-tekniska-universitet", "o": NSGD_ARENA},
    ).dicts()
    assert [str(r["doc"]) for r in rows] == ["curation:build_ops.yaml"]
    quote = str(rows[0]["quote"])
    assert "who: Test Curator" in quote and "why: Test of an added relation" in quote
    names = handle.query(
        prefixes + "SELECT DISTINCT ?label ?alias ?type WHERE { ?e sam:id $id ; rdfs:label ?label ;"
        " a ?type . OPTIONAL { ?e skos:altLabel ?alias } }",
        {"id": "org:lansstyrelsen-norrbotten"},
    ).dicts()
    assert {str(r["label"]) for r in names} == {"Länsstyrelsen i Norrbottens län"}
    assert "Länsstyrelsen Norrbotten" in {str(r["alias"]) for r in names}
    arena = handle.query(
        prefixes + "SELECT DISTINCT ?type WHERE { ?e sam:id $id ; a ?type }", {"id": NSGD_ARENA}
    ).dicts()
    assert {str(r["type"]).rsplit("#", 1)[-1] for r in arena} == {"Arena"}
    gone = handle.query(
        prefixes + "ASK { ?e sam:id ?id FILTER(?id IN ($a, $b)) }",
        {"a": "org:gallivare-kommun", "b": "project:north-sweden-green-deal"},
    )
    assert gone.boolean is False


def test_curated_store_validates_clean(curated_build: tuple[Settings, BuildReport]) -> None:
    settings, _ = curated_build
    violations = validate_store(open_current(settings.store_dir))
    assert violations == [], "\n".join(map(str, violations[:10]))


def test_build_reports_the_stale_entry(curated_build: tuple[Settings, BuildReport]) -> None:
    _, report = curated_build
    assert len(report.unmatched_curations) == 1
    (line,) = report.unmatched_curations
    assert line.startswith(f"{BUILD_OPS}:") and "org:finns-inte-langre" in line


def test_curation_survives_a_rebuild_and_can_be_turned_off(
    curated_build: tuple[Settings, BuildReport],
) -> None:
    settings, first = curated_build
    again = build_store(settings, progress=False, workers=1)
    assert not again.changed and again.unmatched_curations == first.unmatched_curations
    assert NSGD_ARENA in read_extraction(settings.store_dir).entity_index()  # type: ignore[union-attr]
    plain = build_store(settings, progress=False, workers=1, no_curation=True)
    index = read_extraction(settings.store_dir).entity_index()  # type: ignore[union-attr]
    assert plain.changed and plain.unmatched_curations == []
    assert "project:north-sweden-green-deal" in index and "org:gallivare-kommun" in index
    assert NSGD_ARENA not in index
    build_store(settings, progress=False, workers=1)  # leave the curated store for others


def _cli_extract(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAMVERKAN_CURATION_FILE": str(BUILD_OPS)}
    return subprocess.run(
        [sys.executable, "-m", "samverkan", "extract", str(GREEN_DEAL), "--format", "json", *flags],
        cwd=tmp_path,  # no .env of the project
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_extract_applies_and_reports_or_skips_curation(tmp_path: Path) -> None:
    curated = _cli_extract(tmp_path)
    assert curated.returncode == 0, curated.stderr
    ids = {e["id"] for e in json.loads(curated.stdout)["entities"]}
    assert NSGD_ARENA in ids and "org:gallivare-kommun" not in ids
    stale = [x for x in curated.stderr.splitlines() if x.startswith("curation no longer matches")]
    assert len(stale) == 1 and "build_ops.yaml:54: drop" in stale[0]
    plain = _cli_extract(tmp_path, "--no-curation")
    assert plain.returncode == 0, plain.stderr
    ids = {e["id"] for e in json.loads(plain.stdout)["entities"]}
    assert "project:north-sweden-green-deal" in ids and NSGD_ARENA not in ids
    assert "curation no longer matches" not in plain.stderr
