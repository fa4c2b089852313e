"""Finnish -virasto agencies and plural foundations; a translated name between a work's
name and its apposition; English task groups; a road after a project name."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType


def test_finnish_agency_and_plural_foundation_are_organisations() -> None:
    x = extract(
        "I nätverket ingår också Väylävirasto och Statens vegvesen. "
        "Kempestiftelserna har beviljat 24 miljoner kronor.\n"
    )
    assert {"Väylävirasto", "Kempestiftelserna"} <= orgs(x)


def test_translated_name_before_the_apposition_is_an_alias() -> None:
    x = extract(
        "I Luleå finns Hydrogen Valley North (Vätgasdalen Norr), ett partnerskap mellan "
        "Luleå tekniska universitet och Arctic Hydrogen AB.\n"
    )
    assert works(x).get("Hydrogen Valley North") is EntityType.ARENA
    arena = next(e for e in x.entities if e.name == "Hydrogen Valley North")
    assert "Vätgasdalen Norr" in arena.aliases
    assert ("Arctic Hydrogen AB", "Hydrogen Valley North") in related(x, RelationType.MEMBER_OF)


def test_english_group_named_for_its_task_is_an_arena_but_a_company_group_is_not() -> None:
    x = extract(
        "The Borderlands Transport Group brings together Trafikverket and Väylävirasto. "
        "The group is chaired by Troms fylkeskommune. Volvo Group supplies the buses.\n"
    )
    assert works(x).get("Borderlands Transport Group") is EntityType.ARENA
    assert "Volvo Group" not in works(x)
    assert ("Troms fylkeskommune", "Borderlands Transport Group") in related(x, RelationType.LEADS)


def test_the_road_a_project_runs_on_is_not_part_of_its_name() -> None:
    x = extract(
        "Trafikverket driver sedan 2024 pilotprojektet Elväg Nord på E4 mellan Luleå och Boden.\n"
    )
    assert "Elväg Nord" in works(x)
    assert "Elväg Nord på E4" not in works(x)


def test_a_regional_genitive_names_a_council() -> None:
    x = extract("Maria tar också över regionens plats i Norra Sveriges kompetensråd.\n")
    assert works(x).get("Norra Sveriges kompetensråd") is EntityType.ARENA


def test_a_dash_title_with_a_preposition_and_a_passive_agent_work() -> None:
    x = extract(
        "Projekt där vi är partner\n\n"
        "- Skolmat från fjällen – en förstudie som Torsta AB äger och som finansieras av "
        "Landsbygdsnätverket. Vi deltar i referensgruppen.\n"
    )
    assert works(x).get("Skolmat från fjällen") is EntityType.PROJECT
    leads = related(x, RelationType.LEADS)
    assert ("Torsta AB", "Skolmat från fjällen") in leads
    assert ("Torsta AB", "Landsbygdsnätverket") not in leads
