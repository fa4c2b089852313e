"""The gold files are well-formed and grounded in their documents; the scorer matches as documented.

The gold files (bench/gold/*.yaml, bench/gold/unseen/*.yaml) are the yardstick for extraction
quality, so a typo in them would silently distort every figure: every anchor must occur
verbatim in its document, every entity must be named in it, every relation must point at
annotated entities. The scorer's matching rules (bench/gold/GUIDELINES.md) are checked on tiny
hand-made cases.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "bench" / "gold"
UNSEEN = GOLD / "unseen"


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extraction_quality", ROOT / "bench" / "extraction_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extraction_quality"] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


eq = _load_scorer()
# Every set the scorer knows (its list, not a copy), each with its own folder; "dev" is the
# corpus, whose gold files lie in bench/gold/ itself.
SET_DIRS = [GOLD / name for name in (*eq.DEV_SETS, *eq.HELD_OUT_SETS) if name != "dev"]
GOLD_FILES = sorted(GOLD.glob("*.yaml")) + [f for d in SET_DIRS for f in sorted(d.glob("*.yaml"))]


def _document_text(gold_file: Path) -> str:
    doc = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["document"]
    folder = gold_file.parent if gold_file.parent != GOLD else ROOT / "data" / "corpus"
    return (folder / f"{doc}.txt").read_text(encoding="utf-8")


def _raw(gold_file: Path) -> dict[str, Any]:
    data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_there_is_a_gold_file_per_corpus_document_and_held_out_documents() -> None:
    corpus = {p.stem for p in (ROOT / "data" / "corpus").glob("*.txt")}
    assert corpus == {p.stem for p in GOLD.glob("*.yaml")}
    for folder in SET_DIRS:
        assert len(list(folder.glob("*.yaml"))) >= 2, folder
        assert {p.stem for p in folder.glob("*.yaml")} == {p.stem for p in folder.glob("*.txt")}
        assert (folder / "README.md").exists() or folder == UNSEEN


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_parses_and_names_are_unique(gold_file: Path) -> None:
    gold = eq.load_gold(gold_file)
    assert gold.document == gold_file.stem
    names = [(e.type, e.label) for e in gold.entities]
    assert len(names) == len(set(names)), "duplicate (type, name)"
    assert {e.type for e in gold.entities} <= set(eq.ENTITY_TYPES)
    assert {r.type for r in gold.relations} <= set(eq.RELATION_TYPES)
    keys = [
        (
            r.type,
            r.source.label,
            str(r.target if isinstance(r.target, int) else r.target.label),
            tuple(r.source.priorities),
        )
        for r in gold.relations
    ]
    assert len(keys) == len(set(keys)), "duplicate relation"


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_every_anchor_occurs_verbatim_in_the_document(gold_file: Path) -> None:
    text = _document_text(gold_file)
    missing = [
        e["anchor"]
        for e in _raw(gold_file)["entities"]
        if e.get("anchor") and e["anchor"] not in text
    ]
    assert missing == []


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_every_entity_is_named_in_the_document(gold_file: Path) -> None:
    # Compared in the scorer's own normal form, so inflection and hyphenation do not matter.
    raw_text = _document_text(gold_file)
    text = f" {eq.key(raw_text.replace(chr(10), ' '))} "
    # A word hyphenated at a line's end ("Kompetens-" / "tinget") is one word.
    text += f" {eq.key(re.sub(r'(?<=[a-zåäö])-' + chr(10), '', raw_text).replace(chr(10), ' '))} "
    absent = []
    for entity in _raw(gold_file)["entities"]:
        names = [entity["name"], *(entity.get("aliases") or [])]
        if any(f" {eq.key(n)} " in text for n in names if eq.key(n)):
            continue
        # A name wrapped in a table cell ("Hållbar besöks-" / "ekonomi 2030", "Örnsköldsviks" /
        # "kommun"): its anchor is the first line's part of the cell.
        first = re.split(r"\s{2,}", (entity.get("anchor") or "").strip())[0]
        key = eq.key(entity["name"])
        wrapped = first.endswith("-") or set(key.split()) <= set(text.split())
        if first and key.startswith(eq.key(first.rstrip("-"))) and wrapped:
            continue
        # Members of a grouping ("Kommunerna Boden, Gällivare och Piteå") cite the grouping.
        grouping = entity.get("expanded_from") or ""
        words = set(eq.key(entity["name"]).split()) - {"kommun"}
        if not (grouping and grouping in raw_text and words & set(eq.key(grouping).split())):
            absent.append(entity["name"])
    assert absent == []


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_relations_point_at_annotated_entities(gold_file: Path) -> None:
    data = _raw(gold_file)
    entities = {(e["type"], e["name"]) for e in data["entities"]}
    named = {name for _, name in entities}
    areas = {
        (e["name"], e.get("priority")) for e in data["entities"] if e["type"] == "StrategicArea"
    }
    for rel in data.get("relations") or []:
        if rel["type"] == "contributes_to":
            assert (rel["source"], rel.get("priority")) in areas, rel
            assert 1 <= int(rel["target"]) <= 17, rel
        else:
            assert rel["source"] in named and rel["target"] in named, rel
            assert any((t, rel["target"]) in entities for t in ("Arena", "Project")), rel


# --- the scorer on hand cases -----------------------------------------------------------------


def _item(etype: str, name: str, *aliases: str, optional: bool = False, prio: str = "") -> Any:
    return eq.Item(etype, name, eq.name_keys([name, *aliases]), [prio] if prio else [], optional)


def test_names_are_normalised_for_case_punctuation_articles_and_genitive() -> None:
    assert eq.key("Nätverket för regional nationell dialog") == eq.key(
        "för Regional nationell dialog"
    )
    assert eq.key("Region Västerbottens") == eq.key("Region Västerbotten")
    assert eq.key("Bioekonomi – regioner i samverkan") == eq.key(
        "Bioekonomi - regioner i samverkan"
    )
    assert eq.key("Umeå Universitet") == eq.key("umeå universitet")
    assert eq.key("Umeå universitet") != eq.key("Umea universitet")  # å is kept
    assert eq.key("Luleå tekniska universitet") != eq.key("Luleå kommun")


def test_acronyms_on_either_side_match_and_types_must_agree() -> None:
    gold = _item("Arena", "Europaforum Norra Sverige", "EFNS")
    assert eq.entity_match(gold, _item("Arena", "EFNS")) == 1
    assert eq.entity_match(gold, _item("Arena", "Europaforum Norra Sverige (EFNS)")) == 2
    assert eq.entity_match(gold, _item("Organisation", "EFNS")) == 0
    assert eq.entity_match(gold, _item("Arena", "Europaforum")) == 0


def test_matching_is_one_to_one_and_optional_items_are_neutral() -> None:
    golds = [
        _item("Arena", "RegLab"),
        _item("Arena", "Taiga", optional=True),
        _item("Arena", "BoVä"),
    ]
    preds = [
        _item("Arena", "Reglab"),
        _item("Arena", "RegLab"),
        _item("Arena", "Taiga"),
        _item("Arena", "Foo"),
    ]
    score = eq.match(golds, preds, eq.entity_match)
    assert (score.tp, score.fp, score.fn) == (1, 2, 1)
    assert len(score.false_pos) == 2 and "Foo" in score.false_pos  # one RegLab is a duplicate
    assert score.false_neg == ["BoVä"]
    assert score.precision == pytest.approx(1 / 3) and score.recall == pytest.approx(1 / 2)


def test_strategic_areas_match_by_priority_and_name() -> None:
    prio = "Västerbotten – En nytänkande och smart region"
    gold = _item("StrategicArea", "Digitalisering", prio=prio)
    same = _item(
        "StrategicArea",
        "Digitalisering",
        prio="priority:vasterbotten-en-nytankande-och-smart-region",
    )
    other = _item(
        "StrategicArea", "Digitalisering", prio="Västerbotten – En nära tillgänglig region"
    )
    assert eq.entity_match(gold, same) == 2
    assert eq.entity_match(gold, other) == 0


def test_relations_match_on_type_ends_and_sdg_goal() -> None:
    prio = "Västerbotten – En region med hållbara livsmiljöer att bo, verka och leva i"
    area = _item("StrategicArea", "Energi", prio=prio)
    gold = eq.Rel("contributes_to", area, 7)
    assert eq.relation_match(gold, eq.Rel("contributes_to", area, 7)) == 1
    assert eq.relation_match(gold, eq.Rel("contributes_to", area, 13)) == 0
    org, arena = _item("Organisation", "Umeå universitet", "UmU"), _item("Arena", "Gröna gruppen")
    member = eq.Rel("member_of", org, arena)
    assert eq.relation_match(member, eq.Rel("member_of", _item("Organisation", "UmU"), arena)) == 1
    assert eq.relation_match(member, eq.Rel("leads", org, arena)) == 0


def test_predictions_of_another_type_naming_an_ambiguous_item_are_neutral() -> None:
    ambiguous = [_item("Arena", "Life Science Job Fair", optional=True)]
    assert eq._neutral(_item("Project", "Life science job fair"), ambiguous, [])
    assert not eq._neutral(_item("Project", "ViiBIC"), ambiguous, [])
