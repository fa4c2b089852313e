"""Organisation name boundaries (bench/gold/dev5 shapes): a county, country or branch that
belongs to the name, "&"/"och" inside company names, Norwegian and Sámi public bodies,
village associations, a comma apposition, and words that stand next to a name without
being part of it. Excerpts run through the real pipeline."""

from __future__ import annotations

from extracttools import extract, orgs

from ontology.model import EntityType


def test_a_county_or_country_after_the_head_belongs_to_the_name() -> None:
    x = extract(
        "Projektet, med Hushållningssällskapet Jämtlands län som projektägare, beviljas stöd. "
        "Länsstyrelsen Jämtlands län medfinansierar projektet.\n\n"
        "- Coompanion Jämtlands län – 400 000 kronor\n\n"
        "Koordinator är Naturresursinstitutet i Finland. Kommunen är medlem i Energikontoret "
        "i Mittsverige. I gruppen ingår Statsforvalteren i Troms og Finnmark.\n"
    )
    assert {
        "Hushållningssällskapet Jämtlands län",
        "Länsstyrelsen Jämtlands län",
        "Coompanion Jämtlands län",
        "Naturresursinstitutet i Finland",
        "Energikontoret i Mittsverige",
        "Statsforvalteren i Troms og Finnmark",
    } <= orgs(x)


def test_a_county_board_written_out_keeps_its_short_form_as_alias() -> None:
    x = extract("Länsstyrelsen i Jämtlands län leder arbetet.\n")
    board = next(e for e in x.entities if e.name == "Länsstyrelsen i Jämtlands län")
    assert "Länsstyrelsen Jämtland" in board.aliases


def test_a_foreign_sami_parliament_is_its_own_body_but_a_town_is_an_office() -> None:
    x = extract(
        "Projektpartner är Sámediggi och Sametinget i Norge. "
        "Trafikverket i Luleå ansvarar för vägarna.\n"
    )
    assert "Sametinget i Norge" in orgs(x)
    assert "Trafikverket" in orgs(x)
    assert "Trafikverket i Luleå" not in orgs(x)


def test_ampersand_and_och_inside_a_company_name() -> None:
    x = extract(
        "I nätverket ingår Örnsköldsviks Hamn och Logistik AB. Härnösand Energi & Miljö AB "
        "deltar också. Rådet består av Polismyndigheten, Region Västernorrland och "
        "Härnösandshus AB.\n"
    )
    found = orgs(x)
    assert {
        "Örnsköldsviks Hamn och Logistik AB",
        "Härnösand Energi & Miljö AB",
        "Härnösandshus AB",
        "Region Västernorrland",
    } <= found
    assert not {"Logistik AB", "Miljö AB", "Örnsköldsviks Hamn"} & found
    assert not any(name.startswith("Region Västernorrland och") for name in found)


def test_a_branch_name_after_a_known_body_or_a_type_word() -> None:
    x = extract(
        "Företaget har inlett samtal med Almi Invest Norrland om riskkapital. "
        "Gruppen sammankallas av Studieförbundet Vuxenskolan Västerbotten. "
        "Partner är Sveriges lantbruksuniversitet och UiT Norges arktiske universitet.\n\n"
        "| Nordmalings kommun | Företagarna Vännäs |\n"
    )
    assert {
        "Almi Invest Norrland",
        "Studieförbundet Vuxenskolan Västerbotten",
        "UiT Norges arktiske universitet",
        "Företagarna Vännäs",
    } <= orgs(x)


def test_a_genitive_county_without_lan_is_no_branch() -> None:
    x = extract("Företagarna Västerbottens styrelse har beslutat om en ny strategi.\n")
    assert "Företagarna" in orgs(x)
    assert not any("Västerbottens" in name for name in orgs(x))


def test_an_agency_office_in_a_county_and_a_person_after_a_type_word_stay_outside() -> None:
    x = extract(
        "Trafikverket i Jämtlands län ansvarar för vägen. Anna Berg är projektledare hos "
        "Hushållningssällskapet Anna Berg.\n"
    )
    assert {"Trafikverket", "Hushållningssällskapet"} <= orgs(x)
    assert not any(" i " in name or "Anna" in name for name in orgs(x))


def test_theatres_named_by_a_compound_are_organisations() -> None:
    x = extract(
        "Västerbottensteatern och Profilteatern har samproducerat en turnerande föreställning.\n"
    )
    assert {"Västerbottensteatern", "Profilteatern"} <= orgs(x)


def test_norwegian_public_bodies() -> None:
    x = extract(
        "REINROAD leds av Trafikverket i samverkan med Statens vegvesen. Projektet "
        "medfinansieras av Region Norrbotten och Troms fylkeskommune. Forumet arrangeras av "
        "Norske Reindriftsamers Landsforbund (NRL). Samarbetet omfattar även Trøndelag "
        "fylkeskommune.\n"
    )
    assert {
        "Statens vegvesen",
        "Troms fylkeskommune",
        "Norske Reindriftsamers Landsforbund",
        "Trøndelag fylkeskommune",
    } <= orgs(x)


def test_village_and_river_associations_are_organisations_not_arenas() -> None:
    x = extract(
        "Arbetsgruppen leds av Vännäs kommun. Vindelälvens fiskeråd och Tvärålunds byalag "
        "deltar. Vännäs byaråd har visat intresse.\n"
    )
    assert {"Vindelälvens fiskeråd", "Tvärålunds byalag", "Vännäs byaråd"} <= orgs(x)
    arenas = {e.name for e in x.entities if e.type is EntityType.ARENA}
    assert not {"Vindelälvens fiskeråd", "Vännäs byaråd"} & arenas


def test_a_short_name_with_its_descriptive_name_in_apposition() -> None:
    x = extract(
        "Partner på svensk sida är Ájtte, Svenskt Fjäll- och Samemuseum, och på finsk sida "
        "Lapplands universitet.\n"
    )
    assert "Ájtte, Svenskt Fjäll- och Samemuseum" in orgs(x)
    assert not {"Svenskt Fjäll", "Samemuseum", "Ájtte"} & orgs(x)


def test_labels_lists_and_programmes_are_not_parts_of_names() -> None:
    x = extract(
        "Bland medlemmarna finns Holmen, Nordfiber Kemi och universitetet. REINROAD leds av "
        "Trafikverket. Projektet finansieras av Interreg Aurora och medfinansieras av Region "
        "Norrbotten.\n\n"
        "Fiberbroar: 2024–2026. Projektägare Nordfiber Kemi AB. Partner Mittuniversitetet.\n"
    )
    found = orgs(x)
    assert "Nordfiber Kemi AB" in found
    assert (
        not {
            "Kemi och universitetet",
            "Projektägare Nordfiber Kemi AB",
            "Nordfiber Kemi",
            "Interreg Aurora",
        }
        & found
    )
