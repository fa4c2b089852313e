"""Shapes of a PDF follow-up report: a steering group with a short form of its own; a
cluster named with a sea area and run by "den ideella föreningen X"; support "inom
programmet X" is a funding programme; an acronym inside a company name; space-aligned
tables whose cells stand close or wrap, totals and activity rows."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType

REPORT = """4.2 Aktörer och samverkan

Strategin genomförs av många aktörer. Styrgruppen för smart specialisering (S3-styrgruppen) sammankallas av Region Norrbotten. I styrgruppen ingår Luleå tekniska universitet (LTU) och Norrbottens Kommuner.

Innovationsstödjarnätverket Norrbotten leds av LTU Business AB.

Processklustret Bottenviken samlar 38 medlemsföretag längs kusten och drivs av den ideella föreningen Processindustrin i Norr. Klustret har sedan 2024 stöd från Vinnova inom programmet Vinnväxt.

Tabell 4.2 Större projekt 2024–2025

Projekt                          Projektägare            Finansiär              Period
Testbäddsslussen Norrbotten      LTU Business AB         Tillväxtverket (ERUF)  2023–2026
Innovationslots Arktis           Almi Företagspartner    Region Norrbotten      2024–2026
                                 Nord AB
Summa                                                                           2023–2026

Tabell 5.1 Insatser

Insats                          Ansvarig              Finansiering
Kollektivtrafik i inlandet      Länstrafiken i        Region Norrbotten
                                Norrbotten AB
Bredband till sista byn         IT Norrbotten AB      Region Norrbotten

Inom Bredband till sista byn har 40 byar fått fiber.
"""  # noqa: E501


def test_a_steering_group_with_a_short_form_is_a_named_arena() -> None:
    x = extract(REPORT)
    name = "Styrgruppen för smart specialisering"
    assert works(x).get(name) is EntityType.ARENA
    assert ("Region Norrbotten", name) in related(x, RelationType.LEADS)
    assert ("Norrbottens Kommuner", name) in related(x, RelationType.MEMBER_OF)


def test_an_acronym_inside_a_company_name_is_not_the_university() -> None:
    leads = related(extract(REPORT), RelationType.LEADS)
    assert ("LTU Business AB", "Innovationsstödjarnätverket Norrbotten") in leads
    assert ("Luleå tekniska universitet", "Innovationsstödjarnätverket Norrbotten") not in leads


def test_a_cluster_its_association_and_a_funding_programme() -> None:
    x = extract(REPORT)
    assert works(x).get("Processklustret Bottenviken") is EntityType.ARENA
    assert "Vinnväxt" not in works(x)
    assert ("Processindustrin i Norr", "Processklustret Bottenviken") in related(
        x, RelationType.LEADS
    )
    assert ("Vinnova", "Processklustret Bottenviken") in related(x, RelationType.FUNDS)


def test_close_and_wrapped_table_cells() -> None:
    x = extract(REPORT)
    assert ("Tillväxtverket", "Testbäddsslussen Norrbotten") in related(x, RelationType.FUNDS)
    assert ("Almi Företagspartner Nord AB", "Innovationslots Arktis") in related(
        x, RelationType.LEADS
    )
    assert {"Nord AB", "Almi Företagspartner", "Norrbotten AB"}.isdisjoint(orgs(x))
    assert "Summa" not in works(x)


def test_activity_rows_count_when_named_again() -> None:
    x = extract(REPORT)
    assert "Kollektivtrafik i inlandet" not in works(x)
    assert works(x).get("Bredband till sista byn") is EntityType.PROJECT
    assert "Länstrafiken i Norrbotten AB" in orgs(x)


def test_a_table_cell_wrapped_at_a_hyphen() -> None:
    text = (
        "Tabell 3 Projekt\n\n"
        "  Projekt              Projektägare          Finansiär             Period\n"
        "  Kallt test Storsjön  Östersunds kommun     ERUF                  2023-2026\n"
        "  Hållbar besöks-      Jämtlands Handels-    Vinnova               2025-2027\n"
        "  ekonomi 2030         kammare\n\n"
        "I rådet ingår Almi Företagspartner Mitt AB, Jämtlands Handelskammare och Torsta AB.\n"
    )
    x = extract(text)
    assert works(x).get("Hållbar besöksekonomi 2030") is EntityType.PROJECT
    assert ("Jämtlands Handelskammare", "Hållbar besöksekonomi 2030") in related(
        x, RelationType.LEADS
    )
    assert {"Torsta AB", "Jämtlands Handelskammare"} <= orgs(x)
    assert not {"Hållbar", "Jämtlands Handelskammare och Torsta AB"} & orgs(x)


def test_a_narrow_table_with_a_rule_and_rows_wrapped_in_capitals() -> None:
    text = (
        "Tabell 3.1 Projekt\n\n"
        "Projekt           Projektägare      Partner           Finansiär\n"
        "-----------------------------------------------------------------\n"
        "Valideringsvägen  Kommunförbundet   Timrå kommun,     Svenska ESF-\n"
        "Mitt              Västernorrland    Kramfors kommun   rådet (ESF+)\n"
        "Industrispåret    Örnsköldsviks     Mittuniversitetet Region Väster-\n"
        "Ö-vik             kommun                              norrland\n"
        "-----------------------------------------------------------------\n"
        "Källa: förbundets projektregister.\n"
    )
    x = extract(text)
    found = works(x)
    assert found.get("Valideringsvägen Mitt") is EntityType.PROJECT
    assert found.get("Industrispåret Ö-vik") is EntityType.PROJECT
    assert ("Örnsköldsviks kommun", "Industrispåret Ö-vik") in related(x, RelationType.LEADS)
    assert ("Region Västernorrland", "Industrispåret Ö-vik") in related(x, RelationType.FUNDS)
    assert not any(name.startswith("Källa") for name in found)
