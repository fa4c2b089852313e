"""Report chapters whose priority and areas the outline does not know by name (bench/gold/
dev6 shapes): the area is the heading above the block an SDG list closes, the chapter is the
heading above the first area, a heading after the goals opens the next area, and field lines
("Lead partner: X") stay inside the item above."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from loaders.clean import clean_text
from loaders.structure import outline
from ontology.model import EntityType, RelationType

CHAPTER = """Kompetensförsörjning och livslångt lärande

Länet har en av landets äldsta befolkningar.

Utbildning och validering

Fler vuxna behöver kunna byta yrke utan att flytta.

Fast samverkansyta

Kompetensrådet Jämtland Härjedalen
Kompetensrådet är länets gemensamma plattform. Rådet leds av Region Jämtland Härjedalen.

Berörda globala mål

Mål 4: God utbildning för alla
Validering gör det lättare att lära nytt hela livet.

Mål 8: Anständiga arbetsvillkor och ekonomisk tillväxt
Rätt kompetens är en förutsättning för att företagen ska kunna växa.

Arbetsmarknad och etablering

Nyanlända är en viktig resurs för länets arbetsgivare.

Berörda globala mål

Mål 10 – Minskad ojämlikhet
Insatserna minskar skillnaderna i sysselsättning.
"""


def test_areas_and_chapter_come_from_the_headings_around_the_goal_lists() -> None:
    out = outline(clean_text(CHAPTER, "d").text, "strategy:x")
    areas = {(a.name, a.priority_name) for a in out.areas.values()}
    chapter = "Kompetensförsörjning och livslångt lärande"
    assert areas == {
        ("Utbildning och validering", chapter),
        ("Arbetsmarknad och etablering", chapter),
    }
    goals = {
        (it.section_path[-1], it.title.text.split()[1].rstrip(":"))
        for it in out.items
        if it.kind == "sdg"
    }
    assert goals == {
        ("Utbildning och validering", "4"),
        ("Utbildning och validering", "8"),
        ("Arbetsmarknad och etablering", "10"),
    }


def test_the_arena_under_the_area_is_no_area() -> None:
    x = extract(CHAPTER)
    areas = {e.name for e in x.entities if e.type is EntityType.STRATEGIC_AREA}
    assert "Kompetensrådet Jämtland Härjedalen" not in areas
    assert ("Region Jämtland Härjedalen", "Kompetensrådet Jämtland Härjedalen") in related(
        x, RelationType.LEADS
    )


LIST = """Interreg Aurora 2021–2027
Beviljade projekt – övervakningskommitténs möte 11 juni 2025

2. Gränslös vård i Tornedalen
Delområde: Aurora
Projektägare: Region Norrbotten
Partner: Haparanda stad, Tornion kaupunki
Total budget: 1 560 000

Projektet ska göra det möjligt att använda närmaste vårdcentral oavsett sida om gränsen.
"""


def test_field_lines_belong_to_the_numbered_item_above() -> None:
    x = extract(LIST)
    assert works(x) == {"Gränslös vård i Tornedalen": EntityType.PROJECT}
    assert ("Region Norrbotten", "Gränslös vård i Tornedalen") in related(x, RelationType.LEADS)
    assert ("Haparanda kommun", "Gränslös vård i Tornedalen") in related(x, RelationType.PARTNER_IN)


TABLE_CHAPTER = """5 Ett tillgängligt Norrbotten

Kapitlet redovisar två strategiska områden.

5.1 Transporter och infrastruktur

Arbetet med Norrbotniabanan har gått in i en ny fas.

Tabell 5.1 Urval av insatser 2024

Insats                          Ansvarig              Samverkanspart
Kollektivtrafik i inlandet      Länstrafiken i        Kommunerna i inlandet
                                Norrbotten AB

Aktuella Agenda 2030-mål
Mål 9: Hållbar industri, innovationer och infrastruktur
Mål 11: Hållbara städer och samhällen
"""


def test_captions_and_wrapped_cells_are_not_the_area() -> None:
    out = outline(clean_text(TABLE_CHAPTER, "d").text, "strategy:x")
    areas = {(a.name, a.priority_name) for a in out.areas.values()}
    assert areas == {("Transporter och infrastruktur", "Ett tillgängligt Norrbotten")}


def test_a_wrapped_cell_keeps_its_indentation() -> None:
    text = clean_text(TABLE_CHAPTER, "d").text
    assert "\n                                Norrbotten AB" in text


def test_a_programme_line_names_a_person_not_an_organisation() -> None:
    x = extract(
        "Medverkande:\nPer-Erik Holmberg, Norrbottens Handelskammare\nKarin Sjöberg, LKAB\n"
    )
    found = orgs(x)
    assert "Norrbottens Handelskammare" in found
    assert not found & {"Per-Erik Holmberg", "Karin Sjöberg"}


def test_field_values_without_a_role_are_no_organisations() -> None:
    x = extract(LIST.replace("Delområde: Aurora", "Delområde: Aurora\nLead partner: Lapin liitto"))
    found = orgs(x)
    assert "Aurora" not in found
    assert {"Lapin liitto", "Region Norrbotten"} <= found


def test_a_second_place_after_a_named_forum_is_where_it_met() -> None:
    x = extract("Resultaten presenterades på Klimatforum Norr i Umeå i oktober.\n")
    assert works(x) == {"Klimatforum Norr": EntityType.ARENA}


ABOUT_PAGE = """OM OSS

Matklustret är en klusterorganisation för livsmedelsföretag.

ARBETSGRUPPER

- Exportgruppen – leds av Jämtlands Bryggeri AB.

PROGRAM OCH PROJEKT DÄR VI ÄR PARTNER

- Arctic Food Routes – ett Interreg Aurora-projekt om matturism. Projektet leds av Trøndelag
  fylkeskommune.

BLI MEDLEM

Medlemskap är öppet för alla företag.
"""


def test_a_capitals_heading_closes_a_capitals_list() -> None:
    x = extract(ABOUT_PAGE)
    found = works(x)
    assert found.get("Exportgruppen") is EntityType.ARENA
    assert found.get("Arctic Food Routes") is EntityType.PROJECT  # its text says "projekt"
    assert not {"BLI MEDLEM", "PROGRAM OCH PROJEKT DÄR VI ÄR PARTNER"} & set(found)


def test_regional_councils_and_partnerships_named_with_places() -> None:
    x = extract(
        "Förbundet deltar i Regionala utvecklingsrådet Västernorrland och i Partnerskapet för "
        "Mellersta Norrland. Gällivare kommun ingår i Malmfältens samverkansråd.\n"
    )
    assert {
        "Regionala utvecklingsrådet Västernorrland",
        "Partnerskapet för Mellersta Norrland",
        "Malmfältens samverkansråd",
    } <= set(works(x))


AREAS_IN_GOAL_LIST = """Kapitel 5. Besöksnäring och kultur

5.1 Läget i länet

Antalet gästnätter ökade med fyra procent.

5.5 Aktuella Agenda 2030-mål

Kultur
- Mål 4 God utbildning för alla
- Mål 11 Hållbara städer och samhällen

Besöksnäring
- Mål 8 Anständiga arbetsvillkor och ekonomisk tillväxt

5.6 Bedömning

Utvecklingen går åt rätt håll.
"""


def test_areas_named_inside_the_goal_list() -> None:
    out = outline(clean_text(AREAS_IN_GOAL_LIST, "d").text, "strategy:x")
    chapter = "Besöksnäring och kultur"
    assert {(a.name, a.priority_name) for a in out.areas.values()} == {
        ("Kultur", chapter),
        ("Besöksnäring", chapter),
    }
    goals = [(it.section_path[-1], it.title.text) for it in out.items if it.kind == "sdg"]
    assert [area for area, _ in goals] == ["Kultur", "Kultur", "Besöksnäring"]
