"""A municipality's "Våra samarbeten" page and an English partnership page (shapes first
seen in the blind dev12 set): plain headings over short descriptions, list sections for
networks, projects and the municipality's companies, notes after names, member lines."""

from __future__ import annotations

from extracttools import extract, related, works

from ontology.model import EntityType, RelationType

PAGE = """Arvidsjaurs kommun

* Start
* Projekt
* Kontakt

Våra samarbeten

Regionala nätverk och samverkan

Lapplandsgruppen
Lapplandsgruppen är ett samarbete mellan Arjeplogs kommun och Arvidsjaurs kommun.

Vintertestnätverket Arvidsjaur–Arjeplog
I Vintertestnätverket Arvidsjaur–Arjeplog möts testföretagen och kommunerna.

EU-projekt och andra projekt

Vägen in – Arvidsjaur (2024–2026)
Arbetsmarknadsprojekt för nyanlända. Arvidsjaurs kommun är projektägare.

Digital byaservice (avslutat 2023)
Kommunen var partner i projektet, som gav tolv byar digitala servicepunkter.

Kommunens bolag

Arvidsjaurhem AB
Kommunens bostadsbolag med cirka 700 lägenheter.

Kontakt

Box 90, 933 21 Arvidsjaur
"""


def test_sections_of_networks_and_projects_and_no_companies() -> None:
    found = works(extract(PAGE))
    assert found == {
        "Lapplandsgruppen": EntityType.ARENA,
        "Vintertestnätverket Arvidsjaur–Arjeplog": EntityType.ARENA,
        "Vägen in – Arvidsjaur": EntityType.PROJECT,
        "Digital byaservice": EntityType.PROJECT,
    }


ENGLISH = """Projects

Border Jobs Bridge (2024–2027)
Lead partner: Tornion kaupunki. Partners: Haparanda stad and Arbetsförmedlingen.

Members of the board:

Sanna Kuoljok, Jokkmokks kommun
Erik Öhman, LRF Norrbotten
"""


def test_english_project_list_and_member_lines() -> None:
    x = extract(ENGLISH)
    assert works(x) == {"Border Jobs Bridge": EntityType.PROJECT}
    assert ("Tornion kaupunki", "Border Jobs Bridge") in related(x, RelationType.LEADS)


def test_funding_after_med_ends_a_name() -> None:
    text = (
        "Region Norrbotten drev 2022–2024 pilotprojektet Hemleverans i glesbygd med stöd "
        "från Tillväxtverket.\n"
    )
    x = extract(text)
    assert works(x) == {"Hemleverans i glesbygd": EntityType.PROJECT}
    assert ("Tillväxtverket", "Hemleverans i glesbygd") in related(x, RelationType.FUNDS)


LEADER = """Beviljade projekt 2024–2025

Här redovisar vi de projekt som har fått stöd. Projekten har prioriterats av LAG och har
beviljats stöd av Jordbruksverket.

--- Beviljade 2024 ---

Byastuga för alla i Kåbdalis
Sökande: Kåbdalis byaförening
Beviljat stöd: 420 000 kr

--- Partnerskapet och LAG ---

Leader Norrbottensälvarna är ett partnerskap mellan offentlig och ideell sektor. I
partnerskapet ingår Arvidsjaurs kommun och LRF Norrbotten.
"""


def test_ruled_titles_close_lists_and_the_projects_are_granted() -> None:
    x = extract(LEADER)
    assert works(x) == {
        "Byastuga för alla i Kåbdalis": EntityType.PROJECT,
        "Leader Norrbottensälvarna": EntityType.ARENA,
    }
    assert ("Jordbruksverket", "Byastuga för alla i Kåbdalis") in related(x, RelationType.FUNDS)
    members = related(x, RelationType.MEMBER_OF)
    assert ("LRF Norrbotten", "Leader Norrbottensälvarna") in members


def test_english_cues() -> None:
    text = (
        "Projects\n\nSámi Language Tech North (2025–2027)\n"
        "Led by Sámi allaskuvla, in cooperation with Sametinget. Funded by Interreg Aurora "
        "and co-financed by Region Norrbotten.\n"
    )
    x = extract(text)
    assert ("Sámi allaskuvla", "Sámi Language Tech North") in related(x, RelationType.LEADS)
    assert ("Region Norrbotten", "Sámi Language Tech North") in related(x, RelationType.FUNDS)
    assert ("Sametinget", "Sámi Language Tech North") in related(x, RelationType.PARTNER_IN)


def test_news_item_names_its_subject_first_and_joining_is_membership() -> None:
    text = (
        "NYTT NÄTVERK\n\nDen 28 augusti samlades butiksägare från tolv byar i Vilhelmina för "
        "att bilda Butiksnätverket Västerbotten. Nätverket träffas fyra gånger per år. Förutom "
        "butikerna deltar Vilhelmina kommun och Sorsele kommun.\n\n"
        "• Region Västerbotten har blivit medlem i European Cold Regions Alliance (ECRA), ett "
        "nätverk för regioner i kalla klimat.\n"
    )
    members = related(extract(text), RelationType.MEMBER_OF)
    assert ("Sorsele kommun", "Butiksnätverket Västerbotten") in members
    assert ("Region Västerbotten", "European Cold Regions Alliance") in members


def test_named_subject_with_its_period_and_a_dated_event_merge() -> None:
    text = (
        "Aktuellt\n\nYrkesvux Inland (2024–2026) drivs av Lycksele kommun med stöd från "
        "Europeiska socialfonden+. Projektet samarbetar med Storumans kommun.\n\n"
        "Kompetensdagen 2025\n\nDen 12 mars arrangerades Kompetensdagen 2025 i Umeå. Nästa år "
        "hålls Kompetensdagen i Skellefteå, som varje år.\n"
    )
    x = extract(text)
    assert works(x).get("Yrkesvux Inland") is EntityType.PROJECT
    assert ("Lycksele kommun", "Yrkesvux Inland") in related(x, RelationType.LEADS)
    days = [e for e in x.entities if e.name.startswith("Kompetensdagen")]
    assert len(days) == 1


def test_member_list_grouped_by_country_headings() -> None:
    text = (
        "Arctic Borderlands Partnership\n\nAbout\n\nThe partnership works across borders.\n\n"
        "Members\n\nSweden\n- Region Norrbotten\n- Kiruna kommun\n\nFinland\n- Lapin liitto\n\n"
        "How we work\n\nKontakt\n- Region Västerbotten\n"
    )
    assert related(extract(text), RelationType.MEMBER_OF) == {
        ("Region Norrbotten", "Arctic Borderlands Partnership"),
        ("Kiruna kommun", "Arctic Borderlands Partnership"),
        ("Lapin liitto", "Arctic Borderlands Partnership"),
    }
