"""Names in apposition to a work noun ("X, en satsning …") that carry an acronym or
English small words (shapes first seen in the blind dev9 set)."""

from __future__ import annotations

from extracttools import extract, related, works

from ontology.model import EntityType, RelationType

ACADEMY = (
    "Programmen i korthet:\n\n"
    "- Green Transition Academy (GTA), en satsning på kompetensutveckling för företag i "
    "omställningen, som Umeå universitet och Luleå tekniska universitet driver gemensamt "
    "2024–2026 med finansiering från Tillväxtverket.\n"
)
PROOF = (
    "- Proof of Concept North, ett verifieringsprogram som UMU Innovation driver med stöd "
    "från Vinnova.\n"
)


def test_acronym_between_name_and_apposition() -> None:
    x = extract(ACADEMY)
    assert works(x).get("Green Transition Academy") is EntityType.PROJECT
    acronyms = {e.name: e.attributes.get("acronym") for e in x.entities}
    assert acronyms["Green Transition Academy"] == "GTA"
    assert ("Tillväxtverket", "Green Transition Academy") in related(x, RelationType.FUNDS)


def test_english_small_words_stay_in_the_name() -> None:
    found = works(extract(PROOF))
    assert found.get("Proof of Concept North") is EntityType.PROJECT
    assert "Concept North" not in found


def test_lowercase_run_is_not_taken_into_the_name() -> None:
    text = "Vi arbetar med frågor om energi, ett nätverk behövs på sikt.\n"
    assert not works(extract(text))


def test_genitive_anaphor_is_no_organisation() -> None:
    text = (
        "Rådet samlar i dag LKAB, Luleå kommun och Piteå kommun. Regionens deltagande "
        "ligger i linje med planen.\n"
    )
    names = {e.name for e in extract(text).entities if e.type is EntityType.ORGANISATION}
    assert "Regionens" not in names
    assert {"LKAB", "Luleå kommun", "Piteå kommun"} <= names


def test_capitalised_compound_after_county_genitive_is_an_arena() -> None:
    text = "Region Norrbotten är sedan 2025 medlem i Norrbottens Innovationsråd.\n"
    x = extract(text)
    assert works(x).get("Norrbottens Innovationsråd") is EntityType.ARENA
    assert ("Region Norrbotten", "Norrbottens Innovationsråd") in related(x, RelationType.MEMBER_OF)
