"""SDG targets (delmål) on real excerpts of Region Västerbotten's 2024 results report."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.pipeline import extract_text
from loaders.resolve import GraphBuilder
from loaders.sdg_targets import TargetRef, in_sdg_context, is_un_target, target_refs
from ontology.model import Entity, Extraction, RelationType

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"
EXCERPT = (FIXTURES / "sdg_targets_excerpt.txt").read_text(encoding="utf-8")
TOURISM = "Arbetet handlar framför allt om delmål 8.9 Främja gynnsam och hållbar turism"


def _targets(text: str) -> list[str]:
    return [ref.target for ref in target_refs(text)]


def _extraction(text: str, doc_id: str = "excerpt") -> Extraction:
    doc, builder = extract_text(text, doc_id)
    entities, relations = builder.build()
    return Extraction(documents=[doc], entities=entities, relations=relations)


def _goal(ex: Extraction, goal: int) -> Entity | None:
    return ex.entity_index().get(f"sdg:{goal}")


@pytest.fixture(scope="module")
def excerpt() -> Extraction:
    return _extraction(EXCERPT)


def test_written_forms_become_un_numbers() -> None:
    assert _targets(TOURISM) == ["8.9"]
    assert _targets("Arbetet handlar framför allt om delmål 12b Utveckla och implementera") == [
        "12.b"
    ]
    assert _targets("Särskilt delmål 11.A Främja nationell och regional utvecklingsplanering.") == [
        "11.a"
    ]
    assert _targets("bidrar särskilt till delmålen 8.2, 8.3 och 8.10 i Agenda 2030") == [
        "8.2",
        "8.3",
        "8.10",
    ]


def test_goal_headings_and_years_are_not_targets() -> None:
    assert _targets("Mål 12. Hållbar konsumtion och produktion") == []
    assert _targets("Mål 8: Anständiga villkor och ekonomisk tillväxt") == []
    assert _targets("målen i Agenda 2030 (RUS 2020–2030)") == []
    assert _targets("enligt bilaga (se 3.2 nedan)") == []


def test_un_numbering_is_checked() -> None:
    assert is_un_target("8.10") and is_un_target("17.19") and is_un_target("3.d")
    assert not is_un_target("8.11")  # goal 8 has ten numbered targets
    assert not is_un_target("7.c")  # goal 7 has 7.a and 7.b only
    assert not is_un_target("17.a")  # goal 17 has no lettered targets
    assert not is_un_target("18.1")


def test_bare_numbers_need_an_agenda_2030_context() -> None:
    with_context = "Projektet stärker hållbar turism (8.9) i linje med Agenda 2030."
    without = "Projektet stärker hållbar turism (8.9) i linje med länets plan."
    (ref,) = target_refs(with_context)
    assert ref.target == "8.9" and in_sdg_context(with_context, ref)
    (bare,) = target_refs(without)
    assert not in_sdg_context(without, bare)
    assert not in_sdg_context(without, TargetRef("8.9", 0, 3))


def test_excerpt_targets_are_recorded_on_their_goals(excerpt: Extraction) -> None:
    recorded = {g: e.attributes.get("targets") for g in (8, 11, 12, 13) if (e := _goal(excerpt, g))}
    assert recorded == {8: ["8.9"], 11: ["11.a"], 12: ["12.b"], 13: ["13.3"]}
    # A goal the excerpt lists without a target carries none.
    nine = _goal(excerpt, 9)
    assert nine is not None and "targets" not in nine.attributes


def test_the_reference_is_a_mention_and_evidence_of_the_area(excerpt: Extraction) -> None:
    goal = _goal(excerpt, 8)
    assert goal is not None
    quotes = {EXCERPT[m.start : m.end] for m in goal.mentions}
    assert "8.9" in quotes
    links = [
        r
        for r in excerpt.relations
        if r.type is RelationType.CONTRIBUTES_TO
        and r.target == "sdg:8"
        and r.source.endswith("besoksnaring-och-turism")
    ]
    assert len(links) == 1
    # Besides the goal item, the sentence naming the target is cited on its own.
    assert any(ev.quote.startswith(TOURISM) for ev in links[0].evidence)
    assert all(EXCERPT[ev.start : ev.end] == ev.quote for ev in links[0].evidence)


def test_a_target_of_another_goal_inside_a_goal_item_is_dropped() -> None:
    changed = EXCERPT.replace("delmål 13.3", "delmål 8.3")
    assert changed != EXCERPT
    ex = _extraction(changed)
    thirteen = _goal(ex, 13)
    assert thirteen is not None and "targets" not in thirteen.attributes
    eight = _goal(ex, 8)
    assert eight is not None and eight.attributes["targets"] == ["8.9"]


def test_running_text_needs_sdg_words() -> None:
    strategy = _extraction("Strategins mål 3.2 handlar om kompetensförsörjning i länet.\n")
    assert _goal(strategy, 3) is None
    agenda = _extraction(
        "Projektet bidrar till Agenda 2030, särskilt delmål 9.5 om forskning och innovation.\n"
    )
    nine = _goal(agenda, 9)
    assert nine is not None and nine.attributes["targets"] == ["9.5"]


def test_targets_of_two_documents_are_merged() -> None:
    merged = GraphBuilder()
    for n, target in enumerate(("8.9", "8.2")):
        text = f"Arbetet bidrar till Agenda 2030, främst delmål {target}.\n"
        merged.merge(extract_text(text, f"doc-{n}")[1])
    entities, _ = merged.build()
    goal = next(e for e in entities if e.id == "sdg:8")
    assert goal.attributes["targets"] == ["8.9", "8.2"]
