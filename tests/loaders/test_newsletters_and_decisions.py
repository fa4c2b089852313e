"""Shapes of the fourth session's blind sets (dev17, dev18): a newsletter's contents list and
run-in titles, decision points of a committee, field lists with semicolons, a web page whose
sections follow a list of titled paragraphs, names in capitals, test beds and arenas."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType


def test_a_contents_line_is_no_page_title() -> None:
    text = (
        "Landsbygdsnytt\n\nI detta nummer\n- Nytt nätverk\n- Glesbygdsdagarna 2026\n\n"
        "NYTT NÄTVERK\n\nI februari bildades Lanthandelsnätverket Jämtland Härjedalen. Nätverket "
        "ska samla lanthandlar.\n\nRegion Jämtland Härjedalen samordnar nätverket.\n\n"
        "GLESBYGDSDAGARNA 2026\n\nGlesbygdsdagarna i Östersund arrangeras varje höst av "
        "Region Jämtland Härjedalen.\n"
    )
    leads = related(extract(text), RelationType.LEADS)
    assert ("Region Jämtland Härjedalen", "Lanthandelsnätverket Jämtland Härjedalen") in leads


def test_titles_under_a_heading_of_granted_projects() -> None:
    text = (
        "TVÅ PROJEKT BEVILJADE\n\nFäbodarnas framtid\nProjektet ska ta fram en modell. "
        "Projektägare är Jämtlands Fäbodförening.\n\nLaddsträckan Inlandsvägen\nStrömsunds "
        "kommun är projektägare för en satsning på snabbladdning.\n\nUTLYSNING\n\nText.\n"
    )
    x = extract(text)
    assert works(x).get("Laddsträckan Inlandsvägen") is EntityType.PROJECT
    assert works(x).get("Fäbodarnas framtid") is EntityType.PROJECT
    assert "Laddsträckan Inlandsvägen" not in orgs(x)


def test_a_year_before_a_name_in_apposition() -> None:
    x = extract(
        "Förbundet deltar sedan 2022 i Innovationsarenan Mitt, en plattform för offentlig "
        "sektors innovation som drivs av Region Västernorrland.\n"
    )
    assert "Innovationsarenan Mitt" in works(x)
    assert not any(name.startswith("2022") for name in works(x))


def test_parties_listed_with_semicolons_in_a_field() -> None:
    text = (
        "Nämnden beviljar medel till projektet Testflyg Inland.\n\n"
        "Testflyg Inland\nArvidsjaurs kommun äger projektet. Parter: Arjeplogs kommun; Lapplands "
        "Flygteknik AB; Luleå tekniska universitet.\n"
    )
    x = extract(text)
    partners = {o for o, w in related(x, RelationType.PARTNER_IN) if w == "Testflyg Inland"}
    assert partners == {"Arjeplogs kommun", "Lapplands Flygteknik AB", "Luleå tekniska universitet"}
    assert "Testflyg Inland" not in orgs(x)  # a title over prose, no organisation


def test_a_committees_numbered_decision_funds_for_its_region() -> None:
    text = (
        "REGION NORRBOTTEN\n\nRegionala utvecklingsnämnden beslutar\n1. att bevilja Piteå kommun "
        "850 000 kronor till förstudien Hamnlogistik Haraholmen,\n2. att medlen belastar "
        "anslaget.\n\nRegion Norrbotten tog emot elva ansökningar.\n"
    )
    x = extract(text)
    funds = related(x, RelationType.FUNDS)
    assert ("Region Norrbotten", "Hamnlogistik Haraholmen") in funds
    assert ("Piteå kommun", "Hamnlogistik Haraholmen") not in funds


def test_a_place_and_an_association_compound() -> None:
    assert "Kalix Turistförening" in orgs(extract("Ansökan från Kalix Turistförening avslås.\n"))


def test_a_page_section_after_titled_paragraphs_closes_the_list() -> None:
    text = (
        "Arbetsgrupper\n\nValideringsgruppen\nArbetsförmedlingen leder gruppen.\n\n"
        "Branschgrupp Industri och batteri\nSammankallande: Skellefteå kommun.\n\n"
        "Kopplade projekt\n\nFramtidsjobben i Skelleftedalen\nEtt ESF+-projekt där Skellefteå "
        "kommun är projektägare.\n\nValidering i vardagen\nFörstudien genomfördes av Lycksele "
        "kommun.\n\nAktuellt\n\n2026-11-18 · Dorotea kommun har ansökt om medlemskap.\n\n"
        "Kalender\n\n21 januari · Frukostwebbinarium om vägledning\n"
    )
    found = works(extract(text))
    assert found.get("Framtidsjobben i Skelleftedalen") is EntityType.PROJECT
    assert found.get("Valideringsgruppen") is EntityType.ARENA
    assert "Aktuellt" not in found and "Kalender" not in found


def test_a_tagline_says_what_the_title_names() -> None:
    text = (
        "Kompetensbron Västerbotten\nRegional kompetensplattform för ett län i omställning\n\n"
        "Plattformen drivs av Region Västerbotten.\n"
    )
    x = extract(text)
    assert works(x).get("Kompetensbron Västerbotten") is EntityType.ARENA
    assert ("Region Västerbotten", "Kompetensbron Västerbotten") in related(x, RelationType.LEADS)


def test_a_new_clause_after_comma_och_ends_the_agents() -> None:
    x = extract(
        "Inlandsdagarna är förbundets årliga konferens. Konferensen arrangeras varje år av "
        "Kommunalförbundet Norrbottens Inland, och 2025 medverkade bland andra Sametinget.\n"
    )
    leads = related(x, RelationType.LEADS)
    assert ("Kommunalförbundet Norrbottens Inland", "Inlandsdagarna") in leads
    assert ("Sametinget", "Inlandsdagarna") not in leads


def test_a_table_row_wrapped_with_an_empty_owner_cell() -> None:
    text = (
        "Projekt            Projektägare       Partner            Finansiär\n"
        "Öppna gruvdata     LTU                LKAB, Boliden      Vinnova\n"
        "Norr                                  Mineral AB\n"
        "Startplatta Norr   LTU Business AB    Piteå Science      Region Norrbotten\n"
    )
    x = extract(text)
    assert works(x).get("Öppna gruvdata Norr") is EntityType.PROJECT
    assert ("Boliden Mineral AB", "Öppna gruvdata Norr") in related(x, RelationType.PARTNER_IN)


def test_arenas_and_test_beds_named_with_their_place() -> None:
    x = extract(
        "Inledning.\n\nVinterprovningsarenan Nord samlar vintertester. Umeå universitet är "
        "huvudman för Testbädd Skogsraffinaderi, en pilotanläggning.\n\nDrönartestbädden "
        "Vindeln ägs av Vindelns kommun.\n"
    )
    found = works(x)
    assert found.get("Vinterprovningsarenan Nord") is EntityType.ARENA
    assert found.get("Testbädd Skogsraffinaderi") is EntityType.ARENA
    assert ("Vindelns kommun", "Drönartestbädden Vindeln") in related(x, RelationType.LEADS)


def test_a_line_ending_in_a_preposition_goes_on() -> None:
    text = (
        "3.2  Innovationsarenor\n\nVinterprovningsarenan Nord samlar fordonsindustrins\n"
        "vintertester på sjöarna. Arenan drivs av\nArvidsjaurs kommun i samverkan med\n"
        "Arjeplogs kommun. Testerna ökar.\n"
    )
    partners = related(extract(text), RelationType.PARTNER_IN)
    assert ("Arjeplogs kommun", "Vinterprovningsarenan Nord") in partners


def test_a_field_value_ends_with_its_line() -> None:
    text = (
        "Fakta: Malmfältens elförsörjningsråd\n• Ledamöter: Kiruna kommun; Gällivare kommun\n"
        "• Sammankallande: Region Norrbotten\n• Adjungerad: Länsstyrelsen Norrbotten\n"
    )
    x = extract(text)
    assert ("Kiruna kommun", "Malmfältens elförsörjningsråd") in related(x, RelationType.MEMBER_OF)
    leads = related(x, RelationType.LEADS)
    assert ("Region Norrbotten", "Malmfältens elförsörjningsråd") in leads
    assert ("Länsstyrelsen Norrbotten", "Malmfältens elförsörjningsråd") not in leads


def test_a_run_in_title_bounds_the_name() -> None:
    x = extract(
        "Arktisk värmelagring. Hur kan värme sparas? Det ska projektet Arktisk värmelagring ta "
        "reda på. Projektet drivs av Luleå tekniska universitet.\n"
    )
    assert "Arktisk värmelagring" in works(x)
    assert "Arktisk värmelagring ta reda" not in works(x)


def test_who_stands_behind_a_work_leads_it() -> None:
    x = extract(
        "Nyhetsbrev från Norrlandssamverkan EU. Bakom Norrlandssamverkan EU står Region "
        "Norrbotten och Luleå tekniska universitet.\n"
    )
    assert works(x).get("Norrlandssamverkan EU") is EntityType.ARENA
    assert ("Region Norrbotten", "Norrlandssamverkan EU") in related(x, RelationType.LEADS)


def test_a_section_title_its_first_sentence_calls_an_environment() -> None:
    text = (
        "# Innovationsmiljöer\n\nVid universitetet finns flera miljöer.\n\n## Polar Health Lab\n\n"
        "Polar Health Lab är en innovationsmiljö för digital vård. Medverkande organisationer: "
        "Skellefteå kommun och Storumans kommun.\n\n## Drönartestbädden Vindeln\n\n"
        "Drönartestbädden Vindeln ägs av Vindelns kommun.\n"
    )
    x = extract(text)
    assert works(x).get("Polar Health Lab") is EntityType.ARENA
    assert ("Storumans kommun", "Polar Health Lab") in related(x, RelationType.MEMBER_OF)
    assert ("Vindelns kommun", "Polar Health Lab") not in related(x, RelationType.LEADS)


def test_a_name_in_capitals_found_again_in_its_own_case() -> None:
    text = (
        "NYHETSBREV FRÅN NÄTVERKET KRAFT I INLANDET\n\nNYA MEDLEMMAR\nDorotea kommun är nya "
        "medlemmar i nätverket. Även Sorsele kommun har anslutit sig till Kraft i inlandet.\n"
    )
    x = extract(text)
    members = related(x, RelationType.MEMBER_OF)
    assert ("Dorotea kommun", "Kraft i inlandet") in members
    assert ("Sorsele kommun", "Kraft i inlandet") in members
