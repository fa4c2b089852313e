"""Contact persons from the corpus's contact blocks (report list, web page, press release)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.contacts import find_contact_persons, is_person_name
from loaders.read import SourceText, read_bytes, read_source
from ontology.model import Entity, Relation, RelationType

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


def _read(name: str, region: str | None) -> tuple[SourceText, dict[str, Entity], list[Relation]]:
    source = read_source(CORPUS / f"{name}.txt")
    entities, relations = find_contact_persons(source, region)
    return source, {e.id: e for e in entities}, relations


def _assert_provenance(source: SourceText, people: dict[str, Entity], rels: list[Relation]) -> None:
    for person in people.values():
        assert person.mentions
        for m in person.mentions:
            assert source.original[m.start : m.end] == person.name
    for relation in rels:
        assert relation.type is RelationType.MEMBER_OF
        for ev in relation.evidence:
            assert ev.quote == source.original[ev.start : ev.end]
            assert ev.quote.startswith(people[relation.source].name)


def test_report_contact_list() -> None:
    source, people, rels = _read("vasterbotten-resultat-2024", "org:region-vasterbotten")
    assert len(people) == 13
    stina = people["person:stina-karlgren"]
    assert stina.attributes["title"] == "Enhetschef Samhällsbyggnad"
    assert stina.attributes["area"].split("; ") == [
        "Västerbotten – En nytänkande och smart region",
        "Västerbotten – En region med platsbaserad hållbar näringslivsutveckling",
        "Västerbotten – En region med hållbara livsmiljöer att bo, verka och leva i",
    ]
    assert len(stina.mentions) == 3
    assert stina.attributes["phone"] == ["070-857 57 65"]
    helena = people["person:helena-bjornwall-astrom"]
    assert helena.name == "Helena Björnwall Åström"
    assert {r.target for r in rels} == {"org:region-vasterbotten"}
    assert all(r.confidence < 0.9 for r in rels)  # organisation implied, not stated
    _assert_provenance(source, people, rels)


def test_green_deal_page_blocks() -> None:
    source, people, rels = _read("norrbotten-north-sweden-green-deal", "org:region-norrbotten")
    assert sorted(people) == [
        "person:sara-stylback-vesa",
        "person:stina-almkvist",
        "person:ylva-sarden",
    ]
    ylva = people["person:ylva-sarden"]
    assert ylva.attributes["title"].startswith("Strateg, projektledare North Sweden Green Deal")
    assert ylva.attributes["email"] == ["ylva.sarden@norrbotten.se"]
    assert people["person:sara-stylback-vesa"].attributes["phone"] == ["0920-28 41 06"]
    _assert_provenance(source, people, rels)


def test_press_release_lines() -> None:
    source, people, rels = _read("vasterbotten-rus-kickoff-2012", None)
    assert sorted(people) == [
        "person:anna-pettersson",
        "person:ingela-hjulfors-berg",
        "person:thomas-westerberg",
    ]
    anna = people["person:anna-pettersson"]
    assert len(anna.mentions) == 1  # "säger Anna Pettersson" in the text is a quote, not a contact
    assert anna.attributes["phone"] == ["090-16 57 11", "070-397 68 84"]
    assert people["person:thomas-westerberg"].attributes["area"] == "Regional Utvecklingsplanering"
    by_person = {r.source: r for r in rels}
    assert by_person["person:ingela-hjulfors-berg"].target == "org:region-vasterbotten"
    assert by_person["person:anna-pettersson"].confidence > 0.9  # organisation stated
    assert "person:jorgen-bostrom" not in people  # the byline has no contact details
    _assert_provenance(source, people, rels)


def test_documents_without_contacts() -> None:
    for name in ("norrbotten-rus-dialog-alvsbyn-2024", "norrbotten-vagen-till-malet"):
        _, people, rels = _read(name, "org:region-norrbotten")
        assert (people, rels) == ({}, [])


def test_html_contact_block_maps_into_raw_html() -> None:
    page = (
        "<html><body><main><h2>Kontakt</h2><p><strong>Stina Almkvist</strong></p>"
        "<p>Strateg talangattraktion</p><p>072-726 66 50<br>"
        "<a href='mailto:stina.almkvist@norrbotten.se'>stina.almkvist@norrbotten.se</a></p>"
        "<p>V&auml;xel: 0920-28 40 00</p></main></body></html>"
    )
    source = read_bytes(page.encode(), "kontakt.html")
    entities, relations = find_contact_persons(source, "org:region-norrbotten")
    assert [e.name for e in entities] == ["Stina Almkvist"]
    assert entities[0].attributes["title"] == "Strateg talangattraktion"
    assert entities[0].attributes["phone"] == ["072-726 66 50"]
    mention = entities[0].mentions[0]
    assert source.original[mention.start : mention.end] == "Stina Almkvist"
    assert (
        relations[0].evidence[0].quote
        == source.original[relations[0].evidence[0].start : relations[0].evidence[0].end]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Pettersson", True),
        ("Helena Björnwall Åström", True),
        ("Sara Stylbäck-Vesa", True),
        ("Region Västerbotten", False),
        ("Länsstyrelsen Norrbotten", False),
        ("regiondirektör", False),
        ("Anna", False),
        ("Verksamhetsstrateg", False),
    ],
)
def test_person_names(text: str, expected: bool) -> None:
    assert is_person_name(text) is expected


def test_labelled_lines_and_blocks_with_organisation() -> None:
    text = (
        "Kontaktpersoner\n\n"
        "Kontaktperson: Thomas Westerberg, chef, tel. 090-16 57 49\n\n"
        "Karolina Filipson\n"
        "Myndighetschef\n"
        "Region Västerbotten\n"
        "Telefon: 070-300 86 23\n"
        "E-post: karolina.filipsson@regionvasterbotten.se\n"
    )
    source = read_bytes(text.encode(), "kontakt.txt")
    entities, relations = find_contact_persons(source, None)
    people = {e.name: e for e in entities}
    assert sorted(people) == ["Karolina Filipson", "Thomas Westerberg"]
    thomas = people["Thomas Westerberg"]
    assert thomas.attributes["title"] == "chef"  # "tel." is a label, not a field
    assert thomas.attributes["phone"] == ["090-16 57 49"]
    karolina = people["Karolina Filipson"]
    assert karolina.attributes["title"] == "Myndighetschef"
    assert karolina.attributes["organisation"] == "org:region-vasterbotten"
    assert karolina.attributes["email"] == ["karolina.filipsson@regionvasterbotten.se"]
    assert [r.target for r in relations] == ["org:region-vasterbotten"]  # Thomas: no org known
    assert (
        relations[0].evidence[0].quote == "Karolina Filipson\nMyndighetschef\nRegion Västerbotten"
    )
    for person in entities:
        m = person.mentions[0]
        assert source.original[m.start : m.end] == person.name
