"""English names of standing settings inside Swedish text ("Arctic Business Network",
"Vanguard Initiative"): arenas, except bodies listed among organisations, names that go
on ("Arctic Waste Forum Light") and names the text says are funded (projects)."""

from __future__ import annotations

from extracttools import extract, related, works

from ontology.model import EntityType, RelationType


def test_membership_in_an_english_named_network() -> None:
    x = extract("Regionen är medlem i Vanguard Initiative sedan 2019. Region Västerbotten leder.\n")
    assert works(x).get("Vanguard Initiative") is EntityType.ARENA


def test_place_word_after_the_head_is_part_of_the_name() -> None:
    text = "Universitetet deltar i European Digital Innovation Hub North, som samordnas av RISE.\n"
    x = extract(text)
    assert "European Digital Innovation Hub North" in works(x)
    assert ("RISE", "European Digital Innovation Hub North") in related(x, RelationType.LEADS)


def test_body_in_a_list_of_organisations_is_no_arena() -> None:
    text = (
        "I samverkan ingår Almi Företagspartner, Business Sweden, Enterprise Europe Network "
        "och Exportkreditnämnden.\n"
    )
    assert "Enterprise Europe Network" not in works(extract(text))


def test_regional_council_of_is_an_organisation_name() -> None:
    text = "Nätverket består av Council of Oulu Region och Regional Council of Lapland.\n"
    assert not any(n.endswith("Council") for n in works(extract(text)))


def test_funded_network_is_a_project_and_a_short_form_yields() -> None:
    text = (
        "Kvarken Film Network finansierat av Interreg Aurora riktar sig till unga. "
        "Vi leder nätverket BSR S3 Directors Network. Directors Network har bidragit.\n"
    )
    found = works(extract(text))
    assert found.get("Kvarken Film Network") is EntityType.PROJECT
    assert "Directors Network" not in found
