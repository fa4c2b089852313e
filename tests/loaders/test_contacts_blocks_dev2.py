"""Contact blocks of the dev2 texts: role / name / organisation / details lines, and
one-line "Name, title, Org, phone" contacts. Organisations are never read as people."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.contacts import find_contact_persons, is_organisation, is_person_name
from loaders.pipeline import ExtractOptions, ExtractResult, extract
from loaders.privacy import has_contact_details
from loaders.read import SourceText, read_bytes, read_source
from ontology.model import Entity, EntityType, Relation, RelationType

ROOT = Path(__file__).resolve().parents[2]
DEV2 = ROOT / "bench" / "gold" / "dev2"
PROJECT_PAGE = DEV2 / "vasterbotten-projektsida-servicepunkt-inland.txt"
VB = "org:region-vasterbotten"

# The contact section of the project page, as written there.
PAGE_CONTACTS = (
    "Kontakt\n\n"
    "Projektledare\nMaria Holmqvist\nLycksele kommun, samhällsbyggnadsförvaltningen\n"
    "Telefon: 0950-166 42\nE-post: maria.holmqvist@lycksele.se\n\n"
    "Biträdande projektledare\nJonas Åström\nCoompanion Västerbotten\n"
    "Telefon: 070-312 45 88\nE-post: jonas.astrom@coompanion.se\n\n"
    "Kommunikatör\nElin Sjödin\nTelefon: 0950-167 05\nE-post: elin.sjodin@lycksele.se\n"
)


def _people(
    source: SourceText, region: str | None = VB
) -> tuple[dict[str, Entity], dict[str, Relation]]:
    entities, relations = find_contact_persons(source, region)
    for rel in relations:
        assert rel.type is RelationType.MEMBER_OF
        for ev in rel.evidence:
            assert ev.quote == source.original[ev.start : ev.end]
    for ent in entities:
        for m in ent.mentions:
            assert source.original[m.start : m.end] == ent.name
    return {e.name: e for e in entities}, {r.source: r for r in relations}


def _text(text: str) -> SourceText:
    return read_bytes(text.encode(), "kontakt.txt")


@pytest.fixture(scope="module")
def project_page() -> tuple[dict[str, Entity], dict[str, Relation]]:
    return _people(read_source(PROJECT_PAGE))


def test_project_page_people_and_their_organisations(
    project_page: tuple[dict[str, Entity], dict[str, Relation]],
) -> None:
    people, rels = project_page
    assert sorted(people) == ["Elin Sjödin", "Jonas Åström", "Maria Holmqvist"]
    maria = people["Maria Holmqvist"]
    # The organisation is the line after the name, not the document's region.
    assert maria.attributes["organisation"] == "org:lycksele-kommun"
    assert maria.attributes["title"] == "Projektledare"
    assert maria.attributes["area"] == "samhällsbyggnadsförvaltningen"
    assert rels[maria.id].confidence >= 0.95
    assert rels[maria.id].evidence[0].quote == (
        "Maria Holmqvist\nLycksele kommun, samhällsbyggnadsförvaltningen"
    )
    jonas = people["Jonas Åström"]
    assert jonas.attributes["organisation"] == "org:coompanion-vasterbotten"
    assert jonas.attributes["title"] == "Biträdande projektledare"


def test_organisation_line_is_not_a_person(
    project_page: tuple[dict[str, Entity], dict[str, Relation]],
) -> None:
    people, rels = project_page
    assert "Coompanion Västerbotten" not in people
    assert all(r.source.startswith("person:") for r in rels.values())
    assert VB not in {r.target for r in rels.values()}  # no far-away organisation guessed


def test_unnamed_organisation_from_a_colleague_mail_domain(
    project_page: tuple[dict[str, Entity], dict[str, Relation]],
) -> None:
    people, rels = project_page
    elin = people["Elin Sjödin"]
    # Same mail domain as Maria Holmqvist, whose block names Lycksele kommun.
    assert elin.attributes["organisation"] == "org:lycksele-kommun"
    assert rels[elin.id].confidence < 0.9  # implied, not stated


def test_no_organisation_when_nothing_points_to_one() -> None:
    # Elin's block without her e-mail: no org line, no section organisation, a colleague
    # names another employer, so the region is not assumed.
    text = PAGE_CONTACTS.replace("E-post: elin.sjodin@lycksele.se\n", "")
    people, rels = _people(_text(text))
    assert "organisation" not in people["Elin Sjödin"].attributes
    assert people["Elin Sjödin"].id not in rels
    assert people["Elin Sjödin"].attributes["title"] == "Kommunikatör"


def test_press_release_lines_and_press_office() -> None:
    source = read_source(DEV2 / "norrbotten-pressmeddelande-vatgaskorridor.txt")
    people, rels = _people(source, "org:region-norrbotten")
    assert sorted(people) == ["Helena Stenberg", "Karin Öberg"]  # not "Piteå kommuns presstjänst"
    helena = people["Helena Stenberg"]
    assert helena.attributes["title"] == "kommunstyrelsens ordförande"
    assert rels[helena.id].target == "org:pitea-kommun"
    assert rels[helena.id].confidence >= 0.95
    assert rels[people["Karin Öberg"].id].target == "org:pitea-kommun"
    assert len(helena.mentions) == 1  # the quote "säger Helena Stenberg" is no contact line


def test_role_line_then_name_with_organisation() -> None:
    source = read_source(DEV2 / "vasterbotten-natverkssida-fjallturism.txt")
    people, rels = _people(source)
    assert sorted(people) == ["Ida Lindgren", "Per-Olof Granström"]
    ida = people["Ida Lindgren"]
    assert ida.attributes["title"] == "Sekreterare"
    assert rels[ida.id].target == VB
    assert rels[ida.id].evidence[0].quote == "Ida Lindgren, Region Västerbotten"
    per_olof = people["Per-Olof Granström"]
    assert per_olof.attributes["title"] == "Ordförande"
    assert rels[per_olof.id].target == "org:storumans-kommun"


def test_labelled_contact_after_a_sentence() -> None:
    source = read_source(DEV2 / "vasterbotten-nyhetsbrev-norr-november.txt")
    people, rels = _people(source)
    assert list(people) == ["Johanna Lundberg"]
    johanna = people["Johanna Lundberg"]
    assert johanna.attributes["title"] == "Redaktör"
    assert rels[johanna.id].target == VB  # the mail domain spells the region


def test_organisation_heading_above_a_group() -> None:
    text = (
        "Kontaktpersoner\n\nRegion Västerbotten\n\n"
        "Stina Karlgren, Enhetschef Samhällsbyggnad, 070-857 57 65\n\n"
        "Ida Lindgren\nSekreterare\n090-785 47 12\n\n"
        "Om webbplatsen finns mer att läsa på en annan sida.\n\n"
        "Per-Olof Granström, ordförande, 0951-140 07\n"
    )
    source = _text(text)
    people, rels = _people(source, None)
    for name in ("Stina Karlgren", "Ida Lindgren"):
        rel = rels[people[name].id]
        assert rel.target == VB
        assert 0.8 < rel.confidence < 0.95
        assert "Region Västerbotten" in [ev.quote for ev in rel.evidence]
    # Running text ends the group: the heading no longer applies.
    assert people["Per-Olof Granström"].id not in rels


def test_region_only_when_no_other_employer_is_named() -> None:
    lines = "Region Västerbotten\n\nKontakt\n\nAnna Ek, handläggare, 070-111 22 33\n"
    people, rels = _people(_text(lines))
    assert rels[people["Anna Ek"].id].target == VB  # the publisher's own contact
    unpublished = "Kontakt\n\nAnna Ek, handläggare, 070-111 22 33\n"
    people, rels = _people(_text(unpublished))
    assert people["Anna Ek"].id not in rels  # no header names the region: no guess
    other = lines + "Bo Ek, strateg, Piteå kommun, 070-111 22 34\n"
    people, rels = _people(_text(other))
    assert people["Anna Ek"].id not in rels
    assert rels[people["Bo Ek"].id].target == "org:pitea-kommun"


def test_organisation_block_without_a_person() -> None:
    text = (
        "Kontakt\n\nCoompanion Västerbotten\nTelefon: 070-312 45 88\nE-post: info@coompanion.se\n"
    )
    assert _people(_text(text)) == ({}, {})


def test_prose_above_the_details_is_no_block() -> None:
    text = (
        "Maria Holmqvist\n"
        "Projektet har beviljats stöd och ska pröva nya sätt att hålla ihop service.\n"
        "Telefon: 0950-166 42\n"
    )
    assert _people(_text(text)) == ({}, {})


@pytest.mark.parametrize(
    ("text", "person", "organisation"),
    [
        ("Maria Holmqvist", True, False),
        ("Per-Olof Granström", True, False),
        ("Coompanion Västerbotten", False, True),
        ("Företagarna Norrbotten", False, True),
        ("Lycksele kommun", False, True),
        ("Haparanda stad", False, True),
        ("Saxnäs Fjällturism AB", False, True),
        ("Enhetschef för Film i Västerbotten", False, False),
        ("samhällsbyggnadsförvaltningen", False, False),
        ("Projektledare", False, False),
    ],
)
def test_names_and_organisations(text: str, person: bool, organisation: bool) -> None:
    assert is_person_name(text) is person
    assert is_organisation(text) is organisation


def _project_page_extraction(keep: bool) -> ExtractResult:
    return extract(
        [PROJECT_PAGE], ExtractOptions(keep_contact_details=keep, apply_curation=False, workers=1)
    )


def test_pipeline_links_and_privacy() -> None:
    result = _project_page_extraction(keep=False)
    ext = result.extraction
    types = {e.id: e.type for e in ext.entities}
    people = [e for e in ext.entities if e.type is EntityType.CONTACT_PERSON]
    assert sorted(p.name for p in people) == ["Elin Sjödin", "Jonas Åström", "Maria Holmqvist"]
    links = {
        (r.source, r.target)
        for r in ext.relations
        if r.type is RelationType.MEMBER_OF and types.get(r.source) is EntityType.CONTACT_PERSON
    }
    assert links == {
        ("person:maria-holmqvist", "org:lycksele-kommun"),
        ("person:jonas-astrom", "org:coompanion-vasterbotten"),
        ("person:elin-sjodin", "org:lycksele-kommun"),
    }
    for person in people:
        assert "phone" not in person.attributes and "email" not in person.attributes
    for rel in ext.relations:
        assert not any(has_contact_details(ev.quote) for ev in rel.evidence)
    kept = _project_page_extraction(keep=True).extraction
    maria = next(e for e in kept.entities if e.id == "person:maria-holmqvist")
    assert maria.attributes["phone"] == ["0950-166 42"]
    assert maria.attributes["email"] == ["maria.holmqvist@lycksele.se"]
