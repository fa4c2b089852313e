"""Another country's body keeps its own entity; decision points are no projects; bullets
whose next sentence says "Forskningsprojektet …"; "till" inside a project name."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType


def test_sametinget_in_norway_and_finland_are_bodies_of_their_own() -> None:
    x = extract("Rådet samlar Sametinget, Sametinget i Norge och Sametinget i Finland.\n")
    assert orgs(x) == {"Sametinget", "Sametinget i Norge", "Sametinget i Finland"}


def test_a_numbered_decision_point_is_no_project() -> None:
    text = (
        "Nämnden beslutar\n\n1. att Region Jämtland Härjedalen fortsatt ska delta i "
        "Mittnordenkommittén, som är ett gränsöverskridande samarbete mellan regionerna.\n"
    )
    assert not any(name.startswith("1.") for name in works(extract(text)))


def test_bullet_title_before_a_compound_work_noun() -> None:
    text = (
        "– Climate Adapted Grazing (CLIMGRAZE). Forskningsprojektet studerar vinterbete. "
        "Koordinator är Naturresursinstitutet i Finland.\n"
    )
    x = extract(text)
    assert works(x).get("Climate Adapted Grazing") is EntityType.PROJECT
    assert ("Naturresursinstitutet i Finland", "Climate Adapted Grazing") in related(
        x, RelationType.LEADS
    )


def test_till_joins_a_place_into_a_project_name() -> None:
    text = (
        "Kommunen deltar också i förstudien Fossilfri färjetrafik till Härnön, som leds av "
        "Trafikverket.\n"
    )
    assert "Fossilfri färjetrafik till Härnön" in works(extract(text))


def test_stage_number_stays_and_partner_cue_ends_a_name() -> None:
    text = (
        "Kommunstyrelsen beslutar att medfinansiera projektet Bredband Borgafjäll etapp 2, "
        "dnr 2025/41. Inom nätverket drivs projektet Trygga mötesplatser för unga i "
        "Norrbotten tillsammans med Ung Företagsamhet Norrbotten.\n"
    )
    found = works(extract(text))
    assert "Bredband Borgafjäll etapp 2" in found
    assert "Trygga mötesplatser för unga i Norrbotten" in found
